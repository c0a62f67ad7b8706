import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'
import { LIMITS } from './validation'

/** Checks the bytes are a photo (by magic bytes, not the name) and resizes it to a JPEG ≤ 1200 px wide. */
export async function processPhoto(bytes: Buffer): Promise<string | null> {
  if (bytes.length > LIMITS.photoBytes) return null
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !['image/jpeg', 'image/png', 'image/webp'].includes(type.mime)) return null
  try {
    const resized = await sharp(bytes).rotate().resize({ width: 1200, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer()
    return resized.toString('base64')
  } catch {
    return null
  }
}
