/** Recomputes a stored package's BagIt manifests (ADR 0023). */
export async function verifyArchivePackage(_args: { ref: string }): Promise<{ ok: boolean; problems: string[]; payloadOxum: string }> {
  throw new Error('not implemented yet')
}
