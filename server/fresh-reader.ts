// A read shared by concurrent callers that still never answers with a value read before the call
// (the page cache's publication generation, ADR 0011).

/**
 * Reads a value so that the read started after the call: concurrent callers that arrive
 * while a read is under way share the next one. Each caller waits at most two round trips,
 * and under load one query serves many requests instead of one each.
 */
export function createFreshReader<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null
  let next: Promise<T> | null = null
  const start = (): Promise<T> => {
    const p = read().finally(() => {
      if (running === p) running = null
    })
    running = p
    return p
  }
  return () => {
    if (!running) return start()
    // A read is under way, but it started before this caller arrived: queue the next one.
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = null
      return start()
    })
    return next
  }
}
