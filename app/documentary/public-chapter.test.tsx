import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { getServerI18n } from '~/i18n/server-instances.server'
import { ChapterBlock } from './public-chapter'
import { blockAnchor, parseProgress, progressHref, PROGRESS_KEY } from './public-progress'
import type { PublicBlock } from './public-types'

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={getServerI18n('nl')}>{node}</I18nextProvider>)

describe('a medium block', () => {
  const block: PublicBlock = {
    id: '0b6f9a8e-1111-4222-8333-444455556666',
    anchor: blockAnchor('0b6f9a8e-1111-4222-8333-444455556666'),
    contentNote: 'Over straf.',
    kind: 'medium',
    medium: { id: 'm1', kind: 'audio', url: '/media/m1', captionsUrl: '/media/m1/captions', description: 'Mijn stem', transcript: 'Wat ik vertel.' },
  }

  it('has its content note before it, with a way past it to the next block, then the player with captions and transcript', () => {
    const html = render(<ChapterBlock block={block} next="blok-volgende" lang="nl" />)
    expect(html).toMatch(/^<section id="blok-0b6f9a8e-1111-4222-8333-444455556666"/)
    const note = html.indexOf('Over straf.')
    const player = html.indexOf('<audio')
    expect(note).toBeGreaterThan(0)
    expect(player).toBeGreaterThan(note)
    expect(html).toContain('href="#blok-volgende"')
    expect(html).toMatch(/<track kind="captions" src="\/media\/m1\/captions" srcLang="nl"/)
    expect(html).toContain('Wat ik vertel.')
    expect(html).toContain('preload="none"')
  })
})

describe('reading progress, kept in the browser only', () => {
  it('reads back a chapter and block and leads back to them', () => {
    const p = parseProgress(JSON.stringify({ chapter: 'werken-en-zwijgen', block: 'blok-abc', at: '2026-12-07T12:00:00.000Z' }))
    expect(p).toEqual({ chapter: 'werken-en-zwijgen', block: 'blok-abc', at: '2026-12-07T12:00:00.000Z' })
    expect(progressHref(p!)).toBe('/documentaire/werken-en-zwijgen#blok-abc')
    expect(PROGRESS_KEY).toBe('documentaire:voortgang')
  })

  it('ignores whatever else is stored under its key', () => {
    for (const raw of ['', 'nope', '{}', 'null', '[]', '{"chapter":"../x","block":null,"at":"2026-12-07"}', '{"chapter":"a","block":"<img>","at":"2026-12-07"}', '{"__proto__":{"chapter":"a"}}', `{"chapter":"${'a'.repeat(2000)}"}`]) {
      expect(parseProgress(raw), raw.slice(0, 40)).toBeNull()
    }
  })
})
