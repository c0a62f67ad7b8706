import { eq } from 'drizzle-orm'
import { proposalCommentLikes, proposalComments } from '~db/schema'
import type { Database } from '~db/client'
import { getDatabase } from '~db/runtime'
import { COMMENT_EDIT_MINUTES } from './validation'
import { fail, type Result } from './basics.server'

/** Comments on a proposal: two levels (replies to a top-level comment), editable for a short while, liked once. */

export async function addComment(
  proposalId: number,
  authorId: string,
  body: string,
  parentId?: number | null,
  db: Database = getDatabase().db,
): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    if (parentId) {
      const [parent] = await tx.select().from(proposalComments).where(eq(proposalComments.id, parentId))
      // Two levels: replies go to a top-level comment of the same proposal.
      if (!parent || parent.proposalId !== proposalId || parent.parentId !== null) return fail('body', 'proposals.errors.reply_invalid')
    }
    const [row] = await tx
      .insert(proposalComments)
      .values({ proposalId, authorId, body, parentId: parentId || null })
      .returning({ id: proposalComments.id })
    return { ok: true as const, id: row!.id }
  })
}

export async function editComment(
  commentId: number,
  authorId: string,
  body: string,
  db: Database = getDatabase().db,
  now = new Date(),
): Promise<Result> {
  const [row] = await db.select().from(proposalComments).where(eq(proposalComments.id, commentId))
  if (!row || row.authorId !== authorId) return fail('body', 'errors.not_found')
  if (now.getTime() - row.createdAt.getTime() > COMMENT_EDIT_MINUTES * 60_000) return fail('body', 'proposals.errors.edit_window')
  await db.update(proposalComments).set({ body, editedAt: now }).where(eq(proposalComments.id, commentId))
  return { ok: true }
}

export async function likeComment(commentId: number, userId: string, db: Database = getDatabase().db) {
  await db.insert(proposalCommentLikes).values({ commentId, userId }).onConflictDoNothing()
}
