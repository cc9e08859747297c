import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseWithZod } from '@conform-to/zod'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { ZodType, type z } from 'zod'
import { closeDb } from '@db/client.server'
import { AssessmentActionSchema } from '~/assessment/case-action-schema'
import * as auth from '~/auth/schemas'
import * as documentary from '~/documentary/schemas'
import * as intake from '~/intake/schemas'
import * as lifeStories from '~/life-stories/schemas'
import * as reports from '~/moderation/reports-schemas'
import { createTestStory } from '~/monument/for-moderation-testing.server'
import * as monument from '~/monument/schemas'
import { getOwnStory } from '~/monument/stories.server'
import { DirectoryEntryFormSchema } from '~/referrals/directory-form'
import * as scheme from '~/scheme/application-form'
import { createPersona, testContext, type Persona } from '~/testing/personas.server'
import { createTestRequest } from '~/triage/testing.server'
import * as triage from '~/triage/schemas'
import { PhoneRequestSchema } from '~/triage/phone-request-schema'
import { hasRefusedCharacter } from '~/utils/text-schema'

/**
 * Hostile text never causes a server error. Part one: every form schema, property-based. Part
 * two: the real route actions with real Requests carrying hostile bodies. Fixed seeds, so a
 * failure is reproducible; the counts are printed (stderr) for the record.
 */

afterAll(() => closeDb())

const SEED = 20261207
const SCHEMA_RUNS = 300
const ACTION_RUNS = 200

/**
 * Every form schema of the portal. A new `export const …Schema` in a schema file fails the
 * completeness test below until it is listed here or in NOT_FORM_SCHEMAS with a reason.
 */
const FORM_SCHEMAS: Record<string, z.ZodTypeAny> = {
  SignInSchema: auth.SignInSchema,
  RegisterSchema: auth.RegisterSchema,
  EmailOnlySchema: auth.EmailOnlySchema,
  PasswordSchema: auth.PasswordSchema,
  NewPasswordFormSchema: auth.NewPasswordFormSchema,
  ChangePasswordSchema: auth.ChangePasswordSchema,
  TotpCodeSchema: auth.TotpCodeSchema,
  RecoveryCodeSchema: auth.RecoveryCodeSchema,
  InvitationAcceptSchema: auth.InvitationAcceptSchema,
  InviteStaffSchema: auth.InviteStaffSchema,
  PreferencesSchema: auth.PreferencesSchema,
  StoryTextSchema: monument.StoryTextSchema,
  StoryDetailsSchema: monument.StoryDetailsSchema,
  StoryDisplaySchema: monument.StoryDisplaySchema,
  StoryFieldsSchema: monument.StoryFieldsSchema,
  StoryConsentChangeSchema: monument.StoryConsentChangeSchema,
  MediaDetailsSchema: monument.MediaDetailsSchema,
  ReportSchema: reports.ReportSchema,
  ReportDecisionSchema: reports.ReportDecisionSchema,
  MarkDecisionSchema: reports.MarkDecisionSchema,
  RequestChangesSchema: reports.RequestChangesSchema,
  ReviewActionSchema: reports.ReviewActionSchema,
  AskGuidanceSchema: triage.AskGuidanceSchema,
  MessageSchema: triage.MessageSchema,
  NoteSchema: triage.NoteSchema,
  AttemptSchema: triage.AttemptSchema,
  CloseSchema: triage.CloseSchema,
  ReferralProposalSchema: triage.ReferralProposalSchema,
  TransferSchema: triage.TransferSchema,
  PhoneRequestSchema,
  DirectoryEntryFormSchema,
  AssessmentActionSchema,
  RegisterLifeStorySchema: lifeStories.RegisterLifeStorySchema,
  OwnLifeStoryActionSchema: lifeStories.OwnLifeStoryActionSchema,
  ChapterFieldsSchema: documentary.ChapterFieldsSchema,
  ChapterEditorActionSchema: documentary.ChapterEditorActionSchema,
  BoardActionSchema: documentary.BoardActionSchema,
  ExclusionRequestSchema: documentary.ExclusionRequestSchema,
  RegisterInterviewSchema: lifeStories.RegisterInterviewSchema,
  CorrectLifeStorySchema: lifeStories.CorrectLifeStorySchema,
  LetterCodeSchema: lifeStories.LetterCodeSchema,
  ClaimSchema: intake.ClaimSchema,
  WelcomeLetterSchema: intake.WelcomeLetterSchema,
  RegistrationSchemaSelf: intake.registrationSchemaFor('self'),
  RegistrationSchemaRepresentative: intake.registrationSchemaFor('representative'),
  // The scheme's application form is being rewritten part by part: all of its exported
  // schemas are taken as they come, so a new part is fuzzed without a change here.
  ...Object.fromEntries(Object.entries(scheme as Record<string, unknown>).filter((e): e is [string, z.ZodTypeAny] => e[0].endsWith('Schema') && e[1] instanceof ZodType)),
}

