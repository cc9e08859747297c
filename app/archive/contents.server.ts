import type { ArchiveConsentRecord } from '~/consent/for-archive.server'
import type { ArchiveMedium, StoryForArchive } from '~/monument/for-archive.server'
import { storage } from '~/utils/storage.server'
import { mediaPaths } from './bagit'
import type { PayloadItem } from './build-bag.server'
import { consentJson, metadataXml, type ConsentRecordEntry, type PackageMedium, type PackageMetadata } from './metadata'

/**
 * What goes into a package's payload (data/): exactly what the archive consents promise.
 *   data/story.txt              the approved moderated title, an empty line, the approved text (UTF-8, as is)
 *   data/media/<n>-<kind>.<ext> each file whose owner chose "also to the archive" (the stored original)
 *   data/media/<n>-transcript.txt, <n>-captions.vtt   its moderated transcript and captions, when approved
 *   data/metadata.xml           Dublin Core terms with MDTO names (metadata.ts)
 *   data/consent.json           the consent records the package rests on
 */

const entry = (c: ArchiveConsentRecord): ConsentRecordEntry => ({
  purpose: c.purpose,
  textVersion: c.textVersion,
  fingerprint: c.fingerprint,
  grantedAt: c.grantedAt,
  channel: c.channel,
  locale: c.locale,
})

export function storyText(story: Pick<StoryForArchive, 'title' | 'body'>): string {
  return `${story.title}\n\n${story.body}`
}

export function buildPackageContents({
  ref,
  story,
  storyConsent,
  covered,
  mediaGrants,
  builtAt,
  recordedWith = null,
}: {
  ref: string
  story: StoryForArchive
  storyConsent: ArchiveConsentRecord
  covered: ArchiveMedium[]
  mediaGrants: Map<string, ArchiveConsentRecord>
  builtAt: Date
  /** Recorded with an interviewer (ADR 0030), from app/life-stories. */
  recordedWith?: PackageMetadata['recordedWith']
}): { payload: PayloadItem[] } {
  const payload: PayloadItem[] = [{ path: 'data/story.txt', open: async () => Buffer.from(storyText(story), 'utf8') }]
  const media: PackageMedium[] = []
  covered.forEach((m, i) => {
    const paths = mediaPaths(i + 1, m.kind, m.mime)
    payload.push({
      path: paths.original,
      store: true,
      open: async () => {
        const object = await storage.stream({ key: m.fileKey })
        if (!object) throw new Error(`archive package ${ref}: a medium's stored file is missing`)
        return object.body
      },
    })
    if (m.transcript) payload.push({ path: paths.transcript, open: async () => Buffer.from(m.transcript!, 'utf8') })
    if (m.captions) payload.push({ path: paths.captions, open: async () => Buffer.from(m.captions!, 'utf8') })
    media.push({
      id: m.id,
      kind: m.kind,
      mime: m.mime,
      bytes: m.byteSize,
      path: paths.original,
      description: m.description,
      transcriptPath: m.transcript ? paths.transcript : null,
      captionsPath: m.captions ? paths.captions : null,
      consent: entry(mediaGrants.get(m.id)!),
    })
  })
  const metadata = {
    ref,
    storyId: story.id,
    textVersion: story.textVersion,
    title: story.title,
    contentNote: story.contentNote,
    shownAs: story.shownAs,
    decades: story.decades,
    settings: story.settings,
    violenceKinds: story.violenceKinds,
    themes: story.themes,
    region: story.region,
    submittedAt: story.submittedAt,
    approvedAt: story.approvedAt,
    publishedAt: story.publishedAt,
    baggedAt: builtAt,
    storyConsent: entry(storyConsent),
    media,
    recordedWith,
  }
  payload.push({ path: 'data/metadata.xml', open: async () => Buffer.from(metadataXml(metadata), 'utf8') })
  payload.push({ path: 'data/consent.json', open: async () => Buffer.from(consentJson(metadata), 'utf8') })
  return { payload }
}
