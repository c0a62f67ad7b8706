import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'
import { LIMITS } from './validation'

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp'])

export type ImageResult =
  | { ok: true; data: Buffer; width: number; height: number }
  | { ok: false; error: 'proposals.errors.image_too_large' | 'proposals.errors.image_type' | 'proposals.errors.image_broken' }

/** Checks the bytes (not the name or the browser's type), then makes a WebP of at most 1600 px. */
export async function processImage(file: File): Promise<ImageResult> {
  if (file.size > LIMITS.imageBytes) return { ok: false, error: 'proposals.errors.image_too_large' }
  const input = Buffer.from(await file.arrayBuffer())
  const type = await fileTypeFromBuffer(input)
  if (!type || !ACCEPTED.has(type.mime)) return { ok: false, error: 'proposals.errors.image_type' }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: LIMITS.imagePixels, height: LIMITS.imagePixels, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true })
    return { ok: true, data, width: info.width, height: info.height }
  } catch {
    return { ok: false, error: 'proposals.errors.image_broken' }
  }
}
