/**
 * The text of an import upload: the file (or a pasted `content` field), at most `maxBytes`. A request
 * larger than the limit is refused before its body is read. Null when there is nothing usable.
 */
export async function readImportUpload(request: Request, maxBytes: number): Promise<{ text: string; filename: string } | null> {
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes + 10_000) return null
  const formData = await request.formData()
  const file = formData.get('file')
  const text = file instanceof File && file.size > 0 && file.size <= maxBytes ? await file.text() : String(formData.get('content') ?? '')
  if (!text.trim() || text.length > maxBytes) return null
  return { text, filename: file instanceof File ? file.name : '' }
}
