import { and, desc, eq } from 'drizzle-orm'
import { proposalComments, proposalPendingUploads, proposals, proposalSupports } from '~db/schema'
import { getDatabase } from '~db/runtime'
import type { DossierLine, DossierSource } from '../types'

/*
 * What the proposals module knows about a person: the proposals they wrote, supported and commented on.
 * On erasure published proposals, supports and comments stay (they are counted and discussed in
 * public) under "verwijderd account"; drafts and files waiting for a form go.
 */
export const proposalsDossier: DossierSource = {
  kinds: [
    { id: 'proposal', label: 'dossier.kind.proposal' },
    { id: 'support', label: 'dossier.kind.support' },
    { id: 'comment', label: 'dossier.kind.comment' },
  ],
  lines: async (userId) => {
    const { db } = getDatabase()
    const own = await db
      .select({ id: proposals.id, title: proposals.title, status: proposals.status, createdAt: proposals.createdAt })
      .from(proposals)
      .where(eq(proposals.authorId, userId))
      .orderBy(desc(proposals.createdAt))
    const supported = await db
      .select({ id: proposals.id, title: proposals.title, at: proposalSupports.createdAt })
      .from(proposalSupports)
      .innerJoin(proposals, eq(proposals.id, proposalSupports.proposalId))
      .where(eq(proposalSupports.userId, userId))
    const comments = await db
      .select({
        id: proposalComments.id,
        proposalId: proposals.id,
        title: proposals.title,
        body: proposalComments.body,
        at: proposalComments.createdAt,
      })
      .from(proposalComments)
      .innerJoin(proposals, eq(proposals.id, proposalComments.proposalId))
      .where(eq(proposalComments.authorId, userId))
    const lines: DossierLine[] = [
      ...own.map((p) => ({
        kind: 'proposal',
        at: p.createdAt,
        text: p.status === 'draft' ? ('dossier.line.proposal_draft' as const) : ('dossier.line.proposal' as const),
        params: { title: p.title },
        href: `/initiatieven/${p.id}`,
        row: { proposal: p.title, status: p.status, created: p.createdAt.toISOString(), link: `/initiatieven/${p.id}` },
      })),
      ...supported.map((s) => ({
        kind: 'support',
        at: s.at,
        text: 'dossier.line.support' as const,
        params: { title: s.title },
        href: `/initiatieven/${s.id}`,
        row: { proposal: s.title, supported: s.at.toISOString(), link: `/initiatieven/${s.id}` },
      })),
      ...comments.map((c) => ({
        kind: 'comment',
        at: c.at,
        text: 'dossier.line.comment' as const,
        params: { title: c.title },
        href: `/initiatieven/${c.proposalId}#reactie-${c.id}`,
        row: { proposal: c.title, comment: c.body, written: c.at.toISOString(), link: `/initiatieven/${c.proposalId}` },
      })),
    ]
    return lines
  },
  erase: async (tx, userId) => {
    await tx.delete(proposals).where(and(eq(proposals.authorId, userId), eq(proposals.status, 'draft')))
    await tx.delete(proposalPendingUploads).where(eq(proposalPendingUploads.userId, userId))
  },
  keeps: ['dossier.keeps.proposals', 'dossier.keeps.supports'],
}
