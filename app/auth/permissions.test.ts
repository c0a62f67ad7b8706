import { describe, expect, it } from 'vitest'
import { corePermissions, isParticipation, participation, verifiedResident, withRole, type Actor } from './permissions'

const base: Actor = {
  id: 'u1',
  displayName: 'Test',
  email: 't@example.test',
  emailConfirmed: true,
  verified: true,
  wijkCode: 'WK001400',
  buurtCode: 'BU00140000',
  birthDate: '1990-05-17',
  blocked: false,
  roles: [],
}
const actor = (over: Partial<Actor> = {}): Actor => ({ ...base, ...over })

describe('verifiedResident', () => {
  it('gives the first reason that applies, in the order a person can fix them', () => {
    expect(verifiedResident(null)).toEqual({ ok: false, reason: 'not_logged_in' })
    expect(verifiedResident(actor({ blocked: true }))).toEqual({ ok: false, reason: 'blocked' })
    expect(verifiedResident(actor({ emailConfirmed: false, verified: false }))).toEqual({ ok: false, reason: 'email_not_confirmed' })
    expect(verifiedResident(actor({ verified: false }))).toEqual({ ok: false, reason: 'not_verified' })
    expect(verifiedResident(actor(), { areaCodes: ['WK001401'] })).toEqual({ ok: false, reason: 'outside_area' })
    expect(verifiedResident(actor(), { areaCodes: ['BU00140000'] })).toEqual({ ok: true })
    expect(verifiedResident(actor(), { areaCodes: ['WK001400'], minimumAge: 16 })).toEqual({ ok: true })
  })

  it('counts age by the full birth date on the given day, in Dutch time', () => {
    const on = new Date('2026-06-01T12:00:00Z')
    expect(verifiedResident(actor({ birthDate: '2010-06-01' }), { minimumAge: 16, on })).toEqual({ ok: true })
    // Born later in the same year: 15 on 1 June. A birth year alone counted this person as 16.
    expect(verifiedResident(actor({ birthDate: '2010-06-02' }), { minimumAge: 16, on })).toEqual({ ok: false, reason: 'too_young' })
    expect(verifiedResident(actor({ birthDate: null }), { minimumAge: 12, on })).toEqual({ ok: false, reason: 'too_young' })
    // 23:30 UTC on 31 May is already 1 June in the Netherlands: the birthday has come.
    const lateEvening = new Date('2026-05-31T22:30:00Z')
    expect(verifiedResident(actor({ birthDate: '2010-06-01' }), { minimumAge: 16, on: lateEvening })).toEqual({ ok: true })
  })
})

describe('core rules', () => {
  it('keeps the admin area to staff roles and user management to admins', () => {
    expect(corePermissions.openAdmin(actor(), undefined)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(corePermissions.openAdmin(actor({ roles: [{ role: 'helper', scope: '' }] }), undefined)).toEqual({ ok: true })
    expect(corePermissions.manageUsers(actor({ roles: [{ role: 'staff', scope: '' }] }), undefined)).toEqual({
      ok: false,
      reason: 'not_allowed',
    })
    expect(corePermissions.manageUsers(actor({ roles: [{ role: 'admin', scope: '' }] }), undefined)).toEqual({ ok: true })
    expect(corePermissions.verifyAtDesk(actor({ roles: [{ role: 'moderator', scope: 'WK001400' }] }), undefined)).toEqual({
      ok: false,
      reason: 'not_allowed',
    })
    expect(corePermissions.manageUsers(null, undefined)).toEqual({ ok: false, reason: 'not_logged_in' })
  })
})

describe('participation rules', () => {
  it('are marked for the guard, and decide exactly as the rule they wrap', () => {
    const vote = participation((who: Actor | null) => verifiedResident(who))
    expect(isParticipation(vote)).toBe(true)
    expect(isParticipation(withRole('staff'))).toBe(false)
    expect(vote(actor(), undefined)).toEqual({ ok: true })
    expect(vote(actor({ verified: false }), undefined)).toEqual({ ok: false, reason: 'not_verified' })
  })
})
