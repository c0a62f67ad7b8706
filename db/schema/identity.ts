import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './users'

/*
 * DigiD and eHerkenning through an OpenID Connect broker (decision 0015). No BSN is stored anywhere: the
 * broker's BSN becomes a keyed-hash pseudonym at once (app/auth/person-key.server.ts), and only that
 * pseudonym is kept here.
 */

/** One log-in in progress at the broker: state, nonce and the PKCE verifier, server-side and used once. */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    /** A keyed hash of the state parameter; the state itself travels only in the browser. */
    stateHash: text('state_hash').primaryKey(),
    provider: text('provider').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** Set when a logged-in account asked to link DigiD to itself. */
    linkUserId: text('link_user_id').references(() => users.id, { onDelete: 'cascade' }),
    redirectTo: text('redirect_to').notNull().default('/mijn'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
)

/**
 * An account linked to a person at DigiD. `pseudonym` is the person key from the BSN; one person may hold
 * several accounts, and they are then one person for one-person-one-vote.
 */
export const identityLinks = pgTable(
  'identity_links',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    pseudonym: text('pseudonym').notNull(),
    /** basis | midden | substantieel | hoog, from the token's acr claim at the latest log-in. */
    assurance: text('assurance').notNull(),
    /** ok | unavailable | not_found | address_unknown: the latest answer of the BRP. */
    brpStatus: text('brp_status').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('identity_links_pseudonym_idx').on(t.pseudonym)],
)

/**
 * An account that is an organisation, logged in with eHerkenning: its KVK number and name, which are not
 * personal data. Such an account never holds a person key and is never a verified resident: it may put
 * proposals forward and react to notices as the organisation, never vote.
 */
export const organisationLinks = pgTable(
  'organisation_links',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    kvkNumber: text('kvk_number').notNull(),
    name: text('name').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisation_links_kvk_idx').on(t.kvkNumber)],
)
