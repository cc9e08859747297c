import { randomInt } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { DbOrTx } from '@db/client.server'
import { lifeStoryInvitations } from '@db/schema/life-stories'
import { lookupHash } from '~/privacy/field-crypto.server'

/**
 * Letter codes (ADR 0030), for a survivor without e-mail: printed in a posted letter, typed at
 * /levensverhaal/code by the signed-in survivor. Twelve characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), about 59 bits: far beyond guessing at the rate limit. The code
 * is short enough to type, so a plain SHA-256 of it could be searched through if the table
 * leaked: only its keyed hash (LOOKUP_HASH_KEY) is kept. Single use; a new letter replaces
 * every unused link or code of the story.
 */
export const LETTER_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const LETTER_CODE_LENGTH = 12
/** Post is slow and a letter may lie on a table for a while. */
export const LETTER_CODE_DAYS = 60
const DAY = 24 * 60 * 60 * 1000

export function newLetterCode() {
  return Array.from({ length: LETTER_CODE_LENGTH }, () => LETTER_CODE_ALPHABET[randomInt(LETTER_CODE_ALPHABET.length)]).join('')
}

/** 'ABCD-EFGH-JKMN', as printed. */
export const formatLetterCode = (code: string) => code.match(/.{1,4}/g)!.join('-')

/** The keyed hash of a normalised code (upper case, no spaces or dashes); null for something that cannot be a code. */
export function hashLetterCode(normalised: string): string | null {
  if (normalised.length !== LETTER_CODE_LENGTH || ![...normalised].every((c) => LETTER_CODE_ALPHABET.includes(c))) return null
  return lookupHash({ kind: 'lifeStoryLetterCode', value: normalised })
}

/** A fresh letter code for the story: earlier unused links and codes stop working. Returns the code and its last day. */
export async function issueLetterCode({ lifeStoryId }: { lifeStoryId: string }, tx: DbOrTx) {
  await tx.delete(lifeStoryInvitations).where(and(eq(lifeStoryInvitations.lifeStoryId, lifeStoryId), isNull(lifeStoryInvitations.usedAt)))
  const code = newLetterCode()
  const expiresAt = new Date(Date.now() + LETTER_CODE_DAYS * DAY)
  await tx.insert(lifeStoryInvitations).values({ lifeStoryId, tokenHash: hashLetterCode(code)!, kind: 'letter', expiresAt })
  return { code, expiresAt }
}
