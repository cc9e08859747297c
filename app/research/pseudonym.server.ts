import { lookupHash } from '~/privacy/field-crypto.server'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * A story's number in one project: HMAC-SHA256 under the server's look-up key (LOOKUP_HASH_KEY,
 * no new secret to manage) over the project's random salt and the story id, as 16 base32
 * characters (80 bits). The same story in the same project keeps its number across exports, so
 * a deletion notice can name it; another project gets an unrelated number, and without the
 * server key nobody can go from a number back to a story.
 */
export function researchPseudonym({ projectSalt, storyId }: { projectSalt: string; storyId: string }): string {
  const digest = Buffer.from(lookupHash({ kind: 'researchPseudonym', value: `${projectSalt}\u0000${storyId}` }), 'hex')
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of digest.subarray(0, 10)) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`
}
