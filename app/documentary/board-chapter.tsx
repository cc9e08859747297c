import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, TextAreaField } from '~/components/forms'

type Last = { intent: string; result: SubmissionResult<string[]> } | undefined
type BoardBlock = { id: string; kind: string; contentNote: string | null; text: string; mediaKind: string | null; reportRef: string | null; facets: Record<string, string> }

/** The draft chapter as the board reads it: no author names, a comment form per block, then the verdict. */
export function BoardChapter({ chapter, blocks, comments, myVerdict, status, last }: {
  chapter: { title: string; intro: string; contentNote: string | null; state: string; version: number }
  blocks: BoardBlock[]
  comments: Array<{ id: string; blockId: string | null; body: string }>
  myVerdict: string | null
  status: { approvals: number; objections: number; required: number }
  last: Last
}) {
  const { t } = useTranslation(['documentary', 'validation'])
  return (
    <>
      <p className="lead prewrap">{chapter.intro}</p>
      {chapter.contentNote ? <p className="muted">{t('staff.editor.blocks.contentNote', { note: chapter.contentNote })}</p> : null}
      <p>{t('staff.board.status', { version: chapter.version, approvals: status.approvals, required: status.required, objections: status.objections })}</p>
      <ol className="stack">
        {blocks.map((b) => (
          <li key={b.id} className="card">
            <h2>{t(`staff.blockKinds.${b.kind}`)}{b.reportRef ? `: ${t(`staff.reports.${b.reportRef}`)}` : ''}</h2>
            {b.contentNote ? <p className="muted">{t('staff.editor.blocks.contentNote', { note: b.contentNote })}</p> : null}
            {b.kind === 'help' ? <p>{Object.values(b.facets).join(', ') || t('staff.editor.blocks.helpAny')}</p> : <blockquote className="prewrap">{b.mediaKind ? `${t(`staff.mediaKinds.${b.mediaKind}`)} — ${b.text}` : b.text}</blockquote>}
            {comments.filter((c) => c.blockId === b.id).map((c) => (
              <p key={c.id} className="muted">{t('staff.board.commentShown', { body: c.body })}</p>
            ))}
            <BoardForm id={`comment-${b.id}`} intent="comment" last={last} submit={t('staff.board.comment')} hidden={{ blockId: b.id }} field="body" label={t('staff.board.commentField')} />
          </li>
        ))}
      </ol>
      {chapter.state !== 'in_review' ? (
        <p>{t('staff.board.waiting')}</p>
      ) : myVerdict ? (
        <p>{t(`staff.board.yourVerdict.${myVerdict}`)}</p>
      ) : (
        <section aria-labelledby="verdict-title">
          <h2 id="verdict-title">{t('staff.board.verdictTitle')}</h2>
          <BoardForm id="approve" intent="approve" last={last} submit={t('staff.board.approve')} hidden={{ version: String(chapter.version) }} field="note" label={t('staff.board.approveNote')} />
          <BoardForm id="changes" intent="changes" last={last} submit={t('staff.board.changes')} hidden={{ version: String(chapter.version) }} field="note" label={t('staff.board.changesNote')} />
        </section>
      )}
    </>
  )
}

function BoardForm({ id, intent, last, submit, hidden, field, label }: { id: string; intent: string; last: Last; submit: string; hidden: Record<string, string>; field: 'body' | 'note'; label: string }) {
  const own = last?.intent === intent && (intent !== 'comment' || last.result.initialValue?.blockId === hidden.blockId)
  const [form, fields] = useForm<{ body: string; note: string }>({ id, lastResult: own ? last!.result : undefined, shouldValidate: 'onSubmit' })
  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <TextAreaField meta={fields[field]} label={label} rows={3} />
        <button type="submit" className="button">
          {submit}
        </button>
      </Form>
    </>
  )
}
