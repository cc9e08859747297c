import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AfterReading, ChapterBlock, ChapterContents, ChapterGate, ChapterNav } from '~/documentary/public-chapter'
import { loadChapterPage } from '~/documentary/public-pages.server'
import { ContinueHere, ReadingScript } from '~/documentary/public-reading'
import { themeLabel } from '~/documentary/public-theme'
import { PageHeading } from '~/components/layout/page-heading'
import documentaryStyles from '~/styles/documentary.css'
import { titleMeta } from '~/utils/meta'

export const handle = {
  i18n: ['documentary', 'reading', 'facets', 'referrals'],
}
export const meta = titleMeta
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: documentaryStyles }]

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

/** One chapter of the web documentary, only the blocks whose consent holds at this request. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = typeof params.chapter === 'string' && /^[a-z0-9-]{1,120}$/.test(params.chapter) ? params.chapter : null
  const { page, headers } = await loadChapterPage({ request, slug })
  return data(page, { headers })
}

export default function DocumentaryChapter() {
  const { chapter, showChapter, blocks, previous, next } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['documentary', 'facets'])
  return (
    <article className="page doc-chapter" data-doc-chapter={chapter.slug}>
      <PageHeading
        back={{
          to: '/documentaire',
          label: t('documentary:public.chapter.back'),
        }}
        title={chapter.title}
      />
      <p className="muted">{themeLabel(t, chapter.theme)}</p>
      {chapter.intro ? <p className="doc-chapter__intro preserve-lines">{chapter.intro}</p> : null}
      {!showChapter && chapter.contentNote ? (
        <ChapterGate note={chapter.contentNote} />
      ) : (
        <>
          {chapter.contentNote ? (
            <p className="muted content-note">
              <strong>{t('documentary:public.chapter.gate.title')}</strong> {chapter.contentNote}
            </p>
          ) : null}
          <ChapterContents blocks={blocks} />
          <ContinueHere />
          {blocks.length === 0 ? <p>{t('documentary:public.chapter.empty')}</p> : null}
          {blocks.map((block, i) => (
            <ChapterBlock key={block.id} block={block} next={blocks[i + 1]?.anchor ?? 'na-het-lezen'} lang={i18n.language} />
          ))}
          <AfterReading />
        </>
      )}
      <ChapterNav previous={previous} next={next} />
      <ReadingScript />
    </article>
  )
}
