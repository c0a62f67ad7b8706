import { auditLog } from '~db/schema'
import type { Queryable } from '~db/client'

export interface AuditEntry {
  actorId: string | null
  action: string
  subjectUserId?: string | null
  reason?: string | null
  detail?: Record<string, unknown>
}

/** Records a staff or helper action on a resident's data. The table refuses updates and deletes. */
export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectUserId: entry.subjectUserId ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? {},
  })
}
