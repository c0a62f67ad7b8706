import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What one request to the server may share between its loaders and the server entry (Remix hands each
 * loader its own copy of the Request, so a cache per Request object is a cache per loader). Opened by
 * app/utils/http-app.server.ts for GET and HEAD requests only: the loaders after an action must see what
 * the action changed. Kept on globalThis because scripts/serve.ts and the server build each load their
 * own copy of this module (as db/runtime.ts does for the database handle).
 */
const key = Symbol.for('stem.requestScope')
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<Map<string, unknown>> | undefined>
const storage = (holder[key] ??= new AsyncLocalStorage<Map<string, unknown>>())

export function withRequestScope<T>(run: () => T): T {
  return storage.run(new Map(), run)
}

/** The shared values of the request being served, or undefined outside one (tests, scripts, mutations). */
export function requestScope(): Map<string, unknown> | undefined {
  return storage.getStore()
}
