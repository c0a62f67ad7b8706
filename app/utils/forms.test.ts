import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseForm, typedInput } from './forms'

function form(entries: [string, string][]): FormData {
  const data = new FormData()
  for (const [k, v] of entries) data.append(k, v)
  return data
}

describe('what comes back after bad input', () => {
  it('keeps every ticked box of a group, and single values as they were', () => {
    const back = typedInput(
      form([
        ['topics', 'building'],
        ['topics', 'traffic'],
        ['topics', 'events'],
        ['label', 'Thuis'],
      ]),
    )
    expect(back.lists).toEqual({ topics: ['building', 'traffic', 'events'] })
    expect(back.values.label).toBe('Thuis')
  })

  it('never echoes a password, not even a repeated one', () => {
    const back = typedInput(
      form([
        ['password', 'geheim-1'],
        ['password', 'geheim-2'],
        ['email', 'a@b.example'],
      ]),
    )
    expect(back.values).toEqual({ email: 'a@b.example' })
    expect(back.lists).toEqual({})
  })

  it('a failed parse carries the group back whole', () => {
    const schema = z.object({ label: z.string().min(1, 'forms.required'), topics: z.array(z.string()) })
    const result = parseForm(
      schema,
      form([
        ['label', ''],
        ['topics', 'building'],
        ['topics', 'green'],
      ]),
    )
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.errors.label).toBe('forms.required')
      expect(result.lists?.topics).toEqual(['building', 'green'])
    }
  })
})
