import { describe, expect, it } from 'vitest'
import { getDatabase } from '~db/runtime'
import { action } from './registreren'

/** Posts the sign-up form as a browser would; returns the answer and how long it took. */
async function post(fields: Record<string, string>, ip: string) {
  const request = new Request('http://stem.test/registreren', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  })
  const started = performance.now()
  const response = (await action({ request, params: {}, context: { clientIp: ip } })) as Response
  return { response, ms: performance.now() - started }
}

const answerOf = (response: Response) => ({
  status: response.status,
  location: response.headers.get('location'),
  // The flash message's cookie: the same message either way (its value is signed per answer).
  cookies: response.headers.getSetCookie().map((c) => c.split('=')[0]),
})

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!

describe('the sign-up form', () => {
  it('answers a known address exactly as a new one — same status, page and cookies, similar time — and creates nothing', async () => {
    const fresh = await post({ displayName: 'Jan', email: 'jan@example.test', password: 'een lange zin van mij' }, '192.0.2.80')
    const known = await post({ displayName: 'Nep Jan', email: 'jan@example.test', password: 'nog een lange zin hier' }, '192.0.2.81')
    expect(answerOf(known.response)).toEqual(answerOf(fresh.response))
    expect(answerOf(fresh.response)).toMatchObject({ status: 302, location: '/' })
    const { raw } = getDatabase()
    const { rows } = await raw("select display_name from users where lower(email) = 'jan@example.test'")
    expect(rows.map((r) => r.display_name)).toEqual(['Jan'])

    // Similar time: both hash the password (Argon2id), most of the work; a known address that skipped it
    // would answer in milliseconds. The bounds are wide because the test machine is shared.
    const times = { fresh: [] as number[], known: [] as number[] }
    for (let i = 0; i < 5; i++) {
      times.fresh.push(
        (await post({ displayName: 'Nieuw', email: `nieuw${i}@example.test`, password: 'een lange zin van mij' }, '192.0.2.82')).ms,
      )
      times.known.push((await post({ displayName: 'Nep', email: 'jan@example.test', password: 'een lange zin van mij' }, '192.0.2.83')).ms)
    }
    const ratio = median(times.known) / median(times.fresh)
    expect(ratio, JSON.stringify(times)).toBeGreaterThan(0.2)
    expect(ratio, JSON.stringify(times)).toBeLessThan(5)
  })
})