const UUID = '00000000-0000-4000-8000-000000000000'
/**
 * A form each schema accepts, so the fuzzing also reaches success with hostile text in one or
 * two fields (random forms alone are nearly always refused for a missing field).
 */
const VALID: Record<string, Record<string, string | string[]>> = {
  SignInSchema: { email: 'naam@voorbeeld.nl', password: 'een lange testzin', redirectTo: '/verhalen' },
  RegisterSchema: { email: 'naam@voorbeeld.nl', displayName: 'Anne', password: 'een lange testzin', agree: 'on' },
  ChangePasswordSchema: { currentPassword: 'een lange testzin', password: 'een andere lange zin' },
  InvitationAcceptSchema: { displayName: 'Anne', password: 'een lange testzin' },
  InviteStaffSchema: { email: 'naam@voorbeeld.nl', roles: ['triage'] },
  PreferencesSchema: { displayName: 'Anne', locale: 'nl' },
  StoryTextSchema: { title: 'Mijn titel', body: 'Mijn verhaal.', contentNote: 'Over geweld.' },
  StoryDetailsSchema: { decades: ['1970s'], institutionName: 'Huize Test' },
  StoryDisplaySchema: { displayMode: 'pseudonym', pseudonym: 'Vlinder' },
  StoryFieldsSchema: { title: 'Mijn titel', body: 'Mijn verhaal.', institutionName: 'Huize Test', pseudonym: 'Vlinder', displayMode: 'pseudonym' },
  MediaDetailsSchema: { description: 'Een foto van het huis.', transcript: 'Wat ik vertel.' },
  ReportSchema: { reason: 'other', details: 'Hier staat mijn naam.', contact: 'naam@voorbeeld.nl' },
  ReportDecisionSchema: { reportId: UUID, decision: 'keep', reason: 'Niet herkenbaar.' },
  MarkDecisionSchema: { intent: 'decideMark', markRowId: UUID, decision: 'keep', reason: 'Geen naam.' },
  RequestChangesSchema: { intent: 'requestChanges', note: 'Haal de straatnaam weg.' },
  ReviewActionSchema: { intent: 'requestChanges', note: 'Haal de straatnaam weg.' },
  AskGuidanceSchema: { inDanger: 'no', needs: ['peerContact'], channel: 'letter', street: 'Dorpsstraat 1', postcode: '1234 AB', town: 'Utrecht', safeTimes: 'Na 19 uur', neutralName: 'Anne', phone: '06 12345678', voicemail: 'no', agree: 'on' },
  PhoneRequestSchema: { needs: ['peerContact'], channel: 'phone', phone: '06 12345678', voicemail: 'no', safeTimes: 'Na 19 uur', neutralName: 'Anne', callerAgreed: 'on' },
  MessageSchema: { body: 'Dank je wel.' },
  NoteSchema: { body: 'Gebeld, geen gehoor.' },
  ReferralProposalSchema: { entryId: UUID, fields: ['needs'] },
  DirectoryEntryFormSchema: { name: 'Lotgenoten', kind: 'peerSupport', 'texts.nl.description': 'Contact.', 'texts.nl.forWhom': 'Iedereen.', 'texts.nl.accessibility': 'Rolstoel.', 'texts.en.description': 'Contact.', 'texts.en.forWhom': 'Everyone.', 'texts.en.accessibility': 'Wheelchair.', regions: ['national'], source: 'Eigen site', contacts: 'phone | 0800-1238 | ma–vr | Mon–Fri' },
  AssessmentActionSchema: { intent: 'note', body: 'Dossier bekeken.' },
  ChapterFieldsSchema: { title: 'Werken zonder loon', intro: 'Over de wasserijen.', themeKind: 'history', themeValue: 'Goede Herder 1945–1975', contentNote: 'Over dwangarbeid.' },
  ChapterEditorActionSchema: { intent: 'addText', body: 'Een tekst van de samensteller.', contentNote: 'Over geweld.' },
  BoardActionSchema: { intent: 'changes', version: '1', note: 'Graag meer context.' },
  ExclusionRequestSchema: { intent: 'exclude', blockId: UUID },
  RegisterLifeStorySchema: { email: 'naam@voorbeeld.nl', source: 'commission', recordedOn: '2020-03-15', title: 'Mijn jeugd', body: 'Wat er gebeurde.', locale: 'nl' },
  RegisterInterviewSchema: { contact: 'letter', recordedOn: '2020-03-15', title: 'Mijn jeugd', body: 'Wat er gebeurde.', locale: 'nl' },
  CorrectLifeStorySchema: { intent: 'save', title: 'Mijn jeugd', body: 'Wat er gebeurde.' },
  LetterCodeSchema: { code: 'ABCD-EFGH-JKMN' },
  ClaimSchema: { code: 'ABCD-EFGH-JKMN' },
  WelcomeLetterSchema: { code: 'ABCD-EFGH-JKMN' },
  RegistrationSchemaSelf: {
    token: 'abcdefghijklmnopqrstuvwx', channel: 'phone', receivedOn: '2026-12-01', 'applicant.kind': 'self', 'personal.fullName': 'Gerrit de Vries',
    'personal.dateOfBirth.day': '4', 'personal.dateOfBirth.month': '2', 'personal.dateOfBirth.year': '1948', 'personal.bsn': '123456782', 'personal.street': 'Dorpsstraat',
    'personal.houseNumber': '3', 'personal.postcode': '8011 AB', 'personal.town': 'Zwolle', 'personal.iban': 'NL91ABNA0417164300', 'personal.accountHolder': 'G. de Vries',
    'placement.from': '1958', 'placement.kind': 'residentialYouthCare', 'placement.place': 'Huize Voorbeeld', 'placement.municipality': 'Zwolle', 'placement.inNetherlands': 'yes',
    'harm.mode': 'write', 'harm.ownWords': 'Wat er gebeurde.', 'conversation.wish': 'no',
  },
}

