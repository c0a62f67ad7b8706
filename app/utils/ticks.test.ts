import { describe, expect, it } from 'vitest'
import { allTicks, runTicks } from './ticks.server'

describe('the clock', () => {
  it('runs every tick in turn, and one failing tick does not stop the next', async () => {
    const seen: string[] = []
    const logged: string[] = []
    const outcome = await runTicks(
      new Date('2026-12-01T10:00:00Z'),
      [
        { name: 'a', run: async (now) => seen.push(`a ${now.toISOString()}`) },
        {
          name: 'b',
          run: async () => {
            throw new Error('boom')
          },
        },
        { name: 'c', run: async () => seen.push('c') },
      ],
      (message, error) => logged.push(`${message} ${(error as Error).message}`),
    )
    expect(seen).toEqual(['a 2026-12-01T10:00:00.000Z', 'c'])
    expect(logged).toEqual(['tick b: boom'])
    expect(outcome).toEqual([
      { name: 'a', ok: true },
      { name: 'b', ok: false },
      { name: 'c', ok: true },
    ])
  })

  it('collects the ticks from the module manifests with unique names', () => {
    const names = allTicks().map((t) => t.name)
    expect(new Set(names).size).toBe(names.length)
  })
})
