import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  amsterdamDay,
  amsterdamInstant,
  endOfAmsterdamDay,
  formatDate,
  formatInstant,
  fromAmsterdamLocal,
  isWorkingDay,
  nextWorkingDay,
  publicHolidays,
  toAmsterdamLocal,
} from './time'

describe('the time module', () => {
  it('reads days and local times in the Netherlands, summer and winter', () => {
    expect(amsterdamDay(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01')
    expect(amsterdamDay(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31')
    expect(amsterdamInstant('2026-07-01', 9).toISOString()).toBe('2026-07-01T07:00:00.000Z')
    expect(amsterdamInstant('2026-01-15', 9).toISOString()).toBe('2026-01-15T08:00:00.000Z')
    expect(endOfAmsterdamDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.999Z')
    expect(fromAmsterdamLocal('2027-03-01T19:30')?.toISOString()).toBe('2027-03-01T18:30:00.000Z')
    expect(fromAmsterdamLocal('2027-07-01')?.toISOString()).toBe('2027-07-01T07:00:00.000Z')
    expect(fromAmsterdamLocal('gisteren')).toBeNull()
    expect(toAmsterdamLocal(new Date('2027-07-01T07:00:00Z'))).toBe('2027-07-01T09:00')
  })

  it('round-trips every local time outside the spring gap', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), (d) => {
        const minute = new Date(Math.floor(d.getTime() / 60_000) * 60_000)
        expect(fromAmsterdamLocal(toAmsterdamLocal(minute))?.getTime()).toBe(minute.getTime() - (isAutumnRepeat(minute) ? 3_600_000 : 0))
      }),
    )
  })

  it('counts working days with the public holidays of the Algemene termijnenwet', () => {
    expect(publicHolidays(2027).has('2027-03-29')).toBe(true) // Tweede Paasdag
    expect(publicHolidays(2025).has('2025-04-26')).toBe(true) // Koningsdag on Saturday because the 27th is a Sunday
    expect(isWorkingDay('2026-12-25')).toBe(false)
    expect(isWorkingDay('2026-12-28')).toBe(true)
    expect(nextWorkingDay('2026-12-25')).toBe('2026-12-28')
    // Thursday 24 December 2026, 10:00 + 2 working days: Christmas and the weekend are skipped.
    expect(addWorkingDays(new Date('2026-12-24T09:00:00Z'), 2).toISOString()).toBe('2026-12-29T09:00:00.000Z')
    // Across the change to summer time the hour of the day stays.
    expect(toAmsterdamLocal(addWorkingDays(amsterdamInstant('2026-03-27', 10), 1))).toBe('2026-03-30T10:00')
    // Easter Monday 2027 (29 March) is not a working day.
    expect(toAmsterdamLocal(addWorkingDays(amsterdamInstant('2027-03-26', 10), 1))).toBe('2027-03-30T10:00')
  })

  it("formats in the page's language", () => {
    expect(formatDate('2026-12-01', 'nl')).toBe('1 december 2026')
    expect(formatDate('2026-12-01', 'en')).toBe('1 December 2026')
    expect(formatInstant('2026-07-01T07:00:00Z', 'nl', 'time')).toBe('09:00')
  })
})

/** The hour repeated when summer time ends: the local time is ambiguous and the earlier instant is meant. */
function isAutumnRepeat(at: Date): boolean {
  const local = toAmsterdamLocal(at)
  return toAmsterdamLocal(new Date(at.getTime() - 3_600_000)) === local
}
