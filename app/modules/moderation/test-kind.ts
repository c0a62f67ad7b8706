import type { ModeratableKind } from '~/modules/types'

/**
 * A tiny moderatable kind for tests only (the real kinds come from the proposals, budgets, … modules at
 * merge time): notes kept in memory, each with an author and a wijk.
 */
export function testKind(kind = 'test_note') {
  const notes = new Map<string, { title: string; authorId: string | null; wijkCode: string | null }>()
  const def: ModeratableKind = {
    kind,
    describe: async (id) => {
      const n = notes.get(id)
      return n ? { title: n.title, excerpt: `Tekst van ${n.title}`, href: `/test/${id}`, authorId: n.authorId, wijkCode: n.wijkCode } : null
    },
    listByAuthor: async (userId) => [...notes].filter(([, n]) => n.authorId === userId).map(([id]) => id),
  }
  return {
    kind: def,
    add: (id: string, note: { title: string; authorId: string | null; wijkCode: string | null }) => notes.set(id, note),
  }
}
