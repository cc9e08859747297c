import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { createPersona, type Persona } from '~/testing/personas.server'
import { runBoardAction } from './board.server'
import { listBlocks } from './compose.server'
import { runEditorAction, runNewChapterAction } from './staff.server'
import { createStaffTestChapter } from './testing.server'

afterAll(() => closeDb())

let curator: Persona
let member: Persona
beforeAll(async () => {
  ;[curator, member] = await Promise.all([createPersona({ roles: ['curator'] }), createPersona({ roles: ['sounding_board'] })])
})

const post = (fields: Array<[string, string]>) => {
  const body = new URLSearchParams(fields)
  return new Request('http://localhost/beheer/documentaire/x', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
}

const HOSTILE: Array<Array<[string, string]>> = [
  [['intent', '__proto__']],
  [['intent', 'addText'], ['body', 'a\u0000b']],
  [['intent', 'addText'], ['body', 'x'.repeat(1024 * 1024)]],
  [['intent', 'addStory'], ['storyId', 'constructor']],
  [['intent', 'addStory'], ['storyId', '00000000-0000-4000-8000-000000000000'], ['excerpt', 'iets']],
  [['intent', 'moveBlock'], ['blockId', '00000000-0000-4000-8000-000000000000'], ['direction', 'sideways']],
  [['intent', 'addHelp'], ['setting', 'toString'], ['need', '\ud800']],
  [['intent', 'addText'], ['intent', 'publish'], ['body', 'twee keer']],
]

describe('hostile input on the staff forms', () => {
  it('the editor answers every hostile form with a message (400), never an error, and stores nothing', async () => {
    const chapter = await createStaffTestChapter()
    for (const fields of HOSTILE) {
      const outcome = await runEditorAction({ request: post(fields), curator: { id: curator.id, roles: curator.roles }, chapterId: chapter.id })
      expect(outcome, JSON.stringify(fields).slice(0, 80)).toMatchObject({ status: 400 })
    }
    expect(await listBlocks({ chapterId: chapter.id })).toHaveLength(1)
    // An extra '__proto__' field beside a valid form is ignored: the block is added, nothing else changes.
    const ok = await runEditorAction({ request: post([['__proto__', 'x'], ['intent', 'addText'], ['body', 'x']]), curator: { id: curator.id, roles: curator.roles }, chapterId: chapter.id })
    expect(ok).toEqual({ redirectTo: `/beheer/documentaire/${chapter.id}?klaar=addText` })
    expect(({} as Record<string, unknown>).x).toBeUndefined()
    expect((await listBlocks({ chapterId: chapter.id })).map((b) => b.body)).toEqual(['Tekst van de samensteller.', 'x'])
  })

  it('a forged story id gets the consent message next to the field', async () => {
    const chapter = await createStaffTestChapter()
    const outcome = await runEditorAction({ request: post([['intent', 'addStory'], ['storyId', '00000000-0000-4000-8000-000000000000']]), curator: { id: curator.id, roles: curator.roles }, chapterId: chapter.id })
    expect(outcome && 'result' in outcome ? outcome.result.error : null).toEqual({ storyId: ['documentary:staff.editor.errors.notConsented'] })
  })

  it('the new-chapter form keeps what was typed and names the field', async () => {
    const outcome = await runNewChapterAction({ request: post([['title', ''], ['intro', 'Mijn inleiding'], ['themeKind', '__proto__'], ['themeValue', 'x']]), curator: { id: curator.id, roles: curator.roles } })
    expect(outcome).toMatchObject({ status: 400 })
    if (!('result' in outcome)) throw new Error('expected a reply')
    expect(outcome.result.initialValue).toMatchObject({ intro: 'Mijn inleiding' })
    expect(Object.keys(outcome.result.error ?? {}).sort()).toEqual(['themeKind', 'title'])
  })

  it('the board answers hostile forms with 400 and an unknown chapter with null (404)', async () => {
    const chapter = await createStaffTestChapter({ state: 'in_review' })
    for (const fields of [[['intent', 'approve'], ['version', '1e309']], [['intent', 'changes'], ['version', '1'], ['note', '\u0007']], [['intent', 'valueOf']]] as Array<Array<[string, string]>>) {
      expect(await runBoardAction({ request: post(fields), member: { id: member.id, roles: member.roles }, chapterId: chapter.id })).toMatchObject({ status: 400 })
    }
    expect(await runBoardAction({ request: post([['intent', 'approve'], ['version', '1']]), member: { id: member.id, roles: member.roles }, chapterId: 'x' })).toBeNull()
    const draft = await createStaffTestChapter()
    expect(await runBoardAction({ request: post([['intent', 'approve'], ['version', '1']]), member: { id: member.id, roles: member.roles }, chapterId: draft.id })).toBeNull()
  })
})