/** Exported schemas that no person fills in, and why they are not fuzzed here. */
const NOT_FORM_SCHEMAS: Record<string, string> = {
  SubmitStorySchema: 'checks a stored story before submission, not a form',
  StoryFiltersSchema: 'a public URL query; every value falls back to "no filter" (.catch)',
  DirectoryFiltersSchema: 'a public URL query; every value falls back to "no filter" (.catch)',
  DirectoryKindSchema: 'an enum, part of DirectoryEntryInputSchema',
  ContactChannelSchema: 'parsed from the directory form, after its text passed the text layer',
  ContactChannelsSchema: 'stored contacts (seed and directory form)',
  SlugSchema: 'a URL segment, a strict pattern',
  DirectoryEntryInputSchema: 'the seed file and tests, not a form',
  MatchQuerySchema: 'built by code from stored facets, not typed',
}

// Files whose exported `…Schema`s must be accounted for.
const SCHEMA_FILE = /(^schemas\.ts$|-schemas?\.ts$|^application-form\.ts$|^directory-form\.ts$)/

function listSchemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'routes' ? [] : listSchemaFiles(full)
    return SCHEMA_FILE.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : []
  })
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__']

const refusedChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d).map((c) => String.fromCharCode(c)),
  fc.constant('\u007f'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
)
const MEGABYTE = 'x'.repeat(1024 * 1024)
// Schemas get 64 kB strings (enough for every cap); the actions get a full megabyte.
const hostileStringOf = (long: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 3, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), refusedChar, fc.string({ maxLength: 20 })).map(([a, b, c]) => `Tekst ${a}${b}${c}`) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: fc.constantFrom(long, `${long}\u0000`, '\u0000', '\r\n', ' ', '') },
  )
const hostileString = hostileStringOf(MEGABYTE.slice(0, 64 * 1024))
const hostileActionString = hostileStringOf(MEGABYTE)
const PLAUSIBLE = ['on', 'yes', 'no', 'true', 'false', '0', '1', '2', 'Een gewone zin.', 'Anne de Vries', 'naam@voorbeeld.nl', '06 12345678', '12345', '1234 AB', '1975', '1975-06', '1975-06-01', '00000000-0000-4000-8000-000000000000', 'een lange testzin voor het portaal', '123456']

/** Field names and enum/literal values of a zod schema, by walking its definition. */
function describeSchema(schema: z.ZodTypeAny) {
  const keys = new Set<string>()
  const values = new Set<string>()
  const seen = new Set<unknown>()
  const walk = (s: unknown) => {
    if (!s || typeof s !== 'object' || seen.has(s)) return
    seen.add(s)
    const def = (s as { _def?: Record<string, unknown> })._def
    if (!def) return
    switch (def.typeName) {
      case 'ZodObject': {
        const shape = (def.shape as () => Record<string, unknown>)()
        for (const [k, v] of Object.entries(shape)) {
          keys.add(k)
          walk(v)
        }
        return
      }
      case 'ZodEnum':
        for (const v of def.values as string[]) values.add(v)
        return
      case 'ZodLiteral':
        if (typeof def.value === 'string') values.add(def.value)
        return
      case 'ZodDiscriminatedUnion':
      case 'ZodUnion':
        for (const o of def.options as unknown[]) walk(o)
        return
      case 'ZodPipeline':
        walk(def.in)
        walk(def.out)
        return
      case 'ZodEffects':
        walk(def.schema)
        return
      case 'ZodArray':
        walk(def.type)
        return
      default:
        walk(def.innerType)
    }
  }
  walk(schema)
  return { keys: [...keys], values: [...values] }
}

