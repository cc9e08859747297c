import { readFileSync } from 'node:fs'
import path from 'node:path'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { supportedLngs } from '~/i18n/config'
import { getServerI18n } from '~/i18n/server-instances.server'
import { ContentPage, type ContentSection } from './content-page'

/** Every page rendered by <ContentPage>, with the namespace its text lives in. */
const CONTENT_PAGES = [
  { page: 'privacy', ns: 'pages' },
  { page: 'accessibility', ns: 'pages' },
  { page: 'about', ns: 'pages' },
  { page: 'contact', ns: 'pages' },
  { page: 'quickExit', ns: 'pages' },
  { page: 'professionals', ns: 'referrals' },
] as const

function render(lng: string, page: string, ns: string, toc = false) {
  return renderToStaticMarkup(
    <I18nextProvider i18n={getServerI18n(lng)}>
      <ContentPage page={page} ns={ns} toc={toc} />
    </I18nextProvider>,
  )
}

function sectionsOf(lng: string, ns: string, page: string): ContentSection[] {
  const file = JSON.parse(readFileSync(path.resolve('public/locales', lng, `${ns}.json`), 'utf8')) as Record<string, { sections: ContentSection[] }>
  return file[page]!.sections
}

const allSections = (sections: ContentSection[]): ContentSection[] => sections.flatMap((s) => [s, ...allSections(s.subsections ?? [])])

describe('ContentPage', () => {
  it('puts a list directly under the paragraph that introduces it, and what follows the list after it', () => {
    const i18n = getServerI18n('nl')
    i18n.addResourceBundle('nl', 'content-page-test', {
      demo: {
        title: 'T',
        lead: 'L',
        sections: [{ id: 'rights', title: 'Rechten', paragraphs: ['Eerst dit.', 'Je hebt deze rechten:'], items: ['inzien', 'verwijderen'], after: ['Een klacht kan ook.'] }],
      },
    })
    const html = render('nl', 'demo', 'content-page-test')
    expect(html).toContain('<p>Eerst dit.</p><p>Je hebt deze rechten:</p><ul><li>inzien</li><li>verwijderen</li></ul><p>Een klacht kan ook.</p>')
  })

  // The old bug: a section's paragraphs all came before its list, so "Je hebt deze rechten:"
  // was followed by a paragraph about complaints and only then by the rights.
  it.each(supportedLngs.flatMap((lng) => CONTENT_PAGES.map(({ page, ns }) => [lng, page, ns] as const)))('%s %s: every paragraph that introduces a list is directly followed by it', (lng, page, ns) => {
    const html = render(lng, page, ns)
    const intros = [...html.matchAll(/<p>([^<]*):<\/p>(<[a-z0-9]+)?/g)]
    for (const [, text, next] of intros) expect(next, `"${text}:" must be followed by its list`).toBe('<ul')
    // In the texts themselves: a list's introduction is the last paragraph before the list.
    for (const section of allSections(sectionsOf(lng, ns, page))) {
      const paragraphs = section.paragraphs ?? []
      const intro = paragraphs.findIndex((p) => p.trimEnd().endsWith(':'))
      if (intro >= 0) {
        expect(section.items, `${section.title}: an introduction without a list`).toBeDefined()
        expect(intro, `${section.title}: a paragraph between the introduction and the list`).toBe(paragraphs.length - 1)
      }
    }
  })

  it('lists the sections with an id as a table of contents whose links reach them', () => {
    const html = render('nl', 'privacy', 'pages', true)
    const links = [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1])
    expect(links.length).toBeGreaterThan(10)
    for (const id of links) expect(html).toContain(`<section id="${id}"`)
    expect(html).toMatch(/<nav class="toc" aria-labelledby="privacy-toc"><h2 id="privacy-toc">Inhoud<\/h2>/)
  })
})

describe('the statements', () => {
  const ids = (lng: string, page: string) => allSections(sectionsOf(lng, 'pages', page)).map((s) => s.id)

  // GDPR art. 13 and 14, point by point; the purposes per part of the portal.
  const PRIVACY_SECTIONS = [
    'controller', // 13(1)(a)
    'dpo', // 13(1)(b)
    'data', // 14(1)(d)
    'purposes', // 13(1)(c), 9(2)
    'purpose-account',
    'purpose-monument',
    'purpose-help',
    'purpose-scheme',
    'purpose-archive',
    'purpose-research',
    'purpose-documentary',
    'purpose-life-stories',
    'recipients', // 13(1)(e)
    'transfers', // 13(1)(f)
    'retention', // 13(2)(a)
    'rights', // 13(2)(b), (c)
    'complaint', // 13(2)(d)
    'automated-decisions', // 13(2)(f)
    'sources', // 14(2)(f)
    'security',
    'cookies',
  ]
  it.each(supportedLngs)('%s: the privacy statement has every section GDPR art. 13 and 14 ask for', (lng) => {
    expect(ids(lng, 'privacy')).toEqual(expect.arrayContaining(PRIVACY_SECTIONS))
    const text = JSON.stringify(sectionsOf(lng, 'pages', 'privacy'))
    for (const basis of ['6(1)(a)', '6(1)(e)', '9(2)(a)', '9(2)(g)', '9(2)(j)']) {
      const nl = basis.replace(/^(\d)\((\d)\)\((\w)\)$/, '$1 lid $2 onder $3')
      expect(text.includes(basis) || text.includes(nl), `legal basis ${basis}`).toBe(true)
    }
    expect(text).toContain('Autoriteit Persoonsgegevens')
    expect(text).toMatch(/BSN/)
  })

  // The Digitoegankelijk model statement.
  const ACCESSIBILITY_SECTIONS = ['scope', 'status', 'date', 'evaluation', 'known-problems', 'contact', 'escalation']
  it.each(supportedLngs)('%s: the accessibility statement has the model statement’s sections', (lng) => {
    expect(ids(lng, 'accessibility')).toEqual(expect.arrayContaining(ACCESSIBILITY_SECTIONS))
    const text = JSON.stringify(sectionsOf(lng, 'pages', 'accessibility'))
    expect(text).toMatch(/WCAG 2\.[12]/)
    expect(text).toMatch(/ombudsman/i)
    expect(text).toMatch(/2026/) // the statement's date
    // Every known problem says when it will be solved.
    for (const problem of sectionsOf(lng, 'pages', 'accessibility').find((s) => s.id === 'known-problems')!.items!) expect(problem).toMatch(/20\d\d/)
  })

  it('gives both statements the same section ids in every language', () => {
    for (const page of ['privacy', 'accessibility', 'quickExit']) for (const lng of supportedLngs) expect(ids(lng, page)).toEqual(ids('nl', page))
  })
})
