import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { AuditActor } from '~/audit/audit.server'
import { discardAudio, readRegistrationForm } from './audio.server'
import { RegisterLifeStorySchema } from './schemas'
import { registerLifeStory } from './staff.server'

/**
 * The registration form's action: reads the multipart form (the audio streamed into storage),
 * validates, registers. Anything refused comes back with the message next to its field and
 * everything typed kept; refused or cut-off audio leaves nothing in storage.
 */
type RegisterOutcome = { redirectTo: string } | { result: SubmissionResult<string[]>; status: 400 }

export async function runRegisterAction({ request, archivist, ip }: { request: Request; archivist: AuditActor; ip?: string | null }): Promise<RegisterOutcome> {
  const read = await readRegistrationForm(request)
  if (!read.ok) {
    const form = new FormData()
    for (const [k, v] of Object.entries(read.fields)) form.set(k, v)
    const s = parseWithZod(form, { schema: RegisterLifeStorySchema })
    const key = read.reason === 'tooLarge' ? 'lifeStories:register.errors.formTooLarge' : 'lifeStories:register.errors.interrupted'
    return { result: s.reply({ formErrors: [key] }), status: 400 as const }
  }
  const s = parseWithZod(read.form, { schema: RegisterLifeStorySchema })
  const audio = read.audio
  if (s.status !== 'success' || (audio && 'error' in audio)) {
    await discardAudio(audio)
    const fieldErrors = audio && 'error' in audio ? { audio: [audio.error] } : undefined
    return { result: s.reply(fieldErrors ? { fieldErrors } : undefined), status: 400 as const }
  }
  const id = await registerLifeStory({ archivist, value: s.value, audio, request, ip })
  return { redirectTo: `/beheer/levensverhalen/${id}?klaar=registered` }
}
