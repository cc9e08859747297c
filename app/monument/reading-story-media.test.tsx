import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ReadableMedia } from './media-serve.server'
import { StoryMediaSection } from './reading-story-media'

const medium = (kind: ReadableMedia['kind'], captions: boolean): ReadableMedia => ({
  id: `${kind}-1`,
  kind,
  mime: kind === 'audio' ? 'audio/ogg' : 'video/mp4',
  description: null,
  transcript: 'Wat er gezegd wordt.',
  url: `/media/${kind}-1`,
  variantUrls: {},
  captionsUrl: captions ? `/media/${kind}-1/captions` : null,
})

describe('StoryMediaSection', () => {
  it('labels the captions track with the language it is given, for audio and video', () => {
    const html = renderToStaticMarkup(<StoryMediaSection media={[medium('audio', true), medium('video', true)]} lang="en" />)
    expect(html.match(/<track [^>]*srcLang="en"/gi)).toHaveLength(2)
    expect(html).not.toMatch(/srcLang="nl"/i)
  })

  it('adds no track without captions, and shows the transcript either way', () => {
    const html = renderToStaticMarkup(<StoryMediaSection media={[medium('audio', false)]} lang="nl" />)
    expect(html).not.toContain('<track')
    expect(html).toContain('Wat er gezegd wordt.')
  })

  it('renders nothing without media', () => {
    expect(renderToStaticMarkup(<StoryMediaSection media={[]} lang="nl" />)).toBe('')
  })
})
