import { describe, expect, it } from 'vitest'
import { canTransition, isEditableByAuthor, nextStatus } from './lifecycle'

describe('story lifecycle', () => {
  it('walks the path to publication, with the author approving the moderated version', () => {
    expect(nextStatus('submit', 'author', 'draft')).toBe('submitted')
    expect(nextStatus('startReview', 'moderator', 'submitted')).toBe('inReview')
    expect(nextStatus('proposeVersion', 'moderator', 'inReview')).toBe('awaitingAuthor')
    expect(nextStatus('approveVersion', 'author', 'awaitingAuthor')).toBe('approved')
    expect(nextStatus('publish', 'author', 'approved')).toBe('published')
  })
  it("never lets a moderator publish or approve on the author's behalf", () => {
    expect(canTransition('approveVersion', 'moderator', 'awaitingAuthor')).toBe(false)
    expect(canTransition('publish', 'moderator', 'approved')).toBe(false)
    expect(canTransition('proposeVersion', 'moderator', 'submitted')).toBe(false)
  })
  it('lets the author withdraw at any point before removal, and only moderators remove', () => {
    for (const s of ['draft', 'submitted', 'inReview', 'awaitingAuthor', 'published'] as const) expect(canTransition('withdraw', 'author', s)).toBe(true)
    expect(canTransition('withdraw', 'author', 'removed')).toBe(false)
    expect(canTransition('remove', 'author', 'published')).toBe(false)
    expect(canTransition('remove', 'moderator', 'published')).toBe(true)
  })
  it('keeps the text editable only before review or when changes were asked', () => {
    expect(isEditableByAuthor('draft')).toBe(true)
    expect(isEditableByAuthor('changesRequested')).toBe(true)
    expect(isEditableByAuthor('inReview')).toBe(false)
    expect(isEditableByAuthor('published')).toBe(false)
  })
})
