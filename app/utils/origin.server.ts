/**
 * Cross-site request forgery guard for every mutation: a state-changing request must come from a page
 * of this site. Browsers send Origin on every POST; Referer is the fallback for old ones.
 */
export function isSameOriginMutation(method: string, headers: { get(name: string): string | null }, allowedOrigins: string[]): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) return true
  const origin = headers.get('origin')
  const source = origin && origin !== 'null' ? origin : headers.get('referer')
  if (!source) return false
  try {
    return allowedOrigins.includes(new URL(source).origin)
  } catch {
    return false
  }
}

/** The origins this request may come from: the public URL, or the Host it was sent to. */
export function allowedOriginsFor(host: string | null, protocol: string, publicUrl?: string): string[] {
  const list: string[] = []
  if (publicUrl) list.push(new URL(publicUrl).origin)
  if (host) list.push(`${protocol}://${host}`)
  return list
}
