import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

type Section = { title: string; paragraphs?: string[]; items?: string[] }

/**
 * A page of plain-language text kept in a namespace under `<page>.*` (title, lead and an
 * array of sections with paragraphs and/or items); `children` follow the sections.
 */
export function ContentPage({ page, ns = 'pages', children }: { page: string; ns?: string; children?: ReactNode }) {
  const { t } = useTranslation(ns)
  const sections = t(`${page}.sections`, { returnObjects: true }) as Section[]
  return (
    <article className="page prose">
      <h1>{t(`${page}.title`)}</h1>
      <p className="lead">{t(`${page}.lead`)}</p>
      {Array.isArray(sections)
        ? sections.map((section) => (
            <section key={section.title}>
              <h2>{section.title}</h2>
              {section.paragraphs?.map((p) => <p key={p}>{p}</p>)}
              {section.items ? (
                <ul>
                  {section.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              ) : null}
            </section>
          ))
        : null}
      {children}
    </article>
  )
}
