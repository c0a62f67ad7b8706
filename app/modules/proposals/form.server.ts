import { json } from '@remix-run/node'
import { parseForm, typedValues, type FormFailure } from '~/utils/forms'
import type { ImageInput } from './commands.server'
import { processImage } from './image.server'
import { LIMITS, proposalSchema, type ProposalInput } from './validation'

/** Whole requests above this are refused before parsing (the image may be 5 MB, the text is small). */
const MAX_BODY = LIMITS.imageBytes * 2 + 200_000

/**
 * Reads the create/edit form: text fields through the same zod schema as the browser, the image by its
 * bytes. Bad input comes back as a 400 with the message at each field and everything typed.
 */
export async function readProposalForm(
  request: Request,
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
  if (!parsed.ok || imageError) {
    const errors = parsed.ok ? {} : parsed.errors
    if (imageError) errors.image = imageError
    else if (image) errors.image = 'proposals.errors.image_again'
    return { ok: false, response: json<FormFailure>({ errors, values: typedValues(formData) }, { status: 400 }) }
  }
  return { ok: true, data: parsed.data, image, intent, values: typedValues(formData) }
}
