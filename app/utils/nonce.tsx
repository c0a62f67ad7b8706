import { createContext, useContext } from 'react'

/** This answer's Content-Security-Policy nonce (set by entry.server.tsx; empty in the browser). */
export const NonceContext = createContext('')

export const useNonce = () => useContext(NonceContext)
