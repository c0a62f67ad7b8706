/*
 * Values read from the database and kept in this process for a short time, per key: the list pages'
 * pagination counts, the wijk names of a filter. One read per key at a time — requests that ask while a
 * value is being read wait for that read (no stampede of fifty identical counts when an entry expires).
 * `forget()` empties it; a read that began before a forget is returned to its callers but not kept.
 * A failed read is not kept either.
 *
 * The loader must return a real Promise: a drizzle query builder runs again at every `then`, so it is
 * wrapped in Promise.resolve here once, and kept as that promise.
 */
export interface KeptValues<T> {
  get(key: string, load: () => PromiseLike<T>, now?: number): Promise<T>
  forget(): void
}

export function keptValues<T>(ttlMs: number, maxEntries = 500): KeptValues<T> {
  const entries = new Map<string, { value: Promise<T>; until: number }>()
  let generation = 0
  return {
    get(key, load, now = Date.now()) {
      const hit = entries.get(key)
      if (hit && hit.until > now) return hit.value
      const started = generation
      const value = Promise.resolve(load())
      if (entries.size >= maxEntries) entries.clear()
      // Kept while it is being read (others wait for it), for ttlMs once it is there.
      entries.set(key, { value, until: Number.POSITIVE_INFINITY })
      value.then(
        () => {
          if (entries.get(key)?.value !== value) return
          if (generation === started) entries.set(key, { value, until: Date.now() + ttlMs })
          else entries.delete(key)
        },
        () => {
          if (entries.get(key)?.value === value) entries.delete(key)
        },
      )
      return value
    },
    forget() {
      generation += 1
      entries.clear()
    },
  }
}
