/**
 * Watches one embedded server of this process (ADR 0018) and restarts it when it has died:
 * with backoff, and a bounded number of tries in a row; after that `onGiveUp` is called, and
 * the portal exits non-zero so that an outer supervisor (systemd, a container runtime) takes
 * over. Production has no embedded servers and therefore nothing of this.
 */
export type Supervisor = { stop: () => void }

export function supervise(part: {
  name: string
  isAlive: () => boolean | Promise<boolean>
  restart: () => Promise<void>
  log: (message: string) => void
  onGiveUp: (name: string) => void
  /** How often the part is looked at. */
  intervalMs?: number
  /** Tries in a row before giving up. */
  maxTries?: number
  /** Wait before the second try; doubled for each further try. */
  backoffMs?: number
}): Supervisor {
  const intervalMs = part.intervalMs ?? 1000
  const maxTries = part.maxTries ?? 5
  const backoffMs = part.backoffMs ?? 500
  let stopped = false
  let timer: NodeJS.Timeout | undefined

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref())

  async function revive() {
    const down = performance.now()
    part.log(`${part.name} is not running; restarting it`)
    for (let attempt = 1; attempt <= maxTries && !stopped; attempt++) {
      try {
        await part.restart()
        if (await part.isAlive()) {
          part.log(`${part.name} restarted (try ${attempt}, ${Math.round(performance.now() - down)} ms after it was found down)`)
          return
        }
      } catch (error) {
        // Only the message: a start-up error names ports and folders, never personal data.
        part.log(`${part.name}: restart ${attempt} of ${maxTries} failed: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (attempt < maxTries) await sleep(backoffMs * 2 ** (attempt - 1))
    }
    if (stopped) return
    // Given up: this supervisor is done; whoever watches the process takes over.
    stopped = true
    part.onGiveUp(part.name)
  }

  async function look() {
    if (stopped) return
    try {
      if (!(await part.isAlive())) await revive()
    } finally {
      if (!stopped) timer = setTimeout(() => void look(), intervalMs).unref()
    }
  }
  timer = setTimeout(() => void look(), intervalMs).unref()

  return {
    stop: () => {
      stopped = true
      clearTimeout(timer)
    },
  }
}
