import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StatusMessage } from '~/components/forms'
import { BoardChapter } from '~/documentary/board-chapter'
import { loadBoardChapter, runBoardAction } from '~/documentary/board.server'
import { requireBoardMember } from '~/documentary/staff.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['documentary', 'validation'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const member = await requireBoardMember(request, context)
  const chapter = await loadBoardChapter({ member, chapterId: params.id ?? '', ip: clientIp(context) })
  if (!chapter) throw new Response('Not found', { status: 404 })
  const done = new URL(request.url).searchParams.get('klaar')
  return { ...chapter, done: done && /^[a-zA-Z]{1,30}$/.test(done) ? done : null, title: await getPageTitle(request, 'staff.board.chapterTitle', 'documentary') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const member = await requireBoardMember(request, context)
  const outcome = await runBoardAction({ request, member, chapterId: params.id ?? '' })
  if (!outcome) throw new Response('Not found', { status: 404 })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ intent: outcome.intent, result: outcome.result }, { status: outcome.status })
}

export default function BoardChapterPage() {
  const { t } = useTranslation('documentary')
  const { chapter, blocks, comments, myVerdict, status, done } = useLoaderData<typeof loader>()
  const last = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/beheer/klankbord">{t('staff.board.back')}</Link>
      </p>
      <h1>{chapter.title}</h1>
      {done ? <StatusMessage>{t(`staff.board.done.${done}`, { defaultValue: t('staff.editor.done.saved') })}</StatusMessage> : null}
      <BoardChapter chapter={chapter} blocks={blocks} comments={comments} myVerdict={myVerdict} status={status} last={last} />
    </div>
  )
}
