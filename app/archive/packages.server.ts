/** Archive packages (ADR 0023): build, read, hand over, stream. */
export type PrepareResult = { ok: true; ref: string; byteSize: number; sha256: string } | { ok: false; reason: 'noConsent' | 'noModeratedText' | 'notFound' }

export async function prepareArchivePackage(_args: { storyId: string; actorId: string; ip?: string | null }): Promise<PrepareResult> {
  throw new Error('not implemented yet')
}

export type ArchivePackageView = {
  ref: string
  storyId: string
  builtAt: Date
  builtBy: string
  byteSize: number
  sha256: string
  handedOverAt: Date | null
  handedOverBy: string | null
  receiptReference: string | null
  files: string[]
}

export async function getArchivePackage(_args: { ref: string }): Promise<ArchivePackageView | null> {
  throw new Error('not implemented yet')
}

export type HandoverResult = { ok: true } | { ok: false; reason: 'notFound' | 'alreadyHandedOver' | 'consentWithdrawn' }

export async function recordHandover(_args: { ref: string; actorId: string; receiptReference: string; ip?: string | null }): Promise<HandoverResult> {
  throw new Error('not implemented yet')
}

export type PackageStream = { stream: NodeJS.ReadableStream; byteSize: number; fileName: string }

export async function openArchivePackageStream(_args: { ref: string }): Promise<PackageStream | null> {
  throw new Error('not implemented yet')
}
