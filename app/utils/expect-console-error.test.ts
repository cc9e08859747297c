import { describe, expect, it, vi } from 'vitest'
import { expectConsoleError, takeConsoleErrorProblems } from './expect-console-error'

// takeConsoleErrorProblems() is called inside each test so the guard's own afterEach sees a clean slate.
describe('the console.error guard', () => {
  it('reports an unexpected console.error', () => {
    console.error('boom %s', 42)
    const problems = takeConsoleErrorProblems()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('boom 42')
  })

  it('accepts an expected console.error matching the pattern', () => {
    expectConsoleError(/boom/)
    console.error('boom')
    expect(takeConsoleErrorProblems()).toEqual([])
  })

  it('fails when the announced console.error never comes', () => {
    expectConsoleError('boom')
    expect(takeConsoleErrorProblems()).toEqual(['expectConsoleError(boom) but no such console.error came'])
  })

  it('still reports an error that does not match the expected pattern', () => {
    expectConsoleError('boom')
    console.error('boom')
    console.error('something else')
    const problems = takeConsoleErrorProblems()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('something else')
  })

  it('lets a test that mocks console.error itself opt out explicitly', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    console.error('mocked')
    spy.mockRestore()
    expect(takeConsoleErrorProblems()).toEqual([])
  })
})
