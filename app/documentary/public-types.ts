import type { ContactLink } from '~/referrals/format'

/** What the public chapter page receives per block (built by public-pages.server.ts). */
type Base = { id: string; anchor: string; contentNote: string | null }

export type PublicMedium = {
  id: string
  kind: 'photo' | 'audio' | 'video'
  url: string
  captionsUrl: string | null
  description: string | null
  transcript: string | null
}

export type PublicHelpEntry = {
  slug: string
  name: string
  kind: string
  description: string
  forWhom: string
  contacts: ContactLink[]
}

export type PublicBlock =
  | (Base & {
      kind: 'story'
      storySlug: string
      storyTitle: string
      paragraphs: string[]
      whole: boolean
    })
  | (Base & { kind: 'medium'; medium: PublicMedium })
  | (Base & { kind: 'report'; reportRef: string; paragraphs: string[] })
  | (Base & { kind: 'text'; paragraphs: string[] })
  | (Base & { kind: 'help'; entries: PublicHelpEntry[] })

export type PublicChapterLink = { slug: string; title: string }

export type PublicTheme = { kind: string; value: string }
