import { useEffect, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'

const backupKey = (storyId: string) => `story-text:${storyId}`
const TEXT_FIELDS = ['title', 'body', 'contentNote'] as const
type TextValues = Record<(typeof TEXT_FIELDS)[number], string>

function readForm(form: HTMLFormElement): TextValues {
  const data = new FormData(form)
  const value = (name: string) => {
    const v = data.get(name)
    return typeof v === 'string' ? v : ''
  }
  return { title: value('title'), body: value('body'), contentNote: value('contentNote') }
}

/**
 * A copy of the text in this browser tab (sessionStorage: gone when the tab closes, and the
 * quick exit clears it), so a lost connection cannot take what was typed: the autosave and
 * the save buttons need the network, this copy does not. When the page opens with a copy
 * that differs from the saved draft, the survivor chooses whether to put it back. A submit
 * while offline stays on the page with a message instead of failing.
 */
export function useTabBackup(formRef: RefObject<HTMLFormElement>, storyId: string, saved: TextValues) {
  const [found, setFound] = useState<TextValues | null>(null)
  const [offline, setOffline] = useState(false)
  useEffect(() => {
    const form = formRef.current
    if (!form) return
    let copy: TextValues | null = null
    try {
      copy = JSON.parse(window.sessionStorage.getItem(backupKey(storyId)) ?? 'null') as TextValues | null
    } catch {
      copy = null
    }
    if (copy && TEXT_FIELDS.some((f) => (copy[f] ?? '') !== (saved[f] ?? ''))) setFound(copy)
    else window.sessionStorage.removeItem(backupKey(storyId))
    let timer: ReturnType<typeof setTimeout> | undefined
    const onInput = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        try {
          window.sessionStorage.setItem(backupKey(storyId), JSON.stringify(readForm(form)))
        } catch {
          // Storage full or refused: the autosave still runs.
        }
      }, 400)
    }
    const onSubmit = (event: SubmitEvent) => {
      if (navigator.onLine) return
      event.preventDefault()
      event.stopImmediatePropagation()
      setOffline(true)
    }
    const onOnline = () => setOffline(false)
    form.addEventListener('input', onInput)
    form.addEventListener('submit', onSubmit, true)
    window.addEventListener('online', onOnline)
    return () => {
      clearTimeout(timer)
      form.removeEventListener('input', onInput)
      form.removeEventListener('submit', onSubmit, true)
      window.removeEventListener('online', onOnline)
    }
    // Only when the page opens: later saves change `saved`, the copy follows the typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, storyId])
  const restore = () => {
    const form = formRef.current
    if (!form || !found) return
    for (const name of TEXT_FIELDS) {
      const field = form.elements.namedItem(name)
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = found[name] ?? ''
    }
    form.dispatchEvent(new Event('input', { bubbles: true }))
    setFound(null)
  }
  const dismiss = () => {
    window.sessionStorage.removeItem(backupKey(storyId))
    setFound(null)
  }
  return { found: found !== null, offline, restore, dismiss }
}

export function TabBackupNotice({ backup }: { backup: ReturnType<typeof useTabBackup> }) {
  const { t } = useTranslation('monument')
  return (
    <>
      {backup.offline ? (
        <div className="notice" role="alert">
          <p>{t('editor.tabBackup.offline')}</p>
        </div>
      ) : null}
      {backup.found ? (
        <div className="notice" role="status">
          <p>{t('editor.tabBackup.found')}</p>
          <p>
            <button type="button" className="button button--primary" onClick={backup.restore}>
              {t('editor.tabBackup.restore')}
            </button>{' '}
            <button type="button" className="button" onClick={backup.dismiss}>
              {t('editor.tabBackup.dismiss')}
            </button>
          </p>
        </div>
      ) : null}
    </>
  )
}
