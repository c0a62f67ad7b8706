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
  })
  return instance
}
