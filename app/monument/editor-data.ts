import type { SubmissionResult } from '@conform-to/react'
import type { loadStoryEditor } from './editor.server'

/** What the editor page's loader gives the editor components. */
export type EditorData = Awaited<ReturnType<typeof loadStoryEditor>>
export type StoryView = EditorData['story']
export type MediaView = EditorData['media'][number]

/** What the editor page's action answers instead of a redirect (see runStoryEditorAction). */
export type EditorActionData = {
  step?: string
  result?: SubmissionResult<string[]>
  revision?: number
  autosaved?: boolean
  savedAt?: string
  submitError?: string
  fields?: string[]
  deleteError?: string
  error?: string
}
