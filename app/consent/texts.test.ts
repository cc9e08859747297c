import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCALES } from '~/i18n/config'
import { CONSENT_PURPOSE_NAMES, CONSENT_PURPOSES, consentPurposesFor, consentTextKeys, consentTextVersion, isConsentPurpose } from './texts'

type Texts = { label: string; text: string; withdrawEffect: string }
const load = (lng: string) =>
  JSON.parse(readFileSync(path.resolve('public/locales', lng, 'consent.json'), 'utf8')) as { purposes: Record<string, Texts> }
// Every language in the one list: a consent text in a third language is held to its version too.
const all = LOCALES.map((l) => ({ code: l.code, texts: load(l.code) }))
const nl = all.find((l) => l.code === 'nl')!.texts
const entry = (texts: { purposes: Record<string, Texts> }, purpose: (typeof CONSENT_PURPOSE_NAMES)[number]) =>
  texts.purposes[CONSENT_PURPOSES[purpose].i18nKey.replace('consent:purposes.', '')]

describe('consent texts', () => {
  it.each(CONSENT_PURPOSE_NAMES)('%s has a label, text and withdrawal effect in every language', (purpose) => {
    for (const { texts } of all) {
      const t = entry(texts, purpose)
      expect(t?.label.trim()).toBeTruthy()
      expect(t?.text.trim().length).toBeGreaterThan(100)
      expect(t?.withdrawEffect.trim()).toBeTruthy()
    }
    expect(CONSENT_PURPOSES[purpose].version).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(consentTextVersion(purpose)).toBe(`${purpose}@${CONSENT_PURPOSES[purpose].version}`)
    expect(consentTextKeys(purpose).text).toBe(`${CONSENT_PURPOSES[purpose].i18nKey}.text`)
  })

  it.each(CONSENT_PURPOSE_NAMES)('%s: a changed text gets a new version (fingerprint matches)', (purpose) => {
    // In the list's order (nl, en, …): with only nl and en this is the input the fingerprints were made with.
    const texts = all.flatMap(({ texts }) => {
      const t = entry(texts, purpose)!
      return [t.label, t.text, t.withdrawEffect]
    })
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(texts))
      .digest('hex')
      .slice(0, 16)
    expect(fingerprint, `The consent text of ${purpose} changed: set a new version and fingerprint in app/consent/texts.ts`).toBe(
      CONSENT_PURPOSES[purpose].fingerprint,
    )
  })

  it('has no locale entries without a purpose, and answers which purposes apply', () => {
    const used = CONSENT_PURPOSE_NAMES.map((p) => CONSENT_PURPOSES[p].i18nKey.replace('consent:purposes.', '')).sort()
    expect(Object.keys(nl.purposes).sort()).toEqual(used)
    expect(consentPurposesFor('helpRequest')).toEqual(['referral.shareWithOrganisation', 'triage.processRequest'])
    expect(consentPurposesFor('story')).toContain('monument.publishPublic')
    expect(consentPurposesFor('account')).toEqual([])
    expect(isConsentPurpose('monument.publishPublic')).toBe(true)
    expect(isConsentPurpose('toString')).toBe(false)
  })
})
