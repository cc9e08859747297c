import { grantConsent } from '~/consent/consent.server'
import { saveModeratedVersion } from '~/monument/for-moderation.server'
import { createTestStoryWithMedia } from '~/monument/for-moderation-testing.server'
import { approveModeratedVersion, moderatedVersionFingerprint } from '~/monument/story-steps.server'

export const TEST_CAPTIONS = 'WEBVTT\n\n00:00.000 --> 00:01.000\nIk was negen.\n'

/**
 * Test-only: a story as the archive queue sees it, made through the real steps: written with a
 * photo and an audio file (transcript and captions), moderated (texts included), approved by
 * its author, and with the author's archive consent. `mediaConsent` says per medium whether
 * "also to the archive" was chosen (default: both).
 */
export async function createArchivableStory({
  authorId,
  title = 'Mijn tijd in het tehuis',
  body = 'Ik was negen toen ik werd geplaatst.\nDaarna kwam ik in een groep.',
  mediaConsent = [true, true],
  storyConsent = true,
}: {
  authorId: string
  title?: string
  body?: string
  mediaConsent?: [boolean, boolean]
  storyConsent?: boolean
}) {
  const { story, media } = await createTestStoryWithMedia({
    authorId,
    title,
    body,
    media: [
      { kind: 'photo', description: 'De voorkant van het tehuis' },
      { kind: 'audio', description: 'Ik vertel', transcript: 'Ik was negen.', captions: TEST_CAPTIONS },
    ],
  })
  await saveModeratedVersion({
    storyId: story.id,
    status: 'awaitingAuthor',
    title,
    body,
    contentNote: null,
    media: [
      { mediaId: media[0]!.id, description: 'De voorkant van het tehuis', transcript: null, captions: null },
      { mediaId: media[1]!.id, description: 'Ik vertel', transcript: 'Ik was negen.', captions: TEST_CAPTIONS },
    ],
  })
  const seenVersion = moderatedVersionFingerprint({ publishedTitle: title, publishedBody: body, publishedContentNote: null })
  const approved = await approveModeratedVersion({ authorId, storyId: story.id, seenVersion })
  if (!approved.ok) throw new Error(`test story not approved: ${approved.reason}`)
  const base = { subjectRef: authorId, userId: authorId, locale: 'nl' as const, channel: 'web' as const }
  if (storyConsent) await grantConsent({ ...base, objectType: 'story', objectId: story.id, purpose: 'monument.archiveTransfer' })
  for (const [i, m] of media.entries()) {
    if (mediaConsent[i]) await grantConsent({ ...base, objectType: 'media', objectId: m.id, purpose: 'media.archiveTransfer' })
  }
  return { story, photo: media[0]!, audio: media[1]! }
}
