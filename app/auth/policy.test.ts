import { describe, expect, it } from 'vitest'
import { can, requiresPasskey } from './policy'

const survivorA = { id: 'a', roles: ['survivor'] as const }
const moderator = { id: 'm', roles: ['moderator'] as const }
const admin = { id: 'x', roles: ['admin'] as const }

describe('policy', () => {
  it('gives each staff power only to its roles', () => {
    expect(can(moderator, 'stories.moderate')).toBe(true)
    expect(can(admin, 'stories.moderate')).toBe(false)
    expect(can(admin, 'audit.search')).toBe(true)
    expect(can(moderator, 'audit.search')).toBe(false)
    expect(can(survivorA, 'staff.area')).toBe(false)
    expect(can(null, 'staff.area')).toBe(false)
  })
  it('lets survivors act only on their own records', () => {
    expect(can(survivorA, 'survivor.own', { ownerId: 'a' })).toBe(true)
    expect(can(survivorA, 'survivor.own', { ownerId: 'b' })).toBe(false)
    expect(can(moderator, 'survivor.own', { ownerId: 'm' })).toBe(false)
  })
  it('requires passkeys for assessors and admins', () => {
    expect(requiresPasskey(['assessor'])).toBe(true)
    expect(requiresPasskey(['moderator', 'admin'])).toBe(true)
    expect(requiresPasskey(['triage'])).toBe(false)
  })
})
