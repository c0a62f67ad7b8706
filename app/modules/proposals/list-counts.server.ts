/*
 * The count for the list's pagination ("20.000 initiatieven", "pagina 1 van 1.000") is the dearest part of
 * the list at 20,000 proposals: it reads every matching row (≈ 15 ms), where the page itself is read from
 * an index in under a millisecond. It is kept per filter for COUNT_TTL_MS; the commands that change a
 * status forget it in this process once they committed (commands.server.ts), other app processes catch up
 * within the TTL. Which rows are shown is never cached, only the number.
 */
import { keptValues } from '~/utils/kept-values.server'

const COUNT_TTL_MS = 10_000
const counts = keptValues<number>(COUNT_TTL_MS)

export function forgetListCounts(): void {
  counts.forget()
}

/** After the write (committed or not), forget the counts; `when` limits it to outcomes that change a status. */
export async function forgettingCounts<T>(write: Promise<T>, when: (outcome: T) => boolean = () => true): Promise<T> {
  try {
    const outcome = await write
    if (when(outcome)) forgetListCounts()
    return outcome
  } catch (error) {
    forgetListCounts()
    throw error
  }
}

/** The number of rows for one filter, read at most once at a time and kept for COUNT_TTL_MS. */
export function cachedCount(key: string, count: () => Promise<number>, now = Date.now()): Promise<number> {
  return counts.get(key, count, now)
}
