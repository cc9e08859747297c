/// <reference types="vite/client" />
/**
 * Route × role matrix: every route module of the app is called as every kind of visitor, and
 * the status must match the access rule its capability declared (app/<capability>/route-access.ts).
 * A route nobody declared fails the test, so a new route cannot skip that decision.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { PERMISSIONS } from '~/auth/policy'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { expectedStatus, PERSONA_ROLES, type PersonaIds, type PersonaName, type RouteAccess } from './route-matrix'

const declared = import.meta.glob<{ ROUTE_ACCESS: Record<string, RouteAccess> }>('../*/route-access.ts', { eager: true })
const MATRIX: Record<string, RouteAccess> = {}
for (const [file, mod] of Object.entries(declared)) {
  for (const [route, entry] of Object.entries(mod.ROUTE_ACCESS)) {
    if (route in MATRIX) throw new Error(`${route} is declared twice (again in ${file})`)
    MATRIX[route] = entry
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
      const ids = Object.fromEntries(Object.entries(personas).filter(([, p]) => p).map(([n, p]) => [n, p!.id])) as PersonaIds
      const target = entry.setup ? await entry.setup(ids) : { path: entry.path, params: entry.params ?? {} }
      const isAction = entry.method === 'POST' || entry.rule.kind === 'action'
      const results: Record<string, number> = {}
      const wanted: Record<string, number> = {}
      for (const name of Object.keys(personas) as PersonaName[]) {
        const persona = personas[name]
        const request = makeRequest(target.path, { cookie: persona?.cookie, method: isAction ? 'POST' : 'GET' })
        const fn = isAction ? mod.action : mod.loader
        expect(fn, `${file} has a ${isAction ? 'action' : 'loader'}`).toBeTypeOf('function')
        results[name] = await statusOf(() => fn({ request, params: target.params, context: testContext }))
        wanted[name] = expectedStatus(entry.rule, name, PERMISSIONS)
      }
      expect(results).toEqual(wanted)
    })
  }
})
