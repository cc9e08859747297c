/**
 * The archivist's transfer queue: stories whose author holds a current
 * 'monument.archiveTransfer' consent and which have an approved moderated text.
 */
export type ArchiveQueueItem = {
  storyId: string
  title: string
  consentGivenAt: Date
  consentTextVersion: string
  /** Which approved moderated text is current (approval date and a fingerprint of the text). */
  textVersion: string
  media: Array<{ id: string; kind: 'photo' | 'audio' | 'video'; covered: boolean }>
  latestPackage: { ref: string; builtAt: Date; handedOverAt: Date | null; receiptReference: string | null } | null
}

export async function listArchiveQueue(): Promise<ArchiveQueueItem[]> {
  throw new Error('not implemented yet')
}
