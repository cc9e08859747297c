import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { archivePackages } from '@db/schema/archive'
import { storedFiles } from '@db/schema/files'
import { registerPersonalData } from '~/privacy/data-registry.server'

// The archive's personal data: the packages built of a person's stories (each a copy of the
// approved story, the files chosen for the archive and the consents). A package handed over
// stays, unlinked from the account, as the archive consent says; one never handed over goes.
// Registered before the monument (registrations.server.ts): a story with packages can only be
// deleted once its unsent packages are gone.

registerPersonalData({
  name: 'archive',
  tables: ['archive_packages'],
  exportFor: async ({ userId, tx }) => {
    const rows = await tx.select().from(archivePackages).where(eq(archivePackages.authorId, userId)).orderBy(archivePackages.builtAt)
    return rows.map((r) => ({
      ref: r.ref,
      storyId: r.storyId,
      textVersion: r.textVersion,
      consentTextVersion: r.consentTextVersion,
      files: r.files,
      builtAt: r.builtAt,
      handedOverAt: r.handedOverAt,
      receiptReference: r.receiptReference,
    }))
  },
  // Each package goes into the export as itself (`files/archive/<ref>.zip`).
  filesFor: async ({ userId, tx }) => {
    const rows = await tx.select({ ref: archivePackages.ref, key: archivePackages.storageKey }).from(archivePackages).where(eq(archivePackages.authorId, userId))
    return rows.map((r) => ({ key: r.key, name: r.ref, contentType: 'application/zip' }))
  },
  eraseFor: async ({ userId, tx }) => {
    const unsent = await tx
      .delete(archivePackages)
      .where(and(eq(archivePackages.authorId, userId), isNull(archivePackages.handedOverAt)))
      .returning({ fileId: archivePackages.fileId })
    if (unsent.length) await tx.delete(storedFiles).where(inArray(storedFiles.id, unsent.map((u) => u.fileId)))
    const kept = await tx
      .update(archivePackages)
      .set({ authorId: null })
      .where(and(eq(archivePackages.authorId, userId), isNotNull(archivePackages.handedOverAt)))
      .returning({ key: archivePackages.storageKey })
    if (kept.length === 0) return {}
    return { kept: 'monument:kept.archiveTransfer', keepFiles: kept.map((k) => k.key) }
  },
})
