import { randomBytes } from 'node:crypto'
import { json } from '@remix-run/node'
import { and, desc, eq, inArray, lt } from 'drizzle-orm'
import { proposalPendingUploads } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { parseForm, typedInput, type FieldErrors, type FormFailure } from '~/utils/forms'
import type { Params } from '~/utils/i18n'
import { checkPdf, titleFromFilename } from '~/utils/pdf.server'
import { readUploadForm, type UploadRefusal } from '~/utils/uploads.server'
import type { DocumentInput, ImageInput } from './commands.server'
import { processImage } from './image.server'
import {
  documentTitleField,
  documentTitleSchema,
  DROP_PENDING_FIELD,
  LIMITS,
  PENDING_DOCUMENT_FIELD,
  PENDING_IMAGE_FIELD,
  proposalFormSchema,
  REMOVE_DOCUMENT_FIELD,
  type KeptDocument,
  type ProposalInput,
} from './validation'

export { PENDING_DOCUMENT_FIELD, PENDING_IMAGE_FIELD }

/*
 * The create and edit form with its files. A valid file sent with a form that cannot be saved yet (the
 * image, resized, or a document) is kept in one store of pending uploads for this person, and its token
 * goes back in the form, so it need not be chosen again. Used tokens are deleted; the tick removes the
 * rest after a day.
 */

/** What the form's files may weigh together: the image and every document at their limits. */
const MAX_FILES = LIMITS.imageBytes + LIMITS.documents * LIMITS.documentBytes
const UPLOADS = {
  image: { maxBytes: LIMITS.imageBytes, maxCount: 1 },
  documents: { maxBytes: LIMITS.documentBytes, maxCount: LIMITS.documents },
}

const PENDING_DAYS = 1
/** Kept files per person, a couple of forms' worth; older ones go first. */
const PENDING_PER_USER = 2 * (1 + LIMITS.documents)

/** A 400 of this form: the messages, everything typed, and the documents kept for the next try. */
export type ProposalFormFailure = FormFailure & { keptDocuments?: KeptDocument[] }

/** The files of one try: the image and the documents to add (each with its token once kept), the rest of the edit. */
export interface FormUploads {
  image: ImageInput | null
  imageToken: string | null
  documents: (DocumentInput & { token?: string })[]
  remove: number[]
  titles: Record<number, string>
}

type Pending = { kind: 'image'; data: Buffer; width: number; height: number } | { kind: 'document'; data: Buffer; filename: string }

async function keep(userId: string, upload: Pending): Promise<string> {
  const { db } = getDatabase()
  const token = randomBytes(18).toString('base64url')
  await db.insert(proposalPendingUploads).values({ token, userId, ...upload })
  const older = await db
    .select({ token: proposalPendingUploads.token })
    .from(proposalPendingUploads)
    .where(eq(proposalPendingUploads.userId, userId))
    .orderBy(desc(proposalPendingUploads.createdAt))
    .offset(PENDING_PER_USER)
  if (older.length) await discard(older.map((r) => r.token))
  return token
}

/** Only this person's own kept files, of the kind asked for. */
async function kept(userId: string, kind: Pending['kind'], tokens: string[]) {
  const valid = tokens.filter((t) => /^[\w-]{10,40}$/.test(t))
  if (!valid.length) return []
  return getDatabase()
    .db.select()
    .from(proposalPendingUploads)
    .where(
      and(inArray(proposalPendingUploads.token, valid), eq(proposalPendingUploads.userId, userId), eq(proposalPendingUploads.kind, kind)),
    )
}

async function discard(tokens: string[]) {
  if (tokens.length) await getDatabase().db.delete(proposalPendingUploads).where(inArray(proposalPendingUploads.token, tokens))
}

/** After the proposal was saved with them. */
export async function discardKeptUploads(uploads: FormUploads): Promise<void> {
  await discard([uploads.imageToken, ...uploads.documents.map((d) => d.token)].filter((t): t is string => !!t))
}

/** The tick: kept files nobody came back for. */
export async function purgeKeptUploads(now: Date): Promise<void> {
  await getDatabase()
    .db.delete(proposalPendingUploads)
    .where(lt(proposalPendingUploads.createdAt, new Date(now.getTime() - PENDING_DAYS * 86_400_000)))
}

/** A 400 with the messages and everything typed — and the valid files kept, so they need not be chosen again. */
export async function failureKeepingUploads(
  userId: string,
  uploads: FormUploads,
  errors: FieldErrors,
  input: Pick<FormFailure, 'values' | 'lists'>,
  params?: Record<string, Params>,
): Promise<Response> {
  const values = { ...input.values }
  const lists = { ...input.lists }
  // The kept documents are listed from `keptDocuments`, not echoed as typed.
  for (const name of [PENDING_DOCUMENT_FIELD, DROP_PENDING_FIELD]) {
    delete values[name]
    delete lists[name]
  }
  delete values[PENDING_IMAGE_FIELD]
  const image = uploads.image
  const imageToken =
    uploads.imageToken ?? (image ? await keep(userId, { kind: 'image', data: image.data, width: image.width, height: image.height }) : null)
  if (imageToken) values[PENDING_IMAGE_FIELD] = imageToken
  const keptDocuments: KeptDocument[] = []
  for (const d of uploads.documents) {
    const token = d.token ?? (await keep(userId, { kind: 'document', data: d.content, filename: d.filename }))
    keptDocuments.push({ token, filename: d.filename, size: d.content.length })
  }
  return json<ProposalFormFailure>({ errors, values, lists, params, keptDocuments }, { status: 400 })
}

const REFUSED = {
  image: { too_large: 'proposals.errors.image_too_large', too_many: 'proposals.errors.image_too_large' },
  documents: { too_large: 'proposals.errors.document_too_large', too_many: 'proposals.errors.documents_too_many' },
} as const

