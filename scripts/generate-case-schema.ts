// Writes public/schemas/case-v1.json and case-v2.json from the zod schemas in
// app/assessment/case-document/case-document.ts and app/assessment/case-document/case-document-v2.ts.
// Run after changing a case document: `npm run schema:case`.
// app/assessment/case-document/case-document.test.ts and case-document-v2.test.ts fail when a committed file differs from a fresh run.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { CASE_SCHEMA_PATH, CASE_V2_SCHEMA_PATH, renderCaseJsonSchema, renderCaseV2JsonSchema } from '../app/assessment/case-document/case-json-schema'

for (const [file, text] of [
  [CASE_SCHEMA_PATH, renderCaseJsonSchema()],
  [CASE_V2_SCHEMA_PATH, renderCaseV2JsonSchema()],
] as const) {
  const target = path.resolve(file)
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, text)
  console.log(`wrote ${path.relative(process.cwd(), target)}`)
}
