/**
 * A medium's text is published text too (alt text/description, transcript, captions): it gets
 * the same marks and decisions as the story. Its marks live in pillory_marks with the field
 * `media:<media id>:<text>` (the column is plain text; the story's own fields keep their names).
 * Isomorphic: the review page lists these fields in the browser as well.
 */
export const MEDIA_TEXT_FIELDS = ['description', 'transcript', 'captions'] as const
export type MediaTextField = (typeof MEDIA_TEXT_FIELDS)[number]

export function mediaMarkField(mediaId: string, field: MediaTextField): string {
  return `media:${mediaId}:${field}`
}

export function parseMediaMarkField(field: string): { mediaId: string; field: MediaTextField } | null {
  const m = /^media:([0-9a-f-]{36}):(description|transcript|captions)$/.exec(field)
  return m ? { mediaId: m[1]!, field: m[2] as MediaTextField } : null
}