function refusalMessage(field: keyof typeof REFUSED, refusal: UploadRefusal) {
  return refusal === 'total_too_large' ? 'proposals.errors.upload_too_large' : REFUSED[field][refusal]
}

/**
 * Reads the create/edit form: text fields through the same zod schema as the browser, the files by
 * their bytes. `existing` are the proposal's stored documents (edit). Bad input comes back as a 400 with
 * the message at each field, everything typed and the valid files kept. Text and files are read in one
 * pass over the upload, and a failure keeps both; the steps below add their messages to `errors`.
 */
export async function readProposalForm(
  request: Request,
  userId: string,
  existing: { id: number; filename: string }[] = [],
): Promise<
  | { ok: true; data: ProposalInput; uploads: FormUploads; intent: string; input: Pick<FormFailure, 'values' | 'lists'> }
  | { ok: false; response: Response }
> {
  const upload = await readUploadForm(request, UPLOADS, MAX_FILES)
  if (!upload) {
    const errors = { documents: 'proposals.errors.upload_too_large' } as const
    return { ok: false, response: json<ProposalFormFailure>({ errors, values: {} }, { status: 413 }) }
  }
  const { formData, refused } = upload
  const intent = String(formData.get('intent') ?? 'draft')
  const parsed = parseForm(proposalFormSchema, formData)
  const input = typedInput(formData)
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors }
  const params: Record<string, Params> = {}

  const { image, imageToken } = await readImage(formData, userId, refused.image, input.values[PENDING_IMAGE_FIELD], errors)
  const documents = await readDocuments(formData, userId, refused.documents, errors, params)
  const { remove, titles } = readDocumentEdits(formData, existing, errors)
  if (!errors.documents && existing.length - remove.length + documents.length > LIMITS.documents) {
    errors.documents = 'proposals.errors.documents_too_many'
  }

  const uploads: FormUploads = { image, imageToken, documents, remove, titles }
  if (!parsed.ok || Object.keys(errors).length) {
    return { ok: false, response: await failureKeepingUploads(userId, uploads, errors, input, params) }
  }
  return { ok: true, data: parsed.data, uploads, intent, input }
}

/** The image: a new valid file replaces the one kept before; otherwise the kept one still holds. */
async function readImage(
  formData: FormData,
  userId: string,
  refused: UploadRefusal | undefined,
  oldToken: string | undefined,
  errors: FieldErrors,
): Promise<{ image: ImageInput | null; imageToken: string | null }> {
  const alt = String(formData.get('imageAlt') ?? '').slice(0, LIMITS.imageAlt)
  let image: ImageInput | null = null
  let imageToken: string | null = null
  const file = formData.get('image')
  if (refused) errors.image = refusalMessage('image', refused)
  else if (file && typeof file !== 'string') {
    const processed = await processImage(file)
    if (!processed.ok) errors.image = processed.error
    else {
      image = { data: processed.data, width: processed.width, height: processed.height, alt }
      if (oldToken) await discard([oldToken])
    }
  }
  if (!image && oldToken) {
    const [row] = await kept(userId, 'image', [oldToken])
    if (row) {
      image = { data: row.data, width: row.width!, height: row.height!, alt }
      imageToken = row.token
    }
  }
  return { image, imageToken }
}

/** The documents to add: kept ones (unless ticked away) and new ones, checked by their bytes. */
async function readDocuments(
  formData: FormData,
  userId: string,
  refused: UploadRefusal | undefined,
  errors: FieldErrors,
  params: Record<string, Params>,
): Promise<FormUploads['documents']> {
  const dropped = formData.getAll(DROP_PENDING_FIELD).map(String)
  await discard((await kept(userId, 'document', dropped)).map((r) => r.token))
  const keptTokens = formData
    .getAll(PENDING_DOCUMENT_FIELD)
    .map(String)
    .filter((t) => !dropped.includes(t))
    .slice(0, LIMITS.documents)
  const documents: FormUploads['documents'] = (await kept(userId, 'document', keptTokens)).map((r) => ({
    token: r.token,
    filename: r.filename!,
    title: titleFromFilename(r.filename!, LIMITS.documentTitle),
    content: r.data,
  }))
  if (refused) errors.documents = refusalMessage('documents', refused)
  for (const chosen of formData.getAll('documents')) {
    if (typeof chosen === 'string') continue
    const pdf = await checkPdf(chosen, LIMITS.documentBytes)
    if (pdf.ok)
      documents.push({ filename: pdf.filename, title: titleFromFilename(pdf.filename, LIMITS.documentTitle), content: pdf.content })
    else if (!errors.documents) {
      errors.documents = pdf.reason === 'too_large' ? 'proposals.errors.document_too_large' : 'proposals.errors.document_type'
      params.documents = { name: chosen.name.slice(0, 100) }
    }
  }
  return documents
}

/** On edit: the stored documents to remove and their new titles. */
function readDocumentEdits(
  formData: FormData,
  existing: { id: number; filename: string }[],
  errors: FieldErrors,
): Pick<FormUploads, 'remove' | 'titles'> {
  const remove = formData
    .getAll(REMOVE_DOCUMENT_FIELD)
    .map(Number)
    .filter((id) => existing.some((d) => d.id === id))
  const titles: Record<number, string> = {}
  for (const d of existing) {
    const typed = formData.get(documentTitleField(d.id))
    if (typeof typed !== 'string') continue
    const title = documentTitleSchema.safeParse(typed)
    if (title.success) titles[d.id] = title.data || titleFromFilename(d.filename, LIMITS.documentTitle)
    else errors[documentTitleField(d.id)] = 'proposals.errors.document_title_too_long'
  }
  return { remove, titles }
}
