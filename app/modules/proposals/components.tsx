import { useActionData } from '@remix-run/react'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, TextAreaField, type StemForm } from '~/components/forms'
import { ClientOnly } from '~/components/hydrated'
import { PointMap } from '~/components/maps'
import { formatFileSize } from '~/utils/file-size'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { useRootData } from '~/utils/root-data'
import {
  documentTitleField,
  DROP_PENDING_FIELD,
  LIMITS,
  PENDING_DOCUMENT_FIELD,
  PENDING_IMAGE_FIELD,
  REMOVE_DOCUMENT_FIELD,
  THEMES,
  type KeptDocument,
} from './validation'

/** Browser-safe pieces of the proposal pages: the form. What only shows a proposal is in badges.tsx. */

/**
 * Pointing at the place on the map, as an extra for those with JavaScript; postcode and house number
 * always work. The point goes in the hidden fields `lat` and `lon`; a refused point is explained here.
 */
function LocationPicker({ form }: { form: StemForm }) {
  const t = useT()
  const root = useRootData()
  const lat = form.valueOf('lat')
  const lon = form.valueOf('lon')
  const initial = lat && lon && Number.isFinite(Number(lat)) && Number.isFinite(Number(lon)) ? { lat: Number(lat), lon: Number(lon) } : null
  const error = form.errorFor('lat') ?? form.errorFor('lon')
  return (
    <>
      {error ? (
        <p className="error" id="location-error">
          <span className="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error)}
        </p>
      ) : null}
      {root ? (
        <ClientOnly
          fallback={
            initial ? (
              <>
                <p>{t('proposals.fields.map_current', { lat: initial.lat, lon: initial.lon })}</p>
                <input type="hidden" name="lat" value={lat} />
                <input type="hidden" name="lon" value={lon} />
              </>
            ) : null
          }
        >
          {() => (
            <PointMap
              name="location"
              fieldNames={{ lat: 'lat', lon: 'lon' }}
              initial={initial}
              tileUrl={root.map.tileUrl}
              attribution={root.map.attribution}
              label={t('proposals.fields.map_label')}
              chosenText={(la, lo) => t('proposals.fields.map_chosen', { lat: la, lon: lo })}
              clearText={t('proposals.fields.map_clear')}
            />
          )}
        </ClientOnly>
      ) : null}
    </>
  )
}

/** The create and edit form; works without JavaScript (multipart post, server-side validation). */
export function ProposalForm({
  form,
  wijken,
  mode,
  canChangeWijk = true,
  documents = [],
}: {
  form: StemForm
  wijken: { code: string; name: string }[]
  mode: 'create' | 'edit-draft' | 'edit-published'
  canChangeWijk?: boolean
  /** The stored documents (edit). */
  documents?: StoredDocument[]
}) {
  const t = useT()
  return (
    <StemFormElement form={form} encType="multipart/form-data">
      <FormError form={form} />
      <Field form={form} name="title" label="proposals.fields.title" hint="proposals.fields.title_hint" required maxLength={200} />
      <TextAreaField
        form={form}
        name="summary"
        label="proposals.fields.summary"
        hint="proposals.fields.summary_hint"
        maxLength={LIMITS.summary}
        rows={3}
        required
      />
      <TextAreaField
        form={form}
        name="body"
        label="proposals.fields.body"
        hint="proposals.fields.body_hint"
        maxLength={LIMITS.body}
        rows={10}
        required
      />
      <SelectField
        form={form}
        name="theme"
        label="proposals.fields.theme"
        options={[{ value: '', label: '—' }, ...THEMES.map((th) => ({ value: th, label: t(`proposals.theme.${th}` as MessageKey) }))]}
      />
      {canChangeWijk ? (
        <SelectField
          form={form}
          name="wijkCode"
          label="proposals.fields.wijk"
          hint="proposals.fields.wijk_hint"
          options={[{ value: '', label: t('proposals.fields.city_wide') }, ...wijken.map((w) => ({ value: w.code, label: w.name }))]}
        />
      ) : null}
      <fieldset>
        <legend>{t('proposals.fields.location')}</legend>
        <p className="hint">{t('proposals.fields.location_hint')}</p>
        <LocationPicker form={form} />
        <Field form={form} name="postcode" label="proposals.fields.postcode" autoComplete="off" maxLength={10} narrow />
        <Field form={form} name="houseNumber" label="proposals.fields.house_number" inputMode="numeric" maxLength={5} narrow />
      </fieldset>
      <ImageField form={form} />
      <Field
        form={form}
        name="imageAlt"
        label="proposals.fields.image_alt"
        hint="proposals.fields.image_alt_hint"
        maxLength={LIMITS.imageAlt}
      />
      <DocumentsField form={form} stored={documents} />
      {mode === 'edit-published' ? (
        <SubmitButton form={form} label="proposals.save" name="intent" value="save" />
      ) : (
        <div className="actions">
          <SubmitButton form={form} label="proposals.save_draft" name="intent" value="draft" />{' '}
          <SubmitButton form={form} label="proposals.publish_now" name="intent" value="publish" />
        </div>
      )}
    </StemFormElement>
  )
}

