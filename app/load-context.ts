// Values the Express host passes to every loader and action (server/app.ts).
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** Per-request Content-Security-Policy nonce for Remix's inline scripts. */
    cspNonce: string
  }
}
export {}
