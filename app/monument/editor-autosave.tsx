import { useFetcher } from '@remix-run/react'
import { useEffect, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { formatTime } from '~/utils/format-date'
import type { EditorActionData } from './editor-data'

/** Debounced save while typing (JavaScript only): keeps the revision in step with the server. */
export function useAutosave(formRef: RefObject<HTMLFormElement>, initialRevision: number, actionRevision: number | undefined) {
  const fetcher = useFetcher<EditorActionData>()
  const [revision, setRevision] = useState(initialRevision)
  const { submit } = fetcher
  useEffect(() => {
    if (actionRevision !== undefined) setRevision(actionRevision)
  }, [actionRevision])
  useEffect(() => {
    if (fetcher.data?.autosaved && fetcher.data.revision !== undefined) setRevision(fetcher.data.revision)
  }, [fetcher.data])
  useEffect(() => {
    const form = formRef.current
    if (!form) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const onInput = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        // Offline, a failed request would only show an error page; the tab's copy holds the text.
        if (!navigator.onLine) return
        const body = new FormData(form)
        body.set('intent', 'autosave')
        submit(body, { method: 'post' })
      }, 2500)
    }
    form.addEventListener('input', onInput)
    form.addEventListener('change', onInput)
    return () => {
      clearTimeout(timer)
      form.removeEventListener('input', onInput)
      form.removeEventListener('change', onInput)
    }
  }, [formRef, submit])
  const status = fetcher.data?.autosaved ? 'saved' : fetcher.data && !fetcher.data.autosaved ? 'failed' : null
  return { revision, status, savedAt: fetcher.data?.savedAt }
}

export function AutosaveStatus({ status, savedAt }: { status: string | null; savedAt?: string }) {
  const { t, i18n } = useTranslation('monument')
  const time = savedAt ? formatTime(savedAt, i18n.language) : ''
  return (
    <p className="autosave-status" role="status">
      {status === 'saved' ? t('editor.autosave.saved', { time }) : status === 'failed' ? t('editor.autosave.failed') : null}
    </p>
  )
}
