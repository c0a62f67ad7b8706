import { and, inArray, isNotNull, lt, sql } from 'drizzle-orm'
import { accountActivity, auditLog, contactRequests, noticeReactions } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { requestErasure } from './erasure.server'
import { DAY_MS, dossierSettings } from './settings.server'

/*
 * Retention (documented in the privacy statement, settings in settings.server.ts): the clock warns a
 * resident who has not logged in for STEM_RETENTION_INACTIVE_DAYS and schedules the anonymisation
 * STEM_RETENTION_WARNING_DAYS later (logging in or the e-mail's link stops it); it deletes answered and
 * closed contact requests, attachments of reactions and audit lines past their periods.
 */

export async function runRetention(now = new Date(), batch = 50): Promise<{ warned: number }> {
  const { db } = getDatabase()
  const s = dossierSettings()
  const inactiveSince = new Date(now.getTime() - s.STEM_RETENTION_INACTIVE_DAYS * DAY_MS)
  // Residents (no staff role), not erased, not already scheduled, whose last log-in (or sign-up) is too long ago.
  const idle = rowsOf<{ id: string }>(
    await db.execute(sql`
      select u.id from users u
      left join account_activity a on a.user_id = u.id
      where greatest(u.created_at, a.last_login_at) < ${inactiveSince.toISOString()}::timestamptz
        and u.email not like '%@verwijderd.invalid'
        and not exists (select 1 from user_roles r where r.user_id = u.id)
        and not exists (select 1 from account_erasures e where e.user_id = u.id)
      order by u.id
      limit ${batch}`),
  )
  for (const { id } of idle) {
    await db.transaction(async (tx) => {
      await requestErasure(tx, id, 'inactive', now)
      await tx
        .insert(accountActivity)
        .values({ userId: id, lastLoginAt: new Date(0), warnedAt: now })
        .onConflictDoUpdate({ target: accountActivity.userId, set: { warnedAt: now } })
    })
  }
  await db.delete(contactRequests).where(
    and(
      inArray(contactRequests.status, ['answered', 'closed']),
      // A raw expression: the cut-off goes as text, since drizzle maps a Date only against a column.
      sql`coalesce(${contactRequests.closedAt}, ${contactRequests.answeredAt}, ${contactRequests.createdAt}) < ${new Date(now.getTime() - s.STEM_RETENTION_CONTACT_DAYS * DAY_MS).toISOString()}::timestamptz`,
    ),
  )
  await db
    .update(noticeReactions)
    .set({ attachment: null, attachmentName: null, attachmentType: null })
    .where(
      and(
        isNotNull(noticeReactions.attachment),
        lt(noticeReactions.receivedAt, new Date(now.getTime() - s.STEM_RETENTION_ATTACHMENT_DAYS * DAY_MS)),
      ),
    )
  // The audit log refuses deletes except in a transaction that says it is retention (migration 0019).
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('stem.audit_retention', 'on', true)`)
    await tx.delete(auditLog).where(lt(auditLog.at, new Date(now.getTime() - s.STEM_RETENTION_AUDIT_DAYS * DAY_MS)))
  })
  return { warned: idle.length }
}
