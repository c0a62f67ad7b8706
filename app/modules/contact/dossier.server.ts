import { eq, or, sql } from 'drizzle-orm'
import { contactRequests } from '~db/schema'
import type { MessageKey } from '~/utils/i18n'
import type { DossierSource } from '../types'
import { contactRequestsOf } from './contact.server'

/*
 * What personal contact knows about a person: their requests, with status. Erasure deletes them (name,
 * phone, e-mail and message are personal data and nothing public counts them).
 */
export const contactDossier: DossierSource = {
  kinds: [{ id: 'contact', label: 'dossier.kind.contact' }],
  lines: async (userId) =>
    (await contactRequestsOf(userId)).map((c) => ({
      kind: 'contact',
      at: c.createdAt,
      text: 'dossier.line.contact' as const,
      params: { message: c.message.length > 80 ? `${c.message.slice(0, 80)}…` : c.message },
      keys: { status: `contact.status_${c.status}` as MessageKey },
      href: `/persoonlijk-contact/status/${c.token}`,
      row: { asked: c.createdAt.toISOString(), message: c.message, status: c.status, phone: c.phone, email: c.email },
    })),
  erase: async (tx, userId, email) => {
    await tx.delete(contactRequests).where(or(eq(contactRequests.userId, userId), sql`lower(${contactRequests.email}) = lower(${email})`))
  },
}
