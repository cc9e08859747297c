import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

/** Forgets the copies of typed text this tab keeps (the story editor's, see editor.tsx). */
export function clearTabCopies() {
  try {
    window.sessionStorage.clear()
  } catch {
    // Storage blocked: nothing was kept either.
  }
}

/** Leave at once: blank the page and replace it in history, so Back does not return here. */
function leave(url: string) {
  clearTabCopies()
  document.documentElement.style.visibility = 'hidden'
  document.title = ''
  window.location.replace(url)
}

/**
 * "Snel weg": a plain link without JavaScript; with JavaScript it replaces this page
 * (not adding a history entry) and also answers Escape pressed twice within a second.
 */
export function QuickExit({ url }: { url: string }) {
  const { t } = useTranslation()
  useEffect(() => {
    let last = 0
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      const now = Date.now()
      if (now - last < 1000) leave(url)
      last = now
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [url])
  return (
    <>
      <a
        className="quick-exit"
        href={url}
        rel="noreferrer noopener"
        onClick={(event) => {
          event.preventDefault()
          leave(url)
        }}
      >
        <span>{t('quickExit.label')}</span>
        <span className="quick-exit__hint">{t('quickExit.hint')}</span>
      </a>
      {/* Without JavaScript the link cannot replace this page in history: say how to clear it. */}
      <noscript>
        <a className="quick-exit__history" href="/snel-weg">
          {t('quickExit.historyLink')}
        </a>
      </noscript>
    </>
  )
}