function ImageField({ form }: { form: StemForm }) {
  const t = useT()
  // A valid image sent with a form that had another error is kept on the server (form.server.ts).
  const kept = form.valueOf(PENDING_IMAGE_FIELD)
  return (
    <>
      {kept ? (
        <>
          <input type="hidden" name={PENDING_IMAGE_FIELD} value={kept} />
          <p className="notice" id="proposal-image-kept">
            {t('proposals.fields.image_kept')}
          </p>
        </>
      ) : null}
      <Field
        form={form}
        name="image"
        type="file"
        label="proposals.fields.image"
        hint="proposals.fields.image_hint"
        accept="image/jpeg,image/png,image/webp"
        describedBy={kept ? ['proposal-image-kept'] : []}
      />
    </>
  )
}

export interface StoredDocument {
  id: number
  title: string
  filename: string
  size: number
}

/** "Verwijderen" with the file's name for screen readers, as each document has one. */
function RemoveBox({
  id,
  name,
  value,
  checked,
  filename,
}: {
  id: string
  name: string
  value: string
  checked: boolean
  filename: string
}) {
  const t = useT()
  return (
    <div className="choice">
      <input type="checkbox" id={id} name={name} value={value} defaultChecked={checked} />{' '}
      <label htmlFor={id}>
        {t('proposals.fields.document_remove')}
        <span className="visually-hidden"> {filename}</span>
      </label>
    </div>
  )
}

/**
 * Documents: the stored ones (edit) with their title and a check box to remove each, the ones kept from
 * a try that had an error, and a field for new PDF files. Limits are in the hint; the server checks the
 * bytes and counts them all together.
 */
function DocumentsField({ form, stored }: { form: StemForm; stored: StoredDocument[] }) {
  const t = useT()
  const locale = useLocale()
  const failure = useActionData<{ keptDocuments?: KeptDocument[] }>()
  const kept = failure?.keptDocuments ?? []
  const removed = form.valuesOf(REMOVE_DOCUMENT_FIELD)
  const size = (bytes: number) => t('proposals.document_size', { size: formatFileSize(bytes, locale) })
  return (
    <>
      {stored.length ? (
        <fieldset>
          <legend>{t('proposals.fields.documents_current')}</legend>
          <ul className="documents-edit">
            {stored.map((d) => (
              <li key={d.id}>
                <Field
                  form={form}
                  name={documentTitleField(d.id)}
                  label="proposals.fields.document_title"
                  labelParams={{ name: d.filename, size: size(d.size) }}
                  hint="proposals.fields.document_title_hint"
                  defaultValue={d.title}
                  maxLength={200}
                />
                <RemoveBox
                  id={`document-remove-${d.id}`}
                  name={REMOVE_DOCUMENT_FIELD}
                  value={String(d.id)}
                  checked={removed.includes(String(d.id))}
                  filename={d.filename}
                />
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      {kept.length ? (
        <div className="kept-documents">
          <p className="notice" id="proposal-documents-kept">
            {t('proposals.fields.documents_kept')}
          </p>
          <ul>
            {kept.map((k) => (
              <li key={k.token}>
                <input type="hidden" name={PENDING_DOCUMENT_FIELD} value={k.token} />
                {k.filename} ({size(k.size)})
                <RemoveBox
                  id={`document-drop-${k.token}`}
                  name={DROP_PENDING_FIELD}
                  value={k.token}
                  checked={false}
                  filename={k.filename}
                />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Field
        form={form}
        name="documents"
        type="file"
        label="proposals.fields.documents"
        hint="proposals.fields.documents_hint"
        multiple
        accept="application/pdf"
        describedBy={kept.length ? ['proposal-documents-kept'] : []}
      />
    </>
  )
}
