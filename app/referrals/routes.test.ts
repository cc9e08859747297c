import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { seedReferrals } from '@db/seed/referrals'
import * as detailRoute from '~/routes/hulp.$slug'
import * as directoryRoute from '~/routes/hulp._index'
import * as professionalsRoute from '~/routes/hulp.professionals'

beforeAll(() => seedReferrals(db))
afterAll(() => closeDb())

const args = (url: string, params: Record<string, string> = {}, lang = 'nl-NL'): LoaderFunctionArgs => ({
  request: new Request(url, { headers: { 'Accept-Language': lang } }),
  params,
  context: { cspNonce: 'test', clientIp: '127.0.0.1' },
})

describe('/hulp loader', () => {
  it('reads the filters from the query and keeps crisis lines first', async () => {
    const data = await directoryRoute.loader(args('http://localhost/hulp?setting=residentialGroup&language=nl&need=&region=bogus'))
    expect(data.filters).toEqual({ setting: 'residentialGroup', language: 'nl', need: undefined, region: undefined })
    expect(data.entries.slice(0, 3).every((e) => e.kind === 'crisisLine')).toBe(true)
    expect(data.entries.map((e) => e.slug)).toContain('kinderdwangarbeid-meisjes-goede-herder')
    expect(data.entries.map((e) => e.slug)).not.toContain('platform-misstanden-psychiatrie')
    expect(data.title).toBe('Hulp en steun – Erkenningsportaal jeugdzorg')
  })

  it('says public pages may be cached but must be revalidated', () => {
    const headers = new Headers(directoryRoute.headers({} as never))
    expect(headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate')
    expect(headers.get('Vary')).toBe('Accept-Language, Cookie')
    expect(new Headers(detailRoute.headers({} as never)).get('Cache-Control')).toBe('public, max-age=0, must-revalidate')
  })
})

describe('/hulp/:slug loader', () => {
  it('returns the entry with its check date in the reader’s language', async () => {
    const nl = await detailRoute.loader(args('http://localhost/hulp/be4you2', { slug: 'be4you2' }))
    expect(nl.entry.name).toBe('Be4You2')
    expect(nl.lastChecked).toBe('24 november 2026')
    expect(nl.title).toBe('Be4You2 – Erkenningsportaal jeugdzorg')
    const en = await detailRoute.loader(args('http://localhost/hulp/be4you2', { slug: 'be4you2' }, 'en-GB'))
    expect(en.lastChecked).toBe('24 November 2026')
  })

  it('answers 404 for an unknown or malformed slug', async () => {
    for (const slug of ['bestaat-niet', '../etc/passwd', 'Be4You2']) {
      const thrown = await detailRoute.loader(args(`http://localhost/hulp/${slug}`, { slug })).catch((e: unknown) => e)
      expect(thrown, slug).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(404)
    }
  })
})

describe('/hulp/professionals loader', () => {
  it('has a translated title', async () => {
    const { title } = await professionalsRoute.loader(args('http://localhost/hulp/professionals', {}, 'en'))
    expect(title).toMatch(/^Information for professionals – \S/)
  })
})
