// What the server (scripts/serve.ts) passes to every loader and action.
declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The client's address, from the socket or, behind a trusted proxy, X-Forwarded-For. */
    clientIp: string
    /** This answer's Content-Security-Policy nonce (app/utils/security-headers.server.ts). */
    cspNonce?: string
    /** This request's id (app/utils/log.server.ts): in every log line of it and on the error page. */
    requestId?: string
  }
}
export {}