function valueArb(values: string[], hostile: fc.Arbitrary<string>) {
  const plain = fc.oneof({ weight: 3, arbitrary: hostile }, { weight: 3, arbitrary: fc.constantFrom(...values, ...PLAUSIBLE) })
  return fc.oneof({ weight: 5, arbitrary: plain }, { weight: 1, arbitrary: fc.array(plain, { minLength: 2, maxLength: 3 }) })
}

type Entries = Array<[string, string]>

function flatten(pairs: ReadonlyArray<readonly [string, string | readonly string[] | undefined]>): Entries {
  const entries: Entries = []
  for (const [k, v] of pairs) {
    if (v === undefined) continue
    for (const one of typeof v === 'string' ? [v] : v) entries.push([k, one])
  }
  return entries
}

/**
 * Form entries: either random (the schema's own fields, each maybe missing, maybe repeated) or a
 * valid form with one or two fields made hostile; both with hostile extra keys.
 */
function entriesArb(keys: string[], values: string[], valid?: Record<string, string | string[]>, hostile = hostileString) {
  const random = fc.tuple(...keys.map((k) => fc.option(valueArb(values, hostile), { nil: undefined }).map((v) => [k, v] as const))).map(flatten)
  const validKeys = valid ? Object.keys(valid) : []
  const mutated = valid
    ? fc
        .array(fc.tuple(fc.constantFrom(...validKeys), fc.oneof(hostile, fc.tuple(refusedChar, fc.nat({ max: 10 })).map(([c, at]) => [c, at] as const))), { minLength: 1, maxLength: 2 })
        .map((changes) => {
          const form: Record<string, string | readonly string[] | undefined> = { ...valid }
          for (const [k, change] of changes) {
            const before = form[k]
            const text = typeof before === 'string' ? before : (before?.[0] ?? '')
            // Either a hostile value, or the valid one with a refused character slipped in.
            form[k] = typeof change === 'string' ? change : `${text.slice(0, change[1])}${change[0]}${text.slice(change[1])}`
          }
          return flatten(Object.entries(form))
        })
    : random
  const extra = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 8 })), hostile), { maxLength: 3 })
  return fc.tuple(fc.oneof(random, mutated), extra).map(([own, e]) => [...own, ...e] as Entries)
}

/** A plain object as conform builds it: a repeated key becomes an array. */
function toObject(entries: Array<[string, string]>) {
  const out: Record<string, unknown> = Object.create(null)
  for (const [k, v] of entries) {
    const have = Object.getOwnPropertyDescriptor(out, k)?.value
    Object.defineProperty(out, k, { value: have === undefined ? v : Array.isArray(have) ? [...have, v] : [have, v], enumerable: true, writable: true, configurable: true })
  }
  return out
}

function toFormData(entries: Array<[string, string]>) {
  const form = new FormData()
  for (const [k, v] of entries) form.append(k, v)
  return form
}

/** Every string anywhere in a parsed value is one the database can store as typed. */
function assertClean(value: unknown, at = '$') {
  if (typeof value === 'string') expect(hasRefusedCharacter(value), `refused character at ${at}`).toBe(false)
  else if (Array.isArray(value)) value.forEach((v, i) => assertClean(v, `${at}[${i}]`))
  else if (value && typeof value === 'object' && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) assertClean(v, `${at}.${k}`)
}

function report(line: string) {
  console.warn(`[forms-fuzz] ${line}`)
}

describe('every form schema, with hostile input', () => {
  it('lists every exported schema of the schema files (a new one must be added here)', () => {
    const exported = listSchemaFiles(path.resolve('app')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/export const (\w+Schema)\b/g)].map((m) => m[1]!),
    )
    const unlisted = exported.filter((name) => !(name in FORM_SCHEMAS) && !(name in NOT_FORM_SCHEMAS))
    expect(unlisted).toEqual([])
  })

  it.each(Object.entries(FORM_SCHEMAS))('%s: safeParse and parseWithZod never throw; success means clean text', async (name, schema) => {
    const { keys, values } = describeSchema(schema)
    let tried = 0
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(entriesArb(keys.length ? keys : ['value'], values, VALID[name]), async (entries) => {
        // Let the test runner breathe between cases (its heartbeat times out on a busy machine).
        if (++tried % 25 === 0) await new Promise((resolve) => setImmediate(resolve))
        const direct = schema.safeParse(keys.length ? toObject(entries) : entries[0]?.[1])
        if (direct.success) assertClean(direct.data)
        // What the actions do: conform turns repeated keys into arrays where the schema has one.
        const submission = parseWithZod(toFormData(entries), { schema })
        if (submission.status === 'success') assertClean(submission.value)
        if (direct.success || submission.status === 'success') accepted++
      }),
      { seed: SEED, numRuns: SCHEMA_RUNS },
    )
    report(`${name}: ${tried} cases, ${accepted} accepted (all clean)`)
  })
})

