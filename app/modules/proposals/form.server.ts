import { randomBytes } from 'node:crypto'
import { json } from '@remix-run/node'
import { and, eq, lt } from 'drizzle-orm'
import { proposalPendingImages } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { parseForm, typedValues, type FormFailure } from '~/utils/forms'
import type { ImageInput } from './commands.server'
import { processImage } from './image.server'
import { LIMITS, proposalSchema, type ProposalInput } from './validation'

/** Whole requests above this are refused before parsing (the image may be 5 MB, the text is small). */
const MAX_BODY = LIMITS.imageBytes * 2 + 200_000

/** The hidden field that carries a kept image from one try of the form to the next. */
export const PENDING_IMAGE_FIELD = 'pendingImage'
const PENDING_DAYS = 1

/** Keeps a valid image of a form that cannot be saved yet; the token goes back in the form. */
async function keepImage(userId: string, image: ImageInput): Promise<string> {
  const token = randomBytes(18).toString('base64url')
  await getDatabase().db.insert(proposalPendingImages).values({ token, userId, data: image.data, width: image.width, height: image.height })
  return token
}

async function keptImage(userId: string, token: string, alt: string): Promise<ImageInput | null> {
  if (!/^[\w-]{10,40}$/.test(token)) return null
  const [row] = await getDatabase()
    .db.select()
    .from(proposalPendingImages)
    .where(and(eq(proposalPendingImages.token, token), eq(proposalPendingImages.userId, userId)))
  return row ? { data: row.data, width: row.width, height: row.height, alt } : null
}

/** After the proposal was saved with it. */
export async function discardKeptImage(values: Record<string, string>): Promise<void> {
  const token = values[PENDING_IMAGE_FIELD]
  if (token) await getDatabase().db.delete(proposalPendingImages).where(eq(proposalPendingImages.token, token))
}

/** The tick: kept images nobody came back for. */
export async function purgeKeptImages(now: Date): Promise<void> {
  await getDatabase()
    .db.delete(proposalPendingImages)
    .where(lt(proposalPendingImages.createdAt, new Date(now.getTime() - PENDING_DAYS * 86_400_000)))
}

/** A 400 with the messages and everything typed — and a valid image kept, so it need not be chosen again. */
export async function failureKeepingImage(
  userId: string,
  image: ImageInput | null,
  errors: FormFailure['errors'],
  values: Record<string, string>,
): Promise<Response> {
  const echoed = { ...values }
  if (image && !echoed[PENDING_IMAGE_FIELD]) echoed[PENDING_IMAGE_FIELD] = await keepImage(userId, image)
  return json<FormFailure>({ errors, values: echoed }, { status: 400 })
}

/**
 * Reads the create/edit form: text fields through the same zod schema as the browser, the image by its
 * bytes. Bad input comes back as a 400 with the message at each field and everything typed.
 */
export async function readProposalForm(
  request: Request,
  userId: string,
): Promise<
  | { ok: true; data: ProposalInput; image: ImageInput | null; intent: string; values: Record<string, string> }
  | { ok: false; response: Response }
> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > MAX_BODY) {
    return {
      ok: false,
      response: json<FormFailure>({ errors: { image: 'proposals.errors.image_too_large' }, values: {} }, { status: 413 }),
    }
  }
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? 'draft')
  const parsed = parseForm(proposalSchema, formData)
  const file = formData.get('image')
  let image: ImageInput | null = null
  let imageError: FormFailure['errors'][string] | undefined
  if (file && typeof file !== 'string' && file.size > 0) {
    const processed = await processImage(file)
    if (processed.ok)
      image = {
        data: processed.data,
        width: processed.width,
        height: processed.height,
        alt: String(formData.get('imageAlt') ?? '').slice(0, LIMITS.imageAlt),
      }
    else imageError = processed.error
  }
  const values = typedValues(formData)
  const alt = String(formData.get('imageAlt') ?? '').slice(0, LIMITS.imageAlt)
  if (image && values[PENDING_IMAGE_FIELD]) {
    // A new file replaces the one kept before.
    await discardKeptImage(values)
    delete values[PENDING_IMAGE_FIELD]
  } else if (!image && !imageError && values[PENDING_IMAGE_FIELD]) {
    image = await keptImage(userId, values[PENDING_IMAGE_FIELD], alt)
    if (!image) delete values[PENDING_IMAGE_FIELD]
  }
  if (!parsed.ok || imageError) {
    const errors = parsed.ok ? {} : parsed.errors
    if (imageError) errors.image = imageError
    return { ok: false, response: await failureKeepingImage(userId, image, errors, values) }
  }
  return { ok: true, data: parsed.data, image, intent, values }
}
