import { unstable_parseMultipartFormData as parseMultipartFormData } from '@remix-run/node'
import { fileTypeFromBuffer } from 'file-type'

/*
 * Uploaded files: checked by their first bytes (never by the name or the browser's word) and their size,
 * and read from the request as it streams in, so that nothing above the limits is held in memory and the
 * text someone typed comes back even when the files were too large.
 */

/** The extensions a stored name may end with, per type the bytes showed; the first is the one added. */
const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
}

export type UploadCheck =
  { ok: true; content: Buffer; mime: string; filename: string } | { ok: false; reason: 'empty' | 'too_large' | 'wrong_type' }

export async function checkUpload(
  file: File,
  rule: { maxBytes: number; types: readonly string[]; fallbackName: string },
): Promise<UploadCheck> {
  if (file.size === 0) return { ok: false, reason: 'empty' }
  if (file.size > rule.maxBytes) return { ok: false, reason: 'too_large' }
  const content = Buffer.from(await file.arrayBuffer())
  const type = await fileTypeFromBuffer(content)
  if (!type || !rule.types.includes(type.mime)) return { ok: false, reason: 'wrong_type' }
  return { ok: true, content, mime: type.mime, filename: safeFilename(file.name, type.mime, rule.fallbackName) }
}

/**
 * A name that is safe in a header and on any disk: letters, digits, spaces, dots, dashes and
 * underscores, at most 100 characters, ending in an extension of the type the bytes showed.
 */
export function safeFilename(name: string, mime: string, fallback: string): string {
  const extensions = EXTENSIONS[mime] ?? []
  const base = (name.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
  const dot = base.lastIndexOf('.')
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
  const known = extensions.includes(ext)
  const stem = ((known ? base.slice(0, dot) : base).slice(0, 90).trim() || fallback).replace(/\.+$/, '')
  const suffix = known ? ext : extensions[0]
  return suffix ? `${stem}.${suffix}` : stem
}

export interface UploadRule {
  maxBytes: number
  maxCount: number
}

/** Why a file was not read: larger than its own limit, one too many, or over what the whole form may carry. */
export type UploadRefusal = 'too_large' | 'too_many' | 'total_too_large'

export interface UploadForm {
  formData: FormData
  /** The first refusal per file field; the refused files are not in `formData`. */
  refused: Record<string, UploadRefusal>
}

/** Bytes of one text field and of all of them; longer values are cut off here, then refused by the form's limits. */
const MAX_TEXT_BYTES = 100_000
const MAX_TEXT_TOTAL = 1_000_000

/**
 * Reads a form with files as it comes in. Files of the fields in `rules` are kept up to their size and
 * number, and together up to `maxTotal` bytes; a file over a limit is read and dropped, and noted in
 * `refused` for a message at its field. Files of other fields are dropped. A form without files is read
 * as usual; a body that says it is far larger than allowed is not read at all (null).
 */
export async function readUploadForm(request: Request, rules: Record<string, UploadRule>, maxTotal: number): Promise<UploadForm | null> {
  if (Number(request.headers.get('content-length') ?? 0) > maxTotal * 4) return null
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    // Not a form at all (another content type): an empty one, refused by the form's own checks.
    return { formData: await request.formData().catch(() => new FormData()), refused: {} }
  }
  const refused: Record<string, UploadRefusal> = {}
  const counts: Record<string, number> = {}
  let fileTotal = 0
  let textTotal = 0
  const formData = await parseMultipartFormData(request, async ({ name, filename, contentType, data }) => {
    const rule = filename === undefined ? undefined : rules[name]
    const full = rule !== undefined && (counts[name] ?? 0) >= rule.maxCount
    const left = maxTotal - fileTotal
    const cap =
      filename === undefined ? Math.min(MAX_TEXT_BYTES, MAX_TEXT_TOTAL - textTotal) : rule && !full ? Math.min(rule.maxBytes, left) : 0
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of data) {
      size += chunk.byteLength
      if (size <= cap) chunks.push(chunk)
    }
    // A file field without a file (some clients send it as text): nothing was chosen.
    if (filename === undefined && rules[name]) return undefined
    if (filename === undefined) {
      textTotal += Math.min(size, cap)
      return Buffer.concat(chunks).toString('utf8')
    }
    // No rule: not a file this form takes. Empty and nameless: nothing was chosen.
    if (!rule || (size === 0 && !filename)) return undefined
    const refusal: UploadRefusal | null = full ? 'too_many' : size > rule.maxBytes ? 'too_large' : size > left ? 'total_too_large' : null
    if (refusal) {
      refused[name] ??= refusal
      return undefined
    }
    counts[name] = (counts[name] ?? 0) + 1
    fileTotal += size
    return new File([new Uint8Array(Buffer.concat(chunks))], filename, { type: contentType })
  })
  return { formData, refused }
}
