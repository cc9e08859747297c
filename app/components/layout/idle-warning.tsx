import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

const WARN_BEFORE_MS = 2 * 60 * 1000

/**
 * Staff sessions end after 30 idle minutes. Two minutes before, a dialog offers to stay
 * signed in (WCAG 2.2.1 Timing Adjustable); the session is extended by a request.
 */
export function IdleWarning({ idleSeconds }: { idleSeconds: number }) {
  const { t } = useTranslation()
  const fetcher = useFetcher()
  const dialog = useRef<HTMLDialogElement>(null)
  const [deadline, setDeadline] = useState(() => Date.now() + idleSeconds * 1000)

  useEffect(() => {
    const warnIn = Math.max(0, deadline - Date.now() - WARN_BEFORE_MS)
    const warn = setTimeout(() => dialog.current?.showModal(), warnIn)
    const end = setTimeout(() => window.location.assign('/inloggen'), Math.max(0, deadline - Date.now()))
    return () => {
      clearTimeout(warn)
      clearTimeout(end)
    }
  }, [deadline])

  function stay() {
    fetcher.submit(null, { method: 'post', action: '/sessie/verlengen' })
    dialog.current?.close()
    setDeadline(Date.now() + idleSeconds * 1000)
  }

  return (
    <dialog ref={dialog} aria-labelledby="idle-title" className="idle-dialog">
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p>{t('idle.body')}</p>
      <button type="button" className="button button--primary" onClick={stay}>
        {t('idle.stay')}
      </button>
    </dialog>
  )
}