// ---------------------------------------------------------------------------------------------
// The route actions themselves.

type Outcome = { status: number } | { threw: unknown }

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await run()
    if (result instanceof Response) return { status: result.status }
    if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') {
      return { status: (result as { init: ResponseInit | null }).init?.status ?? 200 }
    }
    return { status: 200 }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status }
    return { threw: thrown }
  }
}

/** A urlencoded POST, the way a browser without JavaScript sends a form (repeated keys included). */
function postForm(pathname: string, entries: Array<[string, string]>, cookie?: string) {
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3000' })
  if (cookie) headers.set('Cookie', cookie)
  return new Request(`http://localhost:3000${pathname}`, { method: 'POST', headers, body: new URLSearchParams(entries).toString() })
}

const HOSTILE_INTENTS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'x\u0000']

/** Runs `ACTION_RUNS` hostile bodies through one action; returns the counts. */
async function fuzzAction(
  name: string,
  { fields, intents = [], values = [], valid, call }: { fields: string[]; intents?: string[]; values?: string[]; valid?: Record<string, string | string[]>; call: (entries: Entries) => Promise<unknown> },
) {
  const intentEntry = fc.constantFrom(...intents, ...HOSTILE_INTENTS).map((v) => [['intent', v]] as Array<[string, string]>)
  const body = fc.tuple(intents.length ? fc.oneof(intentEntry, fc.constant([])) : fc.constant([]), entriesArb(fields, values, valid, hostileActionString)).map(([a, b]) => [...a, ...b])
  const counts = { tried: 0, serverErrors: 0, thrown: 0, byStatus: {} as Record<number, number> }
  const failures: string[] = []
  await fc.assert(
    fc.asyncProperty(body, async (entries) => {
      counts.tried++
      if (counts.tried % 10 === 0) await new Promise((resolve) => setImmediate(resolve))
      const outcome = await outcomeOf(() => call(entries))
      if ('threw' in outcome) {
        counts.thrown++
        failures.push(String(outcome.threw))
        return
      }
      counts.byStatus[outcome.status] = (counts.byStatus[outcome.status] ?? 0) + 1
      if (outcome.status >= 500) counts.serverErrors++
    }),
    { seed: SEED, numRuns: ACTION_RUNS },
  )
  report(`${name}: ${counts.tried} cases, ${counts.serverErrors} with status 500+, ${counts.thrown} thrown non-Response errors; statuses ${JSON.stringify(counts.byStatus)}`)
  expect(failures.slice(0, 3)).toEqual([])
  expect(counts.serverErrors).toBe(0)
}

