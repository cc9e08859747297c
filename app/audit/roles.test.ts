import { expect, it } from 'vitest'
import { ROLES } from '~/auth/roles'
import { mostRelevantRole } from './roles'

it('names the role whose work an access belongs to, and some role for every staff member', () => {
  expect(mostRelevantRole(['intake'], 'application.welcomeLetter')).toBe('intake')
  expect(mostRelevantRole(['assessor', 'intake'], 'application.view')).toBe('assessor')
  expect(mostRelevantRole(['curator'], 'documentary.viewStory')).toBe('curator')
  expect(mostRelevantRole(['admin', 'archivist'], 'archive.viewPackage')).toBe('archivist')
  expect(mostRelevantRole(['interviewer'], 'lifeStory.view')).toBe('interviewer')
  // Whatever the action, a person who holds any role is shown with one (never "unknown").
  for (const role of ROLES) expect(mostRelevantRole([role], 'something.else')).toBe(role)
})
