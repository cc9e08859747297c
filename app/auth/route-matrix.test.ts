/**
 * Route × role matrix: every route module of the app is called as every kind of visitor, and
 * the status must match what its access rule promises. A route that is missing here fails
 * the test, so a new route cannot be added without deciding who may open it.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { PERMISSIONS, type Action } from '~/auth/policy'
import type { Role } from '~/auth/roles'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'

type PersonaName = 'anonymous' | 'survivorA' | 'survivorB' | 'moderator' | 'triage' | 'assessor' | 'admin'
const PERSONA_ROLES: Record<Exclude<PersonaName, 'anonymous'>, Role[]> = {
  survivorA: ['survivor'],
  survivorB: ['survivor'],
  moderator: ['moderator'],
  triage: ['triage'],
  assessor: ['assessor'],
  admin: ['admin'],
}

type Rule =
  | { kind: 'public' }
  | { kind: 'guestOnly' }
  | { kind: 'signedIn' }
  | { kind: 'survivor' }
  | { kind: 'staff'; action: Action }
  | { kind: 'redirect' }
  | { kind: 'secondStep' }
  | { kind: 'stepUp' }
  | { kind: 'status'; status: number }
  | { kind: 'action'; rule: 'signedIn' | 'secondStepOnly' | 'sessionOr401' }

type Entry = { path: string; params?: Record<string, string>; rule: Rule }

/** Every route file, its URL and its access rule. */
const MATRIX: Record<string, Entry> = {
  '_index.tsx': { path: '/', rule: { kind: 'public' } },
  'over.tsx': { path: '/over', rule: { kind: 'public' } },
  'privacy.tsx': { path: '/privacy', rule: { kind: 'public' } },
  'toegankelijkheid.tsx': { path: '/toegankelijkheid', rule: { kind: 'public' } },
  'contact.tsx': { path: '/contact', rule: { kind: 'public' } },
  'verhalen._index.tsx': { path: '/verhalen', rule: { kind: 'public' } },
  'regeling._index.tsx': { path: '/regeling', rule: { kind: 'public' } },
  'hulp._index.tsx': { path: '/hulp', rule: { kind: 'public' } },
  'hulp.professionals.tsx': { path: '/hulp/professionals', rule: { kind: 'public' } },
  'hulp.$slug.tsx': { path: '/hulp/bestaat-niet', params: { slug: 'bestaat-niet' }, rule: { kind: 'status', status: 404 } },
  'healthz.ts': { path: '/healthz', rule: { kind: 'public' } },
  'dev.mail.tsx': { path: '/dev/mail', rule: { kind: 'public' } }, // APP_ENV=test; 404 in production
  'taal.ts': { path: '/taal', rule: { kind: 'redirect' } },
  'uitloggen.ts': { path: '/uitloggen', rule: { kind: 'redirect' } },
  'inloggen._index.tsx': { path: '/inloggen', rule: { kind: 'guestOnly' } },
  'inloggen.tweede-stap.tsx': { path: '/inloggen/tweede-stap', rule: { kind: 'secondStep' } },
  'inloggen.bevestigen.tsx': { path: '/inloggen/bevestigen', rule: { kind: 'stepUp' } },
  'inloggen.passkey-opties.ts': { path: '/inloggen/passkey-opties', rule: { kind: 'action', rule: 'secondStepOnly' } },
  'registreren._index.tsx': { path: '/registreren', rule: { kind: 'guestOnly' } },
  'registreren.verstuurd.tsx': { path: '/registreren/verstuurd', rule: { kind: 'public' } },
  'registreren.opnieuw.tsx': { path: '/registreren/opnieuw', rule: { kind: 'public' } },
  'registreren.bevestigen.$token.tsx': { path: '/registreren/bevestigen/x', params: { token: 'x' }, rule: { kind: 'public' } },
  'wachtwoord-vergeten.tsx': { path: '/wachtwoord-vergeten', rule: { kind: 'public' } },
  'wachtwoord-herstellen.$token.tsx': { path: '/wachtwoord-herstellen/x', params: { token: 'x' }, rule: { kind: 'public' } },
  'uitnodiging.$token.tsx': { path: '/uitnodiging/x', params: { token: 'x' }, rule: { kind: 'public' } },
  'account-verwijderd.tsx': { path: '/account-verwijderd', rule: { kind: 'public' } },
  'account._index.tsx': { path: '/account', rule: { kind: 'signedIn' } },
  'account.beveiliging.tsx': { path: '/account/beveiliging', rule: { kind: 'signedIn' } },
  'account.wachtwoord.tsx': { path: '/account/wachtwoord', rule: { kind: 'signedIn' } },
  'account.email.tsx': { path: '/account/email', rule: { kind: 'signedIn' } },
  'account.email.bevestigen.$token.tsx': { path: '/account/email/bevestigen/x', params: { token: 'x' }, rule: { kind: 'signedIn' } },
  'account.verwijderen.tsx': { path: '/account/verwijderen', rule: { kind: 'signedIn' } },
  'account.gegevens.ts': { path: '/account/gegevens', rule: { kind: 'redirect' } },
  'account.passkey-opties.ts': { path: '/account/passkey-opties', rule: { kind: 'action', rule: 'signedIn' } },
  'sessie.verlengen.ts': { path: '/sessie/verlengen', rule: { kind: 'action', rule: 'sessionOr401' } },
  'beheer._index.tsx': { path: '/beheer', rule: { kind: 'staff', action: 'staff.area' } },
  'beheer.tweede-factor.tsx': { path: '/beheer/tweede-factor', rule: { kind: 'signedIn' } },
  'beheer.accounts.tsx': { path: '/beheer/accounts', rule: { kind: 'staff', action: 'accounts.manage' } },
  'beheer.toegangslog.tsx': { path: '/beheer/toegangslog', rule: { kind: 'staff', action: 'audit.search' } },
}

