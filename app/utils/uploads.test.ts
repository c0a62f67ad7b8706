import { describe, expect, it } from 'vitest'
import { formatFileSize } from './file-size'
import { checkPdf, pdfResponse } from './pdf.server'
import { checkUpload, readUploadForm, safeFilename } from './uploads.server'

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

describe('uploaded files', () => {
  it('checks a PDF by its bytes and its size, and gives it a safe name', async () => {
    expect(await checkPdf(new File([pdf], 'Plan "A" voor; de wijk.pdf'), 1000)).toEqual({
      ok: true,
      content: pdf,
      filename: 'Plan _A_ voor_ de wijk.pdf',
    })
    expect(await checkPdf(new File([png], 'foto.pdf'), 1000)).toEqual({ ok: false, reason: 'not_pdf' })
    expect(await checkPdf(new File([pdf], 'groot.pdf'), pdf.length - 1)).toEqual({ ok: false, reason: 'too_large' })
    expect(await checkPdf(new File([], 'leeg.pdf'), 1000)).toEqual({ ok: false, reason: 'empty' })
    expect(await checkUpload(new File([png], 'kaart'), { maxBytes: 1000, types: ['image/png'], fallbackName: 'x' })).toMatchObject({
      ok: true,
      mime: 'image/png',
      filename: 'kaart.png',
    })
  })

  it('makes names safe: no path, no quotes or control characters, the extension of the real type', () => {
    expect(safeFilename('../../etc/passwd', 'application/pdf', 'document')).toBe('passwd.pdf')
    expect(safeFilename('C:\\Users\\An\\Overzicht wijk.PDF', 'application/pdf', 'document')).toBe('Overzicht wijk.pdf')
    expect(safeFilename('..', 'application/pdf', 'document')).toBe('document.pdf')
    expect(safeFilename('foto.jpeg', 'image/jpeg', 'bijlage')).toBe('foto.jpeg')
    expect(safeFilename('rapport.exe', 'application/pdf', 'document')).toBe('rapport.exe.pdf')
    expect(safeFilename('ë\u0000\r\n'.repeat(60), 'application/pdf', 'document')).toMatch(/^[ë_]{1,90}\.pdf$/)
  })

  it('serves a PDF as a sandboxed attachment with a safe name', async () => {
    const response = pdfResponse({ content: pdf, filename: 'Brief aan de wijk ë.pdf' }, 'public')
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'content-disposition': `attachment; filename="Brief aan de wijk e.pdf"; filename*=UTF-8''Brief%20aan%20de%20wijk%20%C3%AB.pdf`,
      'content-security-policy': 'sandbox',
      'cache-control': 'public, max-age=300',
    })
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf)
    expect(pdfResponse({ content: pdf, filename: 'x.pdf' }, 'private').headers.get('cache-control')).toBe('private, no-store')
  })

  it('reads a form as it streams in: text kept, files over a limit dropped and named', async () => {
    const body = new FormData()
    body.set('title', 'Mijn getypte titel')
    for (const name of ['a.pdf', 'b.pdf', 'c.pdf']) body.append('documents', new File([pdf], name))
    body.append('image', new File([Buffer.alloc(3000)], 'groot.png'))
    body.append('other', new File([pdf], 'niet gevraagd.pdf'))
    body.append('documents', new File([], ''))
    body.set('after', 'na de bestanden')
    const request = new Request('http://stem.test/', { method: 'POST', body })
    const form = await readUploadForm(
      request,
      { documents: { maxBytes: 1000, maxCount: 2 }, image: { maxBytes: 2000, maxCount: 1 } },
      10_000,
    )
    expect(form!.refused).toEqual({ documents: 'too_many', image: 'too_large' })
    expect(form!.formData.get('title')).toBe('Mijn getypte titel')
    expect(form!.formData.get('after')).toBe('na de bestanden')
    expect((form!.formData.getAll('documents') as File[]).map((f) => f.name)).toEqual(['a.pdf', 'b.pdf'])
    expect(form!.formData.get('other')).toBe(null)
    // Together over the limit: the file that does not fit is refused, the text still comes.
    const total = new FormData()
    total.append('documents', new File([pdf], 'a.pdf'))
    total.append('documents', new File([pdf], 'b.pdf'))
    total.set('title', 'nog steeds hier')
    const over = await readUploadForm(
      new Request('http://stem.test/', { method: 'POST', body: total }),
      { documents: { maxBytes: 1000, maxCount: 3 } },
      pdf.length + 10,
    )
    expect(over!.refused).toEqual({ documents: 'total_too_large' })
    expect(over!.formData.getAll('documents')).toHaveLength(1)
    expect(over!.formData.get('title')).toBe('nog steeds hier')
    // A body that says it is far too large is not read.
    const huge = new Request('http://stem.test/', { method: 'POST', body: 'x', headers: { 'Content-Length': '400001' } })
    expect(await readUploadForm(huge, {}, 100_000)).toBe(null)
    const text = await readUploadForm(new Request('http://stem.test/', { method: 'POST', body: 'geen formulier' }), {}, 100_000)
    expect([...text!.formData.keys()]).toEqual([])
  })

  it('writes sizes as people read them', () => {
    expect(formatFileSize(1_258_291, 'nl')).toBe('1,2 MB')
    expect(formatFileSize(1_258_291, 'en')).toBe('1.2 MB')
    expect(formatFileSize(300, 'nl')).toBe('1 kB')
    expect(formatFileSize(48_000, 'nl')).toBe('47 kB')
  })
})
