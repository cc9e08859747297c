import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export type EditorBlock = {
  id: string
  kind: string
  hidden: string | null
  storyTitle: string | null
  text: string
  mediaKind: string | null
  reportRef: string | null
  facets: Record<string, string>
  contentNote: string | null
}

/** The chapter's blocks in order, each with whether readers see it now and, when not, why. */
export function EditorBlocks({ blocks, locked, comments }: { blocks: EditorBlock[]; locked: boolean; comments: Array<{ id: string; blockId: string | null; version: number; body: string }> }) {
  const { t } = useTranslation('documentary')
  if (blocks.length === 0) return <p>{t('staff.editor.blocks.empty')}</p>
  return (
    <ol className="stack">
      {blocks.map((b, i) => (
        <li key={b.id} className="card" id={`block-${b.id}`}>
          <h3>
            {t(`staff.blockKinds.${b.kind}`)}
            {b.storyTitle ? `: ${b.storyTitle}` : ''}
            {b.reportRef ? `: ${t(`staff.reports.${b.reportRef}`)}` : ''}
          </h3>
          {b.hidden ? <p className="field__error">{t(`staff.hidden.${b.hidden}`)}</p> : null}
          {b.contentNote ? <p className="muted">{t('staff.editor.blocks.contentNote', { note: b.contentNote })}</p> : null}
          {b.kind === 'help' ? (
            <p>{Object.entries(b.facets).map(([k, v]) => `${t(`staff.facets.${k}`)}: ${v}`).join(', ') || t('staff.editor.blocks.helpAny')}</p>
          ) : (
            <blockquote className="prewrap">{b.mediaKind ? `${t(`staff.mediaKinds.${b.mediaKind}`)} — ${b.text}` : b.text}</blockquote>
          )}
          {comments.filter((c) => c.blockId === b.id).map((c) => (
            <p key={c.id} className="muted">
              {t('staff.editor.blocks.comment', { version: c.version, body: c.body })}
            </p>
          ))}
          <div className="button-row">
            {!locked && i > 0 ? <BlockButton blockId={b.id} intent="moveBlock" direction="up" label={t('staff.editor.blocks.up')} /> : null}
            {!locked && i < blocks.length - 1 ? <BlockButton blockId={b.id} intent="moveBlock" direction="down" label={t('staff.editor.blocks.down')} /> : null}
            <BlockButton blockId={b.id} intent="removeBlock" label={t('staff.editor.blocks.remove')} />
          </div>
        </li>
      ))}
    </ol>
  )
}

function BlockButton({ blockId, intent, direction, label }: { blockId: string; intent: string; direction?: string; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="blockId" value={blockId} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button type="submit" className="button">
        {label}
      </button>
    </Form>
  )
}