function expected(rule: Rule, persona: PersonaName): number {
  const anonymous = persona === 'anonymous'
  const roles = anonymous ? [] : PERSONA_ROLES[persona]
  switch (rule.kind) {
    case 'public':
      return 200
    case 'status':
      return rule.status
    case 'redirect':
      return 302
    case 'guestOnly':
      return anonymous ? 200 : 302
    case 'signedIn':
      return anonymous ? 302 : 200
    case 'survivor':
      return anonymous ? 302 : roles.includes('survivor') ? 200 : 403
    case 'staff':
      if (anonymous) return 302
      if (roles.includes('survivor')) return 403
      return (PERMISSIONS[rule.action] as readonly Role[]).some((r) => roles.includes(r)) ? 200 : 403
    case 'secondStep':
      return 302 // only a half-signed-in session may open it; everyone here is either out or fully in
    case 'stepUp':
      return anonymous ? 302 : 200
    case 'action':
      if (rule.rule === 'sessionOr401') return anonymous ? 401 : 200
      if (rule.rule === 'secondStepOnly') return 302
      return anonymous ? 302 : 200
  }
}

async function statusOf(run: () => Promise<unknown>) {
  try {
    const result = await run()
    if (result instanceof Response) return result.status
    const init = (result as { init?: { status?: number } } | null)?.init
    return init?.status ?? 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

const personas = {} as Record<PersonaName, Persona | null>
beforeAll(async () => {
  personas.anonymous = null
  for (const [name, roles] of Object.entries(PERSONA_ROLES)) personas[name as PersonaName] = await createPersona({ roles })
})
afterAll(() => closeDb())

const routeFiles = readdirSync(path.resolve('app/routes')).filter((f) => /\.(tsx?|ts)$/.test(f) && !f.includes('.test.'))

describe('route × role matrix', () => {
  it('covers every route module of the app', () => {
    expect(routeFiles.filter((f) => !(f in MATRIX)), 'routes missing from the matrix').toEqual([])
    expect(Object.keys(MATRIX).filter((f) => !routeFiles.includes(f)), 'matrix entries without a route').toEqual([])
  })

  for (const file of routeFiles.filter((f) => f in MATRIX)) {
    const entry = MATRIX[file]!
    it(`${entry.path} (${file})`, async () => {
      const mod = await import(/* @vite-ignore */ path.resolve('app/routes', file))
      const results: Record<string, number> = {}
      const wanted: Record<string, number> = {}
      for (const name of Object.keys(personas) as PersonaName[]) {
        const persona = personas[name]
        const isAction = entry.rule.kind === 'action'
        const request = makeRequest(entry.path, { cookie: persona?.cookie, method: isAction ? 'POST' : 'GET' })
        const fn = isAction ? mod.action : mod.loader
        expect(fn, `${file} has a ${isAction ? 'action' : 'loader'}`).toBeTypeOf('function')
        results[name] = await statusOf(() => fn({ request, params: entry.params ?? {}, context: testContext }))
        wanted[name] = expected(entry.rule, name)
      }
      expect(results).toEqual(wanted)
    })
  }
})
