import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { progressHref, readProgress, saveProgress, type ReadingProgress } from './public-progress'

/**
 * What the chapter page adds when JavaScript runs. Without it the page is complete; these only
 * help: the block you are reading is marked in the contents, where you were is remembered in
 * THIS browser only (localStorage, see public-progress.ts), and a printout holds the transcripts.
 * Server rendering and the first client render are the same (nothing read before an effect).
 */

/** Marks the block in view and remembers it for "continue where you left off". Returns its anchor. */
export function useChapterReading({ chapter, anchors }: { chapter: string; anchors: string[] }): string | null {
  const [current, setCurrent] = useState<string | null>(null)
  const key = anchors.join(' ')
  useEffect(() => {
    if (anchors.length === 0) return
    // Opening the chapter counts as reading it, even before the first block scrolls into view.
    const saved = readProgress()
    if (!saved || saved.chapter !== chapter) saveProgress({ chapter, block: null })
    if (typeof IntersectionObserver === 'undefined') return
    const visible = new Set<string>()
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) visible.add(e.target.id)
          else visible.delete(e.target.id)
        }
        // The first block (in reading order) that is in view.
        const now = anchors.find((a) => visible.has(a))
        if (now) {
          setCurrent(now)
          saveProgress({ chapter, block: now })
        }
      },
      { rootMargin: '0px 0px -50% 0px' }
    )
    for (const id of anchors) {
      const el = document.getElementById(id)
      if (el) observer.observe(el)
    }
    return () => observer.disconnect()
    // `key` stands for `anchors` (a new array on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chapter, key])
  return current
}

/** On the chapter page: a link back to the block last read, when this browser remembers one and the reader did not come to a block already. */
export function ContinueHere({ chapter }: { chapter: string }) {
  const { t } = useTranslation('documentary')
  const [saved, setSaved] = useState<ReadingProgress | null>(null)
  useEffect(() => {
    const p = readProgress()
    if (p && p.chapter === chapter && p.block && !window.location.hash) setSaved(p)
  }, [chapter])
  if (!saved) return null
  return (
    <p className="doc-continue">
      <a href={`#${saved.block}`} className="button">
        {t('documentary:public.chapter.continueHere')}
      </a>
    </p>
  )
}

/** On the list of chapters: "continue reading <chapter>", when this browser remembers one that is still published. */
export function ContinueReading({ chapters }: { chapters: Array<{ slug: string; title: string }> }) {
  const { t } = useTranslation('documentary')
  const [saved, setSaved] = useState<{ href: string; title: string } | null>(null)
  const slugs = chapters.map((c) => c.slug).join(' ')
  useEffect(() => {
    const p = readProgress()
    const chapter = p ? chapters.find((c) => c.slug === p.chapter) : undefined
    if (p && chapter) setSaved({ href: progressHref(p), title: chapter.title })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slugs])
  if (!saved) return null
  return (
    <p className="doc-continue">
      <a href={saved.href} className="button button--primary">
        {t('documentary:public.index.continue', { title: saved.title })}
      </a>
    </p>
  )
}

/** Opens the transcripts (closed disclosures) while printing, and closes them again afterwards. */
export function usePrintOpensTranscripts() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = []
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>('.doc-block details:not([open])')]
      for (const d of opened) d.open = true
    }
    const after = () => {
      for (const d of opened) d.open = false
      opened = []
    }
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    return () => {
      window.removeEventListener('beforeprint', before)
      window.removeEventListener('afterprint', after)
    }
  }, [])
}