describe('route actions, with hostile bodies', { timeout: 240_000 }, () => {
  let survivor: Persona
  let worker: Persona
  const personas = async () => {
    survivor ??= await createPersona({ roles: ['survivor'] })
    worker ??= await createPersona({ roles: ['triage'] })
  }

  it('the story editor (/mijn-verhalen/:id) never answers 500', async () => {
    await personas()
    const { action: newStory } = await import('~/routes/mijn-verhalen.nieuw')
    const { action } = await import('~/routes/mijn-verhalen.$id._index')
    const fresh = async () => {
      const created = (await newStory({ request: postForm('/mijn-verhalen/nieuw', [], survivor.cookie), params: {}, context: testContext })) as Response
      return /\/mijn-verhalen\/([^?]+)/.exec(created.headers.get('Location')!)![1]!
    }
    let storyId = await fresh()
    let n = 0
    await fuzzAction('story editor', {
      fields: ['step', 'revision', 'title', 'body', 'contentNote', 'institutionName', 'pseudonym', 'displayMode', 'decades', 'region', 'purpose', 'grant', 'seenVersion'],
      intents: ['save', 'saveAndContinue', 'autosave', 'consent', 'submit', 'retract', 'reject', 'withdraw', 'approve'],
      values: ['verhaal', 'details', 'weergave', 'current', 'pseudonym', 'anonymous', '1970s', 'monument.publishPublic'],
      valid: { intent: 'save', step: 'verhaal', revision: 'current', title: 'Mijn titel', body: 'Mijn verhaal.', contentNote: 'Over geweld.' },
      call: async (entries) => {
        // A new draft now and then: a submitted or withdrawn story answers 409 to everything.
        if (++n % 25 === 0) storyId = await fresh()
        // 'current' stands for the draft's revision, so a save really reaches the database.
        const revision = String((await getOwnStory({ authorId: survivor.id, storyId }))!.revision)
        const body = entries.map(([k, v]): [string, string] => [k, k === 'revision' && v === 'current' ? revision : v])
        return action({ request: postForm(`/mijn-verhalen/${storyId}`, body, survivor.cookie), params: { id: storyId }, context: testContext })
      },
    })
  })

  it('the account page (display name) never answers 500', async () => {
    await personas()
    const { action } = await import('~/routes/account._index')
    await fuzzAction('account display name', {
      fields: ['displayName', 'locale'],
      intents: ['signOutOthers'],
      values: ['nl', 'en'],
      valid: { displayName: 'Anne', locale: 'nl' },
      call: (entries) => action({ request: postForm('/account', entries, survivor.cookie), params: {}, context: testContext }),
    })
  })

  it('registration never answers 500', async () => {
    const { action } = await import('~/routes/registreren._index')
    await fuzzAction('registration', {
      fields: ['email', 'displayName', 'password', 'agree'],
      valid: { email: 'naam@voorbeeld.nl', displayName: 'Anne', password: 'een lange testzin voor mij', agree: 'on' },
      call: (entries) => action({ request: postForm('/registreren', entries), params: {}, context: testContext }),
    })
  })

  it('the guidance request (/hulp/begeleiding) never answers 500', async () => {
    const { action } = await import('~/routes/hulp.begeleiding._index')
    await fuzzAction('guidance request', {
      fields: ['inDanger', 'crisisSeen', 'needs', 'channel', 'phone', 'safeTimes', 'voicemail', 'neutralName', 'email', 'street', 'postcode', 'town', 'language', 'interpreter', 'agree'],
      values: ['no', 'peerContact', 'phone', 'email', 'letter', 'nl', 'none', '06 12345678'],
      valid: VALID.AskGuidanceSchema,
      call: (entries) => action({ request: postForm('/hulp/begeleiding', entries), params: {}, context: testContext }),
    })
  })

  it('reporting a story never answers 500', async () => {
    await personas()
    const { action } = await import('~/routes/verhalen.$slug_.melden')
    let slug = ''
    let n = 0
    await fuzzAction('story report', {
      fields: ['reason', 'details', 'contact'],
      values: [...reports.REPORT_REASON_VALUES],
      valid: { reason: 'other', details: 'Hier staat mijn naam.' },
      call: async (entries) => {
        // An 'identifies' report hides the story at once: a fresh one now and then.
        if (n++ % 10 === 0) slug = (await createTestStory({ authorId: survivor.id, status: 'published' })).slug
        return action({ request: postForm(`/verhalen/${slug}/melden`, entries), params: { slug }, context: testContext })
      },
    })
  })

  it("the survivor's and the worker's triage messages never answer 500", async () => {
    await personas()
    const own = await createTestRequest({ userId: survivor.id })
    const { action: survivorAction } = await import('~/routes/mijn-hulp.$id')
    await fuzzAction('triage message (survivor)', {
      fields: ['body', 'referralId'],
      intents: ['message', 'agreeReferral', 'declineReferral', 'withdrawReferralConsent'],
      valid: { intent: 'message', body: 'Dank je wel.' },
      call: (entries) => survivorAction({ request: postForm(`/mijn-hulp/${own.id}`, entries, survivor.cookie), params: { id: own.id }, context: testContext }),
    })
    const other = await createTestRequest({ userId: null })
    const { action: staffAction } = await import('~/routes/beheer.triage.$id')
    await outcomeOf(() => staffAction({ request: postForm(`/beheer/triage/${other.id}`, [['intent', 'take']], worker.cookie), params: { id: other.id }, context: testContext }))
    await fuzzAction('triage message and note (worker)', {
      fields: ['body', 'channel', 'outcome', 'reason', 'entryId', 'toWorkerId'],
      intents: ['note', 'message', 'attempt', 'close', 'transfer', 'refer'],
      values: ['phone', 'noAnswer', 'other'],
      valid: { intent: 'note', body: 'Gebeld, geen gehoor.' },
      call: (entries) => staffAction({ request: postForm(`/beheer/triage/${other.id}`, entries, worker.cookie), params: { id: other.id }, context: testContext }),
    })
  })
})

