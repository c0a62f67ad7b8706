import { env } from './env.server'

/** Links in e-mail need the public address of the site. */
export function absoluteUrl(path: string): string {
  const base = env().PUBLIC_URL ?? `http://localhost:${env().PORT}`
  return new URL(path, base).toString()
}
