import { z } from 'zod'

// Messages are translation keys (app/locales): the same schema checks in the browser and on the server.
export const LIMITS = {
  email: 254,
  password: { min: 10, max: 200 },
  displayName: 80,
  houseNumberAddition: 10,
  letterCode: 20,
  legalName: 120,
}

const trimmed = (max: number, tooLong: string) => z.string({ required_error: 'errors.required' }).trim().max(max, tooLong)

export const emailField = trimmed(LIMITS.email, 'errors.email_too_long')
  .min(1, 'errors.email_required')
  .email('errors.email_invalid')
  .transform((e) => e.toLowerCase())

export const passwordField = z
  .string({ required_error: 'errors.password_required' })
  .min(1, 'errors.password_required')
  .max(LIMITS.password.max, 'errors.password_too_long')

/** New passwords: long enough, not one repeated character, not a well-known one. */
export const newPasswordField = passwordField
  .refine((p) => p.length >= LIMITS.password.min, 'errors.password_too_short')
  .refine((p) => new Set(p).size >= 4, 'errors.password_weak')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), 'errors.password_weak')

// The most common passwords of Dutch leaks that satisfy the length rule; a full list is a later step.
const COMMON_PASSWORDS = new Set([
  'wachtwoord',
  'wachtwoord1',
  'wachtwoord123',
  'welkom123',
  'welkom1234',
  '1234567890',
  'qwertyuiop',
  'password123',
  'groningen1',
  'groningen123',
  'wachtwoord!',
  'abcdefghij',
  '0123456789',
])

export const signupSchema = z.object({
  displayName: trimmed(LIMITS.displayName, 'errors.name_too_long').min(2, 'errors.name_required'),
  email: emailField,
  password: newPasswordField,
  redirectTo: z.string().optional(),
})

export const loginSchema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().optional(),
})

export const forgotPasswordSchema = z.object({ email: emailField })

export const resetPasswordSchema = z.object({ password: newPasswordField })

export const changeEmailSchema = z.object({ email: emailField, password: passwordField })

const currentYear = () => new Date().getFullYear()

export const postcodeField = z
  .string({ required_error: 'errors.postcode_invalid' })
  .trim()
  .max(10, 'errors.postcode_invalid')
  .transform((p) => p.toUpperCase().replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[1-9][0-9]{3}[A-Z]{2}$/, 'errors.postcode_invalid'))

export const houseNumberField = z.coerce
  .number({ invalid_type_error: 'errors.house_number_invalid' })
  .int('errors.house_number_invalid')
  .min(1, 'errors.house_number_invalid')
  .max(99999, 'errors.house_number_invalid')

export const birthYearField = z.coerce
  .number({ invalid_type_error: 'errors.birth_year_invalid' })
  .int('errors.birth_year_invalid')
  .refine((y) => y >= currentYear() - 120 && y <= currentYear(), 'errors.birth_year_invalid')

export const addressSchema = z.object({
  postcode: postcodeField,
  houseNumber: houseNumberField,
  addition: trimmed(LIMITS.houseNumberAddition, 'errors.addition_too_long').default(''),
  birthYear: birthYearField,
})

/** A date as YYYY-MM-DD (what `<input type="date">` sends) or as DD-MM-YYYY (typed without a date picker). */
function isoDate(value: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value) ?? /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(value)
  if (!m) return null
  const [y, mo, d] = m[1]!.length === 4 ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!]
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`
  const date = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso
}

/** A full birth date, as YYYY-MM-DD: not in the future, not more than 120 years ago. */
export const birthDateField = z
  .string({ required_error: 'errors.birth_date_invalid' })
  .trim()
  .max(20, 'errors.birth_date_invalid')
  .transform((v, ctx) => {
    const iso = isoDate(v)
    const year = iso ? Number(iso.slice(0, 4)) : 0
    if (!iso || iso > new Date().toISOString().slice(0, 10) || year < currentYear() - 120) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'errors.birth_date_invalid' })
      return z.NEVER
    }
    return iso
  })

/** The name as on the letter or the identity document: first name(s) or initials and surname. */
export const legalNameField = trimmed(LIMITS.legalName, 'errors.legal_name_too_long')
  .min(1, 'errors.legal_name_required')
  .refine((n) => /\p{L}.*\s.*\p{L}|\p{L}\.\s*\p{L}/u.test(n), 'errors.legal_name_required')

/** Where a person lives and when they were born: how the desk finds a resident. */
export const personAtAddressSchema = z.object({
  postcode: postcodeField,
  houseNumber: houseNumberField,
  addition: trimmed(LIMITS.houseNumberAddition, 'errors.addition_too_long').default(''),
  birthDate: birthDateField,
})

/** A person to verify: the address, the full birth date and the name the letter is addressed to. */
export const personSchema = personAtAddressSchema.extend({ legalName: legalNameField })

export const letterCodeSchema = z.object({
  code: trimmed(LIMITS.letterCode, 'errors.code_invalid').min(1, 'errors.code_required'),
})
