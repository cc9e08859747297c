// Cost of one password check (argon2id with the portal's parameters) and of a miss for an
// unknown account (verification against a dummy hash keeps the timing alike).
// Usage: npx tsx bench/sign-in.ts [rounds]
import { hash, verify } from '@node-rs/argon2'
import { ARGON2_PARAMS } from '../app/auth/password.server'

const rounds = Number(process.argv[2] ?? 30)
const stored = await hash('een lange zin als wachtwoord', ARGON2_PARAMS)

function pct(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function time(label: string, fn: () => Promise<unknown>) {
  const ms: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now()
    await fn()
    ms.push(performance.now() - t0)
  }
  console.log(`${label.padEnd(34)} p50 ${pct(ms, 50).toFixed(1)} ms   p95 ${pct(ms, 95).toFixed(1)} ms   (n=${rounds})`)
}

console.log(`argon2id m=${ARGON2_PARAMS.memoryCost} KiB t=${ARGON2_PARAMS.timeCost} p=${ARGON2_PARAMS.parallelism}`)
await time('hash (registration, reset)', () => hash('een lange zin als wachtwoord', ARGON2_PARAMS))
await time('verify, right password', () => verify(stored, 'een lange zin als wachtwoord'))
await time('verify, wrong password', () => verify(stored, 'niet het wachtwoord'))
