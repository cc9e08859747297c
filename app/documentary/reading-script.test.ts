import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseProgress, progressHref, PROGRESS_KEY } from './public-progress'
import { READING_SCRIPT } from './reading-script'

/**
 * The inline reading script (reading-script.ts) run against a small stand-in for the page's DOM:
 * only the elements it looks for, with the attributes the pages render. The browser journey
 * (e2e/documentary.spec.ts) runs it in Chromium.
 */
class El {
  attrs = new Map<string, string>()
  hidden = true
  href = ''
  textContent = ''
  open = false
  children: Record<string, El> = {}
  constructor(public id = '') {}
  getAttribute(n: string) {
    return this.attrs.get(n) ?? null
  }
  setAttribute(n: string, v: string) {
    this.attrs.set(n, v)
  }
  removeAttribute(n: string) {
    this.attrs.delete(n)
  }
  querySelector(sel: string) {
    return this.children[sel] ?? null
  }
}

type Page = { kind: 'list'; chapters: Record<string, string> } | { kind: 'chapter'; slug: string; blocks: readonly string[]; hash?: string }

function run(page: Page, store: Map<string, string> | 'refusing') {
  const list = new El()
  list.setAttribute('data-template', 'Verder lezen: {title}')
  list.children.a = new El()
  const here = new El()
  here.children.a = new El()
  const article = new El()
  const blocks = page.kind === 'chapter' ? page.blocks.map((id) => new El(id)) : []
  const contents = blocks.map((b) => Object.assign(new El(), { attrs: new Map([['href', `#${b.id}`]]) }))
  if (page.kind === 'chapter') article.setAttribute('data-doc-chapter', page.slug)
  let observed: ((entries: Array<{ isIntersecting: boolean; target: El }>) => void) | undefined
  const document = {
    querySelector(sel: string) {
      if (sel === '[data-doc-continue-list]') return page.kind === 'list' ? list : null
      if (sel === '[data-doc-chapter]') return page.kind === 'chapter' ? article : null
      if (sel === '[data-doc-continue]') return page.kind === 'chapter' ? here : null
      const slug = /^a\[data-doc-slug="(.*)"\]$/.exec(sel)?.[1]
      if (slug !== undefined && page.kind === 'list' && Object.hasOwn(page.chapters, slug)) return Object.assign(new El(), { textContent: page.chapters[slug] })
      return null
    },
    querySelectorAll(sel: string) {
      if (sel === '[data-doc-block]') return blocks
      if (sel === '.doc-contents a') return contents
      return []
    },
    getElementById: (id: string) => blocks.find((b) => b.id === id) ?? null,
  }
  const localStorage =
    store === 'refusing'
      ? {
          getItem: () => {
            throw new Error('denied')
          },
          setItem: () => {
            throw new Error('full')
          },
        }
      : { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) }
  class IntersectionObserver {
    constructor(callback: typeof observed) {
      observed = callback
    }
    observe() {}
  }
  const window = { addEventListener: () => {} }
  const location = { hash: page.kind === 'chapter' ? (page.hash ?? '') : '' }
  new Function('document', 'window', 'localStorage', 'location', 'IntersectionObserver', READING_SCRIPT)(document, window, localStorage, location, IntersectionObserver)
  return { list, here, blocks, contents, scroll: (id: string) => observed?.([{ isIntersecting: true, target: blocks.find((b) => b.id === id)! }]) }
}

const stored = (value: unknown) => new Map([[PROGRESS_KEY, typeof value === 'string' ? value : JSON.stringify(value)]])
const AT = '2026-12-07T10:00:00.000Z'

describe('the reading script on the list of chapters', () => {
  it('offers to continue exactly when the stored value passes parseProgress and its chapter is listed', () => {
    const slug = fc.constantFrom('werken-en-zwijgen', 'weg', '../x', 'A', '', 'a'.repeat(81))
    const block = fc.option(fc.constantFrom('blok-abc', 'blok-', '<img>', 'blok-' + 'a'.repeat(65), 'x'), { nil: undefined })
    const value = fc.oneof(
      fc.record({ chapter: slug, block: fc.oneof(block, fc.constant(null)), at: fc.constantFrom(AT, AT, 'gisteren') }).map((v) => JSON.stringify(v)),
      fc.record({ chapter: slug, block, at: fc.constantFrom(AT, '') }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.string(),
      fc.constantFrom('null', '[]', '{"__proto__":{"chapter":"weg"}}', `{"chapter":"weg","at":"${AT}","x":"${'a'.repeat(1000)}"}`),
    )
    fc.assert(
      fc.property(value, (raw) => {
        const { list } = run({ kind: 'list', chapters: { 'werken-en-zwijgen': 'Werken en zwijgen', weg: 'Weg' } }, stored(raw))
        const parsed = parseProgress(raw)
        const listed = parsed && ['werken-en-zwijgen', 'weg'].includes(parsed.chapter)
        expect(list.hidden).toBe(!listed)
        if (listed) {
          expect(list.children.a!.href).toBe(progressHref(parsed))
          expect(list.children.a!.textContent).toBe(`Verder lezen: ${parsed.chapter === 'weg' ? 'Weg' : 'Werken en zwijgen'}`)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('stays hidden, without an error, when storage refuses', () => {
    expect(run({ kind: 'list', chapters: { weg: 'Weg' } }, 'refusing').list.hidden).toBe(true)
  })
})

describe('the reading script on a chapter', () => {
  const chapter = { kind: 'chapter', slug: 'weg', blocks: ['blok-een', 'blok-twee'] } as const

  it('remembers the chapter when opened, then the block in view, and marks it in the contents', () => {
    const store = new Map<string, string>()
    const page = run(chapter, store)
    expect(parseProgress(store.get(PROGRESS_KEY))).toMatchObject({ chapter: 'weg', block: null })
    expect(page.here.hidden).toBe(true)
    page.scroll('blok-twee')
    expect(parseProgress(store.get(PROGRESS_KEY))).toMatchObject({ chapter: 'weg', block: 'blok-twee' })
    expect(page.contents.map((a) => a.getAttribute('aria-current'))).toEqual([null, 'location'])
  })

  it('offers the way back to the block last read, unless the reader came to a block already or the block is gone', () => {
    const last = { chapter: 'weg', block: 'blok-twee', at: AT }
    const back = run(chapter, stored(last))
    expect(back.here.hidden).toBe(false)
    expect(back.here.children.a!.href).toBe('#blok-twee')
    expect(run({ ...chapter, hash: '#blok-een' }, stored(last)).here.hidden).toBe(true)
    expect(run(chapter, stored({ ...last, block: 'blok-weg' })).here.hidden).toBe(true)
    expect(run(chapter, stored({ ...last, chapter: 'ander' })).here.hidden).toBe(true)
  })

  it('keeps the block last read when the chapter is opened again', () => {
    const store = stored({ chapter: 'weg', block: 'blok-twee', at: AT })
    run(chapter, store)
    expect(parseProgress(store.get(PROGRESS_KEY))?.block).toBe('blok-twee')
  })

  it('never throws when storage refuses', () => {
    const page = run(chapter, 'refusing')
    expect(() => page.scroll('blok-een')).not.toThrow()
    expect(page.here.hidden).toBe(true)
  })
})
