/*
 * Error text from a broker or the BRP may quote what it was sent. Before anything reaches a log or a page,
 * every run of eight or more digits (a BSN has nine) is blotted out, and only the error's name, code and
 * message are kept — never its cause or request body.
 */
export function scrub(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; message?: unknown }
  const text = error instanceof Error ? `${e.name}${e.code ? ` ${String(e.code)}` : ''}: ${e.message}` : String(error)
  return text.replace(/\d{8,}/g, '[weggelaten]').slice(0, 300)
}
