import { createContext, useContext, useState } from 'react'

/** This request's id (set by entry.server.tsx from the load context), shown on the error page. */
export const RequestIdContext = createContext('')

/**
 * The request id for the error page: on the server from the context; in the browser the one the server
 * wrote into the page (`data-request-id`), so the hydrated page shows the same code.
 */
export function useRequestId(): string {
  const fromServer = useContext(RequestIdContext)
  const [id] = useState(() =>
    typeof document === 'undefined' ? fromServer : (document.querySelector('[data-request-id]')?.getAttribute('data-request-id') ?? ''),
  )
  return fromServer || id
}