// ---------------------------------------------------------------------------------------------
// The findings of issue 10 (each failed before the text layer), and NUL in every text field of
// every form above: refused with a 400 where the person wrote it, stripped from one-line names.

type Reply = { type: string; data: { result?: { error?: Record<string, string[] | null> }; error?: string; messageError?: string | null }; init: { status: number } | null }

describe('hostile text in the forms people write in', { timeout: 120_000 }, () => {
  let survivor: Persona
  let worker: Persona
  const personas = async () => {
    survivor ??= await createPersona({ roles: ['survivor'] })
    worker ??= await createPersona({ roles: ['triage'] })
  }
  const draft = async () => {
    const { action } = await import('~/routes/mijn-verhalen.nieuw')
    const created = (await action({ request: postForm('/mijn-verhalen/nieuw', [], survivor.cookie), params: {}, context: testContext })) as Response
    return /\/mijn-verhalen\/([^?]+)/.exec(created.headers.get('Location')!)![1]!
  }
  /** The editor's action with the draft's current revision, so a valid save reaches the database. */
  const storyAction = async (storyId: string, form: Record<string, string>) => {
    const { action } = await import('~/routes/mijn-verhalen.$id._index')
    const revision = String((await getOwnStory({ authorId: survivor.id, storyId }))!.revision)
    return action({ request: postForm(`/mijn-verhalen/${storyId}`, Object.entries({ revision, ...form }), survivor.cookie), params: { id: storyId }, context: testContext })
  }
  const saveStory = (storyId: string, form: Record<string, string>) => outcomeOf(() => storyAction(storyId, form))

  it('a NUL byte in the story text is refused with a 400 and a message, and the draft keeps its text (a 500 before)', async () => {
    await personas()
    const storyId = await draft()
    expect(await saveStory(storyId, { intent: 'save', step: 'verhaal', title: 'Mijn titel', body: 'Eerste alinea.' })).toEqual({ status: 302 })
    const { action } = await import('~/routes/mijn-verhalen.$id._index')
    const revision = String((await getOwnStory({ authorId: survivor.id, storyId }))!.revision)
    const reply = (await action({
      request: postForm(`/mijn-verhalen/${storyId}`, [['intent', 'save'], ['step', 'verhaal'], ['revision', revision], ['title', 'Mijn titel'], ['body', 'Tweede\u0000 alinea.']], survivor.cookie),
      params: { id: storyId },
      context: testContext,
    })) as unknown as Reply
    expect(reply.init?.status).toBe(400)
    expect(reply.data.result?.error?.body).toEqual(['validation:controlCharacters'])
    expect((await getOwnStory({ authorId: survivor.id, storyId }))!.body).toBe('Eerste alinea.')
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('intent=%s on the story editor answers 400 with a message (a 500 before)', async (intent) => {
    await personas()
    const storyId = await draft()
    const { action } = await import('~/routes/mijn-verhalen.$id._index')
    const reply = (await action({ request: postForm(`/mijn-verhalen/${storyId}`, [['intent', intent]], survivor.cookie), params: { id: storyId }, context: testContext })) as unknown as Reply
    expect(reply.init?.status).toBe(400)
    expect(reply.data.error).toBe('unknownIntent')
    const step = (await saveStory(storyId, { intent: 'save', step: intent }))
    expect(step).toEqual({ status: 400 })
  })

  it.each(['12345', '0612', '0123456789', '+31 12345'])('the guidance request refuses the phone number %s, with what a real number looks like', async (phone) => {
    const { action } = await import('~/routes/hulp.begeleiding._index')
    const form = { ...VALID.AskGuidanceSchema, channel: 'phone', phone }
    const reply = (await action({ request: postForm('/hulp/begeleiding', flatten(Object.entries(form))), params: {}, context: testContext })) as unknown as Reply
    expect(reply.init?.status).toBe(400)
    expect(reply.data.result?.error?.phone).toEqual(['triage:ask.errors.phoneInvalid'])
  })

  it.each(['06 12345678', '020 123 4567', '+32 470 12 34 56', '0031 6 12345678'])('the guidance request takes the real number %s', async (phone) => {
    const { action } = await import('~/routes/hulp.begeleiding._index')
    const form = { ...VALID.AskGuidanceSchema, channel: 'phone', phone }
    const reply = (await action({ request: postForm('/hulp/begeleiding', flatten(Object.entries(form))), params: {}, context: testContext })) as unknown as Reply
    expect(reply.init?.status ?? 200).toBe(200)
    expect(reply.data.result).toBeUndefined()
  })

  // Every text column the forms above write: NUL refused (400) or stripped (accepted), never a 500.
  const NUL = 'met\u0000nul'
  it('a NUL byte in any text field of the story editor, account, registration, guidance, report and triage forms never answers 500', async () => {
    await personas()
    const seen: string[] = []
    const check = async (label: string, expected: 'refused' | 'stripped', run: () => Promise<unknown>) => {
      const outcome = await outcomeOf(run)
      seen.push(`${label}: ${JSON.stringify(outcome)}`)
      expect(outcome, label).not.toHaveProperty('threw')
      const status = (outcome as { status: number }).status
      if (expected === 'refused') expect(status, label).toBe(400)
      else expect(status, label).toBeLessThan(400)
    }
    const storyId = await draft()
    const story = { intent: 'save', step: 'verhaal', title: 'Titel', body: 'Tekst.', contentNote: 'Noot.' }
    for (const field of ['title', 'body', 'contentNote'] as const) await check(`story ${field}`, 'refused', () => storyAction(storyId, { ...story, [field]: NUL }))
    await check('story institutionName', 'stripped', () => storyAction(storyId, { intent: 'save', step: 'details', institutionName: NUL }))
    await check('story pseudonym', 'stripped', () => storyAction(storyId, { intent: 'save', step: 'weergave', displayMode: 'pseudonym', pseudonym: NUL }))
    expect((await getOwnStory({ authorId: survivor.id, storyId }))!.pseudonym).toBe('metnul')

    const { action: account } = await import('~/routes/account._index')
    await check('account displayName', 'stripped', () => account({ request: postForm('/account', [['displayName', NUL], ['locale', 'nl']], survivor.cookie), params: {}, context: testContext }))

    const { action: register } = await import('~/routes/registreren._index')
    const registration = VALID.RegisterSchema as Record<string, string>
    await check('registration password', 'refused', () => register({ request: postForm('/registreren', Object.entries({ ...registration, password: `een lange ${NUL}` })), params: {}, context: testContext }))
    await check('registration email', 'refused', () => register({ request: postForm('/registreren', Object.entries({ ...registration, email: `naam${NUL}@voorbeeld.nl` })), params: {}, context: testContext }))
    // Another address and IP: the fuzzing above used up the registration limit of the test IP.
    const elsewhere = { ...testContext, clientIp: '192.0.2.10' }
    await check('registration displayName', 'stripped', () => register({ request: postForm('/registreren', Object.entries({ ...registration, email: 'nul@voorbeeld.nl', displayName: NUL })), params: {}, context: elsewhere }))

    const { action: ask } = await import('~/routes/hulp.begeleiding._index')
    for (const field of ['safeTimes', 'neutralName', 'street', 'town']) {
      await check(`guidance ${field}`, 'stripped', () => ask({ request: postForm('/hulp/begeleiding', flatten(Object.entries({ ...VALID.AskGuidanceSchema, [field]: NUL }))), params: {}, context: testContext }))
    }
    // The guidance form is all single lines: a number, a postcode and an address lose the NUL too.
    for (const [field, value] of [['phone', '06 1234\u00005678'], ['postcode', '1234\u0000AB'], ['email', `a${NUL}@voorbeeld.nl`]] as const) {
      await check(`guidance ${field}`, 'stripped', () => ask({ request: postForm('/hulp/begeleiding', flatten(Object.entries({ ...VALID.AskGuidanceSchema, channel: field === 'email' ? 'email' : 'letter', [field]: value }))), params: {}, context: testContext }))
    }

    const { action: reportStory } = await import('~/routes/verhalen.$slug_.melden')
    const { slug } = await createTestStory({ authorId: survivor.id, status: 'published' })
    await check('report details', 'refused', () => reportStory({ request: postForm(`/verhalen/${slug}/melden`, [['reason', 'other'], ['details', NUL]]), params: { slug }, context: testContext }))

    const own = await createTestRequest({ userId: survivor.id })
    const { action: survivorAction } = await import('~/routes/mijn-hulp.$id')
    await check('survivor message', 'refused', () => survivorAction({ request: postForm(`/mijn-hulp/${own.id}`, [['intent', 'message'], ['body', NUL]], survivor.cookie), params: { id: own.id }, context: testContext }))
    const { action: staffAction } = await import('~/routes/beheer.triage.$id')
    const staff = (form: Entries) => staffAction({ request: postForm(`/beheer/triage/${own.id}`, form, worker.cookie), params: { id: own.id }, context: testContext })
    await check('worker takes the request', 'stripped', () => staff([['intent', 'take']]))
    await check('worker note', 'refused', () => staff([['intent', 'note'], ['body', NUL]]))
    await check('worker message', 'refused', () => staff([['intent', 'message'], ['body', NUL]]))
    report(`NUL in text fields: ${seen.length} fields tried, none answered 500`)
  })
})
