import { describe, expect, it } from 'vitest'
import { keptValues } from './kept-values.server'

/** Like a drizzle query builder: it runs again at every `then`. */
function lazyQuery<T>(value: T, runs: { n: number }, ms = 5): PromiseLike<T> {
  return {
    then(onFulfilled, onRejected) {
      runs.n += 1
      return new Promise<T>((r) => setTimeout(() => r(value), ms)).then(onFulfilled, onRejected)
    },
  }
}

describe('keptValues', () => {
  it('reads once for concurrent requests and keeps the value for its time', async () => {
    const kept = keptValues<number>(1000)
    const runs = { n: 0 }
    const values = await Promise.all(Array.from({ length: 50 }, () => kept.get('k', () => lazyQuery(7, runs))))
    expect(values).toEqual(Array(50).fill(7))
    expect(runs.n).toBe(1)
    await kept.get('k', () => lazyQuery(8, runs))
    expect(runs.n).toBe(1)
    // After its time, read again.
    expect(await kept.get('k', () => lazyQuery(9, runs), Date.now() + 2000)).toBe(9)
    expect(runs.n).toBe(2)
  })

  it('keys are separate', async () => {
    const kept = keptValues<string>(1000)
    const runs = { n: 0 }
    expect(await kept.get('a', () => lazyQuery('A', runs))).toBe('A')
    expect(await kept.get('b', () => lazyQuery('B', runs))).toBe('B')
    expect(runs.n).toBe(2)
  })

  it('does not keep a value whose read began before forget()', async () => {
    const kept = keptValues<number>(60_000)
    const runs = { n: 0 }
    const first = kept.get('k', () => lazyQuery(1, runs, 20))
    kept.forget()
    expect(await first).toBe(1)
    expect(await kept.get('k', () => lazyQuery(2, runs))).toBe(2)
    expect(runs.n).toBe(2)
  })

  it('does not keep a failed read', async () => {
    const kept = keptValues<number>(60_000)
    await expect(kept.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await kept.get('k', () => Promise.resolve(3))).toBe(3)
  })

  it('stays within its number of entries', async () => {
    const kept = keptValues<number>(60_000, 2)
    const runs = { n: 0 }
    for (const k of ['a', 'b', 'c']) await kept.get(k, () => lazyQuery(1, runs))
    await kept.get('a', () => lazyQuery(1, runs))
    expect(runs.n).toBe(4)
  })
})
