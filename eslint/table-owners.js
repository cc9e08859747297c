/**
 * One owner per table (ADR 0020). Each `db/schema/<x>.ts` is read and written only by the
 * folder named here; every other folder calls the owner's functions. `accounts` (users,
 * sessions) and `files` (stored files) are the shared kernel: any folder may read them.
 *
 * Used twice: by ESLint (imports of `@db/schema/<x>`) and by app/ownership.test.ts (table
 * names in raw SQL), so the rule cannot be walked around with a template string.
 */
export const SHARED_KERNEL = ['accounts', 'files', '_columns']

/** schema file → the one app folder that owns it */
export const TABLE_OWNERS = {
  assessment: 'assessment',
  audit: 'audit',
  archive: 'archive',
  consent: 'consent',
  documentary: 'documentary',
  'draft-rescue': 'monument',
  'life-stories': 'life-stories',
  moderation: 'moderation',
  monument: 'monument',
  publication: 'monument',
  referrals: 'referrals',
  research: 'research',
  scheme: 'scheme',
  'scheme-intake': 'scheme',
  triage: 'triage',
}

/** ESLint config blocks: in app/<folder>/**, importing another owner's schema is an error. */
export function tableOwnerRules() {
  const folders = [...new Set(Object.values(TABLE_OWNERS))]
  const outsideOwners = {
    files: ['app/**/*.{ts,tsx}'],
    ignores: [...folders.map((f) => `app/${f}/**`), '**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: restrictedFor(null) }] },
  }
  const perOwner = folders.map((folder) => ({
    files: [`app/${folder}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: restrictedFor(folder) }] },
  }))
  return [outsideOwners, ...perOwner]
}

export function restrictedFor(folder) {
  const foreign = Object.entries(TABLE_OWNERS).filter(([, owner]) => owner !== folder)
  return [
    {
      regex: '(^@db|/db)/schema(/index)?$',
      message: 'Import the one schema file you own (db/schema/<x>), not the barrel: see eslint/table-owners.js.',
    },
    ...foreign.map(([file, owner]) => ({
      regex: `(^@db|/db)/schema/${file}$`,
      message: `db/schema/${file}.ts belongs to app/${owner}/: call its functions instead (one owner per table, ADR 0020).`,
    })),
  ]
}
