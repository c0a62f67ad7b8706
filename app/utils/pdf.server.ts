import { checkUpload } from './uploads.server'

/** PDF documents of every module: one check on the way in, one response on the way out. */

export type PdfCheck = { ok: true; content: Buffer; filename: string } | { ok: false; reason: 'empty' | 'too_large' | 'not_pdf' }

/** A PDF by its first bytes, at most `maxBytes`; the module turns the reason into its own message. */
export async function checkPdf(file: File, maxBytes: number): Promise<PdfCheck> {
  const checked = await checkUpload(file, { maxBytes, types: ['application/pdf'], fallbackName: 'document' })
  if (!checked.ok) return { ok: false, reason: checked.reason === 'wrong_type' ? 'not_pdf' : checked.reason }
  return { ok: true, content: checked.content, filename: checked.filename }
}

/** A stored document's title when none was given: its file name without `.pdf`. */
export function titleFromFilename(filename: string, max: number): string {
  return (
    filename
      .replace(/\.pdf$/i, '')
      .slice(0, max)
      .trim() || 'Document'
  )
}

/**
 * The download of a stored PDF. It is served as an attachment in a sandbox: whatever the file holds,
 * it never runs as a page of this site (browsers do not show PDFs inline under `sandbox`, so the
 * resident's own PDF reader opens it). Public documents may be cached briefly; others not at all.
 * X-Content-Type-Options comes with every answer (security-headers.server.ts): set here too, it was sent twice.
 */
export function pdfResponse(file: { content: Uint8Array; filename: string }, cache: 'public' | 'private'): Response {
  const content = new Uint8Array(file.content)
  return new Response(content, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(content.byteLength),
      'Content-Disposition': contentDisposition(file.filename),
      'Content-Security-Policy': 'sandbox',
      'Cache-Control': cache === 'public' ? 'public, max-age=300' : 'private, no-store',
    },
  })
}

/** The name in plain ASCII for old clients, and in full (RFC 6266 / 8187) for the rest. */
function contentDisposition(filename: string): string {
  const ascii =
    filename
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\;%]/g, '_')
      .trim() || 'document.pdf'
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
