import { desc, eq } from 'drizzle-orm'
import { outboundEmails } from '~db/schema'
import { getDatabase } from '~db/runtime'

export async function listOutbox(limit = 100) {
  const { db } = getDatabase()
  return db
    .select({
      id: outboundEmails.id,
      to: outboundEmails.toAddress,
      subject: outboundEmails.subject,
      kind: outboundEmails.kind,
      createdAt: outboundEmails.createdAt,
    })
    .from(outboundEmails)
    .orderBy(desc(outboundEmails.id))
    .limit(limit)
}

export async function getOutboxMessage(id: number) {
  const { db } = getDatabase()
  const [message] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, id))
  return message ?? null
}
