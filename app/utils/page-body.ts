/**
 * A page whose content the page cache may compose into a kept page of the same path, language
 * and publication generation (ADR 0035): `body` renders what the route shows inside `<main>`
 * for an anonymous reader at `url`, exactly as the route would. The server reads these from the
 * Remix build (entry.server's `pageBodies`), so both share one copy of every module.
 */
export type PageBody = {
  path: RegExp
  body: (args: { url: URL; lng: string; generation: string }) => Promise<string>
}
