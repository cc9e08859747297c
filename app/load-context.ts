// Values the Express host passes to every loader and action (server/app.ts).
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** Per-request Content-Security-Policy nonce for Remix's inline scripts. */
    cspNonce: string
    /** The client's address as Express sees it (trust proxy applies). Hash before storing. */
    clientIp: string
    /**
     * The publication generation this anonymous page is rendered under (server/page-cache.ts);
     * absent for every other request.
     */
    publicationGeneration?: string
  }
}
export {}

// Single fetch is on (remix.config.js): typed loader/action data follows it.
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}
