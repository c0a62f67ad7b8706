import { describe, expect, it } from 'vitest'
import { action as signUpAction } from './registreren'
import { action as loginAction } from './inloggen'
import type { FormFailure } from '~/utils/forms'

async function post(action: typeof signUpAction, body: Record<string, string>) {
  const request = new Request('http://stem.test/x', {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { Origin: 'http://stem.test' },
  })
  const response = (await action({ request, params: {}, context: { clientIp: '203.0.113.9' } })) as Response
  return { status: response.status, data: (await response.json()) as FormFailure }
}

describe('bad input through the real actions', () => {
  it('answers over-long fields with a message per field and keeps what was typed, except the password', async () => {
    const long = 'x'.repeat(300)
    const { status, data } = await post(signUpAction, { displayName: long, email: `${long}@example.test`, password: long })
    expect(status).toBe(400)
    expect(data.errors).toEqual({
      displayName: 'errors.name_too_long',
      email: 'errors.email_too_long',
      password: 'errors.password_too_long',
    })
    expect(data.values).toEqual({ displayName: long, email: `${long}@example.test` })
  })

  it('answers an empty login with messages, not an error page', async () => {
    const { status, data } = await post(loginAction, { email: '', password: '' })
    expect(status).toBe(400)
    expect(data.errors).toEqual({ email: 'errors.email_required', password: 'errors.password_required' })
  })
})
