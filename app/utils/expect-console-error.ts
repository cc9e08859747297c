// Test-only: the house rule "a console.error in a test is a failure unless the test expects it".
// vitest.setup.ts installs the guard for every test file; a test that expects an error says so
// with expectConsoleError(), which also fails the test if the announced error never comes.
import { format } from 'node:util'
import { afterAll, afterEach, beforeEach } from 'vitest'

type Expectation = { pattern: RegExp | string | undefined; seen: boolean }
const state: { calls: string[]; expected: Expectation[] } = { calls: [], expected: [] }

/**
 * Opt in for this test: console.error is expected (matching `pattern` when given, else any).
 * The test fails if no matching error comes, and any other console.error still fails it.
 */
export function expectConsoleError(pattern?: RegExp | string) {
  state.expected.push({ pattern, seen: false })
}

const matches = (text: string, pattern: RegExp | string | undefined) =>
  pattern === undefined ? true : typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)

/** Problems with the console.error calls seen since the last check (empty: all is well); resets the state. */
export function takeConsoleErrorProblems(): string[] {
  const { calls, expected } = state
  state.calls = []
  state.expected = []
  const problems: string[] = []
  for (const text of calls) {
    const expectation = expected.find((e) => matches(text, e.pattern))
    if (expectation) expectation.seen = true
    else problems.push(`console.error was called and the test did not expect it (call expectConsoleError() if it should):\n${text}`)
  }
  for (const e of expected.filter((x) => !x.seen)) problems.push(`expectConsoleError(${e.pattern === undefined ? '' : String(e.pattern)}) but no such console.error came`)
  return problems
}

/**
 * Wraps console.error (not vi.spyOn: a test's vi.restoreAllMocks would silently remove a spy).
 * A test that replaces console.error itself, e.g. vi.spyOn(console, 'error').mockImplementation(),
 * has opted in explicitly: its calls never reach this wrapper.
 */
export function installConsoleErrorGuard() {
  const original = console.error.bind(console)
  console.error = (...args: unknown[]) => {
    const text = format(...args)
    state.calls.push(text)
    // An expected error stays out of the output; an unexpected one is shown where it happened.
    if (!state.expected.some((e) => matches(text, e.pattern))) original(...args)
  }
  beforeEach(() => {
    // Errors from module load or beforeAll are kept, so the first test reports them.
    state.expected = []
  })
  afterEach(() => {
    const problems = takeConsoleErrorProblems()
    if (problems.length > 0) throw new Error(problems.join('\n\n'))
  })
  afterAll(() => {
    const problems = takeConsoleErrorProblems()
    if (problems.length > 0) throw new Error(`After the last test: ${problems.join('\n\n')}`)
  })
}
