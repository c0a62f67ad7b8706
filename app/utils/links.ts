import { z } from 'zod'

/** Whether a stored link is a web address: `javascript:`, `data:` and the like never become a link. */
export function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false
  try {
    const { protocol } = new URL(value)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/** A link typed in a form: http or https only (zod's .url() also takes javascript:). */
export const httpUrl = (message: string) =>
  z
    .string()
    .trim()
    .url(message)
    .refine((v) => isHttpUrl(v), message)
