import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * One section of a content page, as kept in the locale file. Order on the page: `paragraphs`,
 * then `items` as a list, then `after`. So a paragraph that introduces the list ("You have
 * these rights:") is the last of `paragraphs` and sits directly above it; anything about the
 * list as a whole goes in `after`, never between the two.
 */
export type ContentSection = {
  /** Anchor for the table of contents; the same in every language. */
  id?: string
  title: string
  paragraphs?: string[]
  items?: string[]
  after?: string[]
  subsections?: ContentSection[]
}

function SectionBody({ section }: { section: ContentSection }) {
  return (
    <>
      {section.paragraphs?.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {section.items ? (
        <ul>
          {section.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
      {section.after?.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </>
  )
}

/**
 * A page of plain-language text kept in a namespace under `<page>.*` (title, lead and an
 * array of sections, see ContentSection); `children` follow the sections. With `toc`, the
 * sections that have an id are listed first as a table of contents with links to them.
 */
export function ContentPage({ page, ns = 'pages', toc = false, children }: { page: string; ns?: string; toc?: boolean; children?: ReactNode }) {
  const { t } = useTranslation(ns)
  const found = t(`${page}.sections`, { returnObjects: true }) as unknown
  const sections = Array.isArray(found) ? (found as ContentSection[]) : []
  const listed = toc ? sections.filter((s) => s.id) : []
  return (
    <article className="page prose">
      <h1>{t(`${page}.title`)}</h1>
      <p className="lead">{t(`${page}.lead`)}</p>
      {listed.length > 0 ? (
        <nav className="toc" aria-labelledby={`${page}-toc`}>
          <h2 id={`${page}-toc`}>{t('common:toc')}</h2>
          <ol>
            {listed.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {sections.map((section) => (
        <section key={section.id ?? section.title} id={section.id} aria-labelledby={section.id ? `${section.id}-title` : undefined}>
          <h2 id={section.id ? `${section.id}-title` : undefined}>{section.title}</h2>
          <SectionBody section={section} />
          {section.subsections?.map((sub) => (
            <section key={sub.id ?? sub.title} id={sub.id}>
              <h3>{sub.title}</h3>
              <SectionBody section={sub} />
            </section>
          ))}
        </section>
      ))}
      {children}
    </article>
  )
}
