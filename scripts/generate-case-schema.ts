// Writes public/schemas/case-v1.json from the zod schema in app/scheme/case-document.ts.
// Run after changing the case document: `npx tsx scripts/generate-case-schema.ts`.
// app/scheme/case-document.test.ts fails when the committed file differs from a fresh run.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { CASE_SCHEMA_PATH, renderCaseJsonSchema } from '../app/scheme/case-json-schema'

const target = path.resolve(CASE_SCHEMA_PATH)
mkdirSync(path.dirname(target), { recursive: true })
writeFileSync(target, renderCaseJsonSchema())
console.log(`wrote ${path.relative(process.cwd(), target)}`)
