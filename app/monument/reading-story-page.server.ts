import { DECADES, REGIONS, SETTINGS } from '~/facets/facets'
import { toLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { readingT } from '~/i18n/fixed-translator.server'
import { matchEntries } from '~/referrals/matching.server'
import { getReadableMedia } from './media-serve.server'
import { getReader } from './reading-reader.server'
import { oneOf, readingCacheHeaders } from './reading-schemas'
import { getVisibleStory } from './reading.server'

/**
 * Everything the public story page shows: the story (only its content note until the reader
 * chooses to go on), its readable media, and help that fits it. Throws the page's 404 for a
 * story this reader may not see.
 */
export async function loadStoryPage({ request, slug }: { request: Request; slug: string | null }) {
  const { signedIn, reader, viewer } = await getReader(request)
  const story = slug ? await getVisibleStory({ slug, reader }) : null
  // Withdrawn, hidden, removed, not shared with this reader or unknown: all the same 404.
  if (!story) throw new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  const locale = toLng(await i18next.getLocale(request))
  const showStory = !story.contentNote || new URL(request.url).searchParams.get('lezen') === 'ja'
  // Help that fits this story's setting and period (peer groups first, the Trimbos information point always), and the crisis lines.
  const [help, crisis, media] = await Promise.all([
    matchEntries({
      locale,
      setting: oneOf(SETTINGS, story.settings[0]),
      decade: oneOf(DECADES, story.decades[0]),
      region: oneOf(REGIONS, story.region),
      limit: 5,
    }),
    matchEntries({ locale, need: 'crisis', limit: 5 }),
    // Photos, audio and video with their own consent and transcripts; served by /media/<id>, which checks again on every request.
    showStory ? getReadableMedia({ storyId: story.id, viewer }) : Promise.resolve([]),
  ])
  const t = await readingT(request, ['reading', 'common'])
  return {
    page: {
      title: `${story.title || t('reading:story.untitled')} – ${t('common:siteName')}`,
      story: showStory ? story : { ...story, body: '', paragraphs: [] },
      showStory,
      media,
      help: help.map((m) => m.entry),
      crisis: crisis.map((m) => m.entry).filter((e) => e.kind === 'crisisLine'),
    },
    headers: readingCacheHeaders(signedIn),
  }
}
