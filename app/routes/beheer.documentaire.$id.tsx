import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, StatusMessage } from '~/components/forms'
import { ChapterFieldsForm } from '~/documentary/chapter-form'
import { AddBlockForms } from '~/documentary/editor-add-forms'
import { EditorBlocks } from '~/documentary/editor-blocks'
import { loadChapterEditor, requireCurator, runEditorAction } from '~/documentary/staff.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['documentary', 'validation', 'facets'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const curator = await requireCurator(request, context)
  const editor = await loadChapterEditor({ curator, chapterId: params.id ?? '', ip: clientIp(context) })
  if (!editor) throw new Response('Not found', { status: 404 })
  const done = new URL(request.url).searchParams.get('klaar')
  return { ...editor, done: done && /^[a-zA-Z]{1,30}$/.test(done) ? done : null, title: await getPageTitle(request, 'staff.editor.title', 'documentary') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const curator = await requireCurator(request, context)
  const outcome = await runEditorAction({ request, curator, chapterId: params.id ?? '' })
  if (!outcome) throw new Response('Not found', { status: 404 })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ intent: outcome.intent, result: outcome.result }, { status: outcome.status })
}

/** The chapter editor: the chapter's fields, its blocks, what may be added, review and publication. */
export default function ChapterEditor() {
  const { t } = useTranslation('documentary')
  const { chapter, blocks, pickable, status, feedback, done } = useLoaderData<typeof loader>()
  const last = useActionData<typeof action>()
  const [stateForm] = useForm({ id: 'chapter-state', lastResult: last && ['submitForReview', 'publish', 'unpublish'].includes(last.intent) ? last.result : undefined })
  const published = chapter.state === 'published'
  const next = chapter.state === 'in_review' ? 'publish' : published ? 'unpublish' : 'submitForReview'
  return (
    <div className="page page--wide">
      <p>
        <Link to="/beheer/documentaire">{t('staff.back')}</Link>{' · '}<Link to={`/beheer/documentaire/${chapter.id}/geschiedenis`}>{t('staff.history.link')}</Link>
      </p>
      <h1>{chapter.title}</h1>
      {done ? <StatusMessage>{t(`staff.editor.done.${done}`, { defaultValue: t('staff.editor.done.saved') })}</StatusMessage> : null}
      <p>{t('staff.editor.stateLine', { state: t(`staff.states.${chapter.state}`), version: chapter.version, approvals: status.approvals, required: status.required, objections: status.objections })}</p>
      <ErrorSummary form={stateForm} />
      <Form method="post" {...getFormProps(stateForm)}>
        <input type="hidden" name="intent" value={next} />
        <button type="submit" className="button button--primary">
          {t(`staff.editor.actions.${next}`)}
        </button>
      </Form>
      {feedback.reviews.length ? (
        <section aria-labelledby="reviews-title">
          <h2 id="reviews-title">{t('staff.editor.reviews')}</h2>
          <ul>
            {feedback.reviews.map((r) => (
              <li key={r.id}>{t(`staff.editor.verdicts.${r.verdict}`, { version: r.version, note: r.note ?? '' })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="blocks-title">
        <h2 id="blocks-title">{t('staff.editor.blocks.title')}</h2>
        <EditorBlocks blocks={blocks} locked={published} comments={feedback.comments} />
      </section>
      {published ? (
        <p>{t('staff.editor.publishedLocked')}</p>
      ) : (
        <>
          <section aria-labelledby="add-title">
            <h2 id="add-title">{t('staff.editor.add.title')}</h2>
            <AddBlockForms pickable={pickable} last={last} />
          </section>
          <section aria-labelledby="fields-title">
            <h2 id="fields-title">{t('staff.editor.fieldsTitle')}</h2>
            <ChapterFieldsForm intent="updateChapter" lastResult={last?.intent === 'updateChapter' ? last.result : undefined} defaults={chapter} />
          </section>
        </>
      )}
    </div>
  )
}
