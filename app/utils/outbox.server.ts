import { and, asc, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Queryable } from '~db/client'

/*
 * The one way an outbox table is worked off (e-mail, hand-overs to the case system): a row is written in
 * the transaction of the change that causes it; a worker claims due rows with FOR UPDATE SKIP LOCKED and
 * a lease, so several workers never take the same row, and a worker that dies mid-send leaves a lease
 * that runs out, after which the row is tried again. A failed attempt waits longer each time.
 */

export interface LeasedOutbox {
  table: PgTable
  id: PgColumn
  /** Set when the row is done (sent, delivered); such rows are never claimed again. */
  doneAt: PgColumn
  sendAfter: PgColumn
  lockedUntil: PgColumn
  attempts: PgColumn
}

/**
 * Claims up to `batchSize` due rows for `leaseSeconds` and counts the attempt; returns their ids in
 * order. `where` narrows what is due (e.g. letters are not e-mailed).
 */
export async function claimDue(
  db: Queryable,
  outbox: LeasedOutbox,
  options: { batchSize: number; leaseSeconds: number; maxAttempts: number; where?: SQL },
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox.table)
      .where(
        and(
          isNull(outbox.doneAt),
          lte(outbox.sendAfter, sql`now()`),
          lte(outbox.attempts, options.maxAttempts),
          or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, sql`now()`)),
          options.where,
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(options.batchSize)
      .for('update', { skipLocked: true })
    if (due.length === 0) return []
    const ids = due.map((d) => Number(d.id))
    const lockedUntil = sql.identifier(outbox.lockedUntil.name)
    const attempts = sql.identifier(outbox.attempts.name)
    await tx.execute(
      sql`update ${outbox.table} set ${lockedUntil} = now() + make_interval(secs => ${options.leaseSeconds}), ${attempts} = ${attempts} + 1 where ${inArray(outbox.id, ids)}`,
    )
    return ids
  })
}

/** How long to wait after the n-th failed attempt (n counted by the claim): 1 min, 2 min, 4 min, … at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** attempts)
}
