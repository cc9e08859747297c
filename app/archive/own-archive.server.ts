import type { PackageStream } from './packages.server'

/** The survivor's own handed-over packages, scoped by construction to `userId`. */
export async function listOwnArchivedStories(_args: { userId: string }): Promise<Array<{ ref: string; storyId: string; title: string; handedOverAt: Date; receiptReference: string }>> {
  throw new Error('not implemented yet')
}

/** null when the package is not theirs (or not handed over): the caller answers 404. */
export async function openOwnArchivePackage(_args: { userId: string; ref: string }): Promise<PackageStream | null> {
  throw new Error('not implemented yet')
}
