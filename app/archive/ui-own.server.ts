import { listOwnArchivedStories, openOwnArchivePackage } from './own-archive.server'
import { parsePackageRef } from './ui-staff.server'

/** The survivor's own archive page (/mijn-verhalen/archief): only what was handed over, only theirs. */
export async function loadOwnArchive({ userId }: { userId: string }) {
  const rows = await listOwnArchivedStories({ userId })
  return rows.map((r) => ({ ref: r.ref, title: r.title, handedOverAt: r.handedOverAt.toISOString(), receiptReference: r.receiptReference }))
}
export type OwnArchiveRow = Awaited<ReturnType<typeof loadOwnArchive>>[number]

/** The same bag the archive holds; null for a reference that is not this survivor's handed-over package. */
export async function openOwnPackage({ userId, ref }: { userId: string; ref: string | undefined }) {
  const valid = parsePackageRef(ref)
  return valid ? openOwnArchivePackage({ userId, ref: valid }) : null
}
