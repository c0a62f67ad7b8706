import { desc, eq } from 'drizzle-orm'
import { alertDeliveries, alertPlaces, noticeReactions, planNotices, publications } from '~db/schema'
import { getDatabase } from '~db/runtime'
import type { DossierLine, DossierSource } from '../types'
import { deletePlace, placesOf } from './places.server'

/*
 * What the alerts module knows about a person: their places (each one a consent), the alerts they got,
 * and their reactions to plan notices with receipt and status. On erasure places and alerts go; a
 * reaction stays with the municipality as a received submission (its receipt number and text), without
 * its attachment and without a name.
 */
export const alertsDossier: DossierSource = {
  kinds: [
    { id: 'place', label: 'dossier.kind.place' },
    { id: 'alert', label: 'dossier.kind.alert' },
    { id: 'reaction', label: 'dossier.kind.reaction' },
  ],
  lines: async (userId) => {
    const { db } = getDatabase()
    const places = await placesOf(userId, db)
    const delivered = await db
      .select({ title: publications.title, href: publications.href, place: alertDeliveries.placeLabel, at: alertDeliveries.createdAt })
      .from(alertDeliveries)
      .innerJoin(publications, eq(publications.id, alertDeliveries.publicationId))
      .where(eq(alertDeliveries.userId, userId))
      .orderBy(desc(alertDeliveries.createdAt))
    const reactions = await db
      .select({
        noticeId: planNotices.id,
        title: planNotices.title,
        status: planNotices.status,
        receipt: noticeReactions.receiptNumber,
        body: noticeReactions.body,
        attachment: noticeReactions.attachmentName,
        at: noticeReactions.receivedAt,
      })
      .from(noticeReactions)
      .innerJoin(planNotices, eq(planNotices.id, noticeReactions.noticeId))
      .where(eq(noticeReactions.userId, userId))
    const lines: DossierLine[] = [
      ...places.map((p) => ({
        kind: 'place',
        at: p.consentedAt,
        text: 'dossier.line.place' as const,
        params: { label: p.label },
        href: '/mijn/plekken',
        row: {
          place: p.label,
          kind: p.kind,
          radius_m: p.radiusM,
          topics: p.topics.join(' '),
          how: p.channel,
          since: p.consentedAt.toISOString(),
        },
      })),
      ...delivered.map((d) => ({
        kind: 'alert',
        at: d.at,
        text: 'dossier.line.alert' as const,
        params: { title: d.title, label: d.place },
        href: d.href,
        row: { about: d.title, place: d.place, at: d.at.toISOString(), link: d.href },
      })),
      ...reactions.map((r) => ({
        kind: 'reaction',
        at: r.at,
        text: r.status === 'withdrawn' ? ('dossier.line.reaction_withdrawn' as const) : ('dossier.line.reaction' as const),
        params: { title: r.title, receipt: r.receipt },
        href: `/bekendmakingen/${r.noticeId}`,
        row: {
          notice: r.title,
          receipt: r.receipt,
          received: r.at.toISOString(),
          status: r.status === 'withdrawn' ? 'bekendmaking ingetrokken' : 'ontvangen',
          reaction: r.body,
          attachment: r.attachment,
        },
      })),
    ]
    return lines
  },
  consents: async (userId) =>
    (await placesOf(userId)).map((p) => ({
      id: `place:${p.id}`,
      text: 'dossier.consent.place' as const,
      params: { label: p.label },
      version: p.consentVersion,
      givenAt: p.consentedAt,
      effect: 'dossier.consent.place_effect' as const,
    })),
  withdraw: async (userId, consentId) => {
    const match = /^place:(\d{1,15})$/.exec(consentId)
    return match ? deletePlace(userId, Number(match[1])) : false
  },
  erase: async (tx, userId) => {
    await tx.delete(alertPlaces).where(eq(alertPlaces.userId, userId))
    await tx.delete(alertDeliveries).where(eq(alertDeliveries.userId, userId))
    await tx
      .update(noticeReactions)
      .set({ attachment: null, attachmentName: null, attachmentType: null })
      .where(eq(noticeReactions.userId, userId))
  },
  keeps: ['dossier.keeps.reactions'],
}
