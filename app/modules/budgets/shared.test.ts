import { describe, expect, it } from 'vitest'
import { dateOf } from './shared.server'

describe('dateOf', () => {
  it('takes the day in the Netherlands, in winter and in summer time', () => {
    expect(dateOf('2027-01-15')?.toISOString()).toBe('2027-01-14T23:00:00.000Z')
    expect(dateOf('2027-07-01')?.toISOString()).toBe('2027-06-30T22:00:00.000Z')
    expect(dateOf('2027-07-01', true)?.toISOString()).toBe('2027-07-01T21:59:59.000Z')
    expect(dateOf(null)).toBeNull()
  })
})
