import { createContext, useContext } from 'react'

/** Carries the per-request CSP nonce from entry.server into the document. */
const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
