import { Lucia, TimeSpan } from 'lucia'
import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'
import { sessions, users } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { cookiesSecure } from '~/utils/env.server'

// lucia stays behind app/auth: routes use session.server.ts, never lucia itself, so it can be swapped.
let instance: Lucia | undefined
let forDb: unknown

export function lucia(): Lucia {
  const { db } = getDatabase()
  if (instance && forDb === db) return instance
  forDb = db
  instance = new Lucia(new DrizzlePostgreSQLAdapter(db as never, sessions, users), {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    sessionCookie: {
      name: 'stem_session',
      attributes: { secure: cookiesSecure(), sameSite: 'lax' },
    },
    // The user's row comes with the session in one query; session.server.ts makes the actor from it.
    getUserAttributes: (attributes) => attributes,
  })
  return instance
}

declare module 'lucia' {
  interface Register {
    Lucia: Lucia<Record<never, never>, UserRow>
    DatabaseUserAttributes: UserRow
  }
}

/** The users row without its id, as the adapter reads it with the session. */
export type UserRow = Omit<typeof users.$inferSelect, 'id'>
