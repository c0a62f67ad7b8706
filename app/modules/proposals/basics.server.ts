import { eq } from 'drizzle-orm'
import { proposals, proposalSupports, type Proposal } from '~db/schema'
import type { Queryable } from '~db/client'
import { type MessageKey } from '~/utils/i18n'
import { refuse, type Outcome } from '~/utils/result'

/*
 * What every proposal command shares: the kind names, the page address, the row lock, the supporters,
 * and the one result shape (app/utils/result.ts).
 */

export const KIND = 'proposal'
export const COMMENT_KIND = 'proposal_comment'
export const href = (id: number | string) => `/initiatieven/${id}`
export const DAY = 86_400_000

export type Result<T extends object = object> = Outcome<T, MessageKey>
export const fail = (field: string, key: MessageKey) => refuse(key, field)

/** The proposal, locked for the rest of the transaction (SELECT … FOR UPDATE). */
export async function lock(tx: Queryable, id: number): Promise<Proposal | null> {
  const [row] = await tx.select().from(proposals).where(eq(proposals.id, id)).for('update')
  return row ?? null
}

/** Everyone who supports a proposal. */
export async function supporterIds(db: Queryable, id: number) {
  const rows = await db.select({ userId: proposalSupports.userId }).from(proposalSupports).where(eq(proposalSupports.proposalId, id))
  return rows.map((r) => r.userId)
}
