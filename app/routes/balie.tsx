import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { z } from 'zod'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { LIMITS } from '~/auth/validation'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, useStemForm, type StemForm } from '~/components/forms'
import { actingFor, enteredBy, stopActingFor } from '~/auth/acting.server'
import { findResidents, registerResident, residentForHelper, startActingFor } from '~/modules/assisted/assisted.server'
import { ActionText, itemPath } from '~/modules/assisted/actions'
import { assistedPermissions } from '~/modules/assisted/permissions'
import { listConsultations } from '~/modules/consultations/queries.server'
import { CHANNEL_NAMES, CHANNELS, codeSearchSchema, registerSchema, searchSchema, startSchema } from '~/modules/assisted/validation'
import { IDENTITY_DOCUMENTS } from '~/auth/identity-documents'
import { parseForm, refusalFailure, type FormFailure } from '~/utils/forms'
import { getLocale } from '~/utils/locale.server'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, assistedPermissions.useDesk, undefined))!
  const context = await actingFor(request, actor)
  const resident = context ? await residentForHelper(actor.id, context.residentId) : null
  const open = await listConsultations({ status: 'open' })
  return json({
    paperForms: open.map((c) => ({ id: c.id, title: c.title })),
    acting:
      context && resident
        ? {
            name: resident.displayName,
            address: resident.address,
            channel: context.channel,
            actions: resident.actions.map((a) => ({
              id: a.id,
              at: a.createdAt.toISOString(),
              action: a.action,
              item: itemPath(a.itemKind, a.itemId),
              by: enteredBy(a.helperId ?? '?', a.channel),
            })),
          }
        : null,
  })
}

type Found = {
  address: string
  byCode: boolean
  residents: { id: string; displayName: string; legalName: string | null; claimed: boolean }[]
  query: Record<string, string>
}
type ActionData = (FormFailure & { intent?: string; found?: Found; residentId?: string }) | { found: Found; errors?: undefined }

/** The desk's search, from the form: by the code from the resident's letter, or by address and birth date. */
async function search(helperId: string, formData: FormData) {
  if (formData.get('claimCode') !== null) {
    const parsed = parseForm(codeSearchSchema, formData)
    if (!parsed.ok) return { failed: parsed } as const
    const result = await findResidents(helperId, { claimCode: parsed.data.claimCode })
    if (!result.ok) return { failed: refusalFailure(result, formData) } as const
    const query = { claimCode: parsed.data.claimCode }
    return { found: { address: result.address, byCode: true, residents: result.residents, query }, search: parsed.data } as const
  }
  const parsed = parseForm(searchSchema, formData)
  if (!parsed.ok) return { failed: parsed } as const
  const result = await findResidents(helperId, parsed.data)
  if (!result.ok) return { failed: refusalFailure(result, formData) } as const
  const query = {
    postcode: parsed.data.postcode,
    houseNumber: String(parsed.data.houseNumber),
    addition: parsed.data.addition,
    birthDate: parsed.data.birthDate,
  }
  return { found: { address: result.address, byCode: false, residents: result.residents, query }, search: parsed.data } as const
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, assistedPermissions.useDesk, undefined))!
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'stop') {
    await stopActingFor(request, actor.id)
    return redirectWithFlash(request, '/balie', 'assisted.stopped')
  }
  if (intent === 'register') {
    const parsed = parseForm(registerSchema, formData)
    const again = await search(actor.id, formData)
    const found = 'found' in again ? again.found : undefined
    if (!parsed.ok) return json<ActionData>({ ...parsed, intent: 'register', found }, { status: 400 })
    const result = await registerResident(actor.id, parsed.data, await getLocale(request))
    if (!result.ok) return json<ActionData>({ ...refusalFailure(result, formData), intent: 'register', found }, { status: 400 })
    const started = await startActingFor(request, actor.id, {
      search: parsed.data,
      residentId: result.userId,
      channel: parsed.data.channel,
      consent: true,
    })
    if (!started.ok) return json<ActionData>({ ...refusalFailure(started, formData), intent: 'register', found }, { status: 400 })
    return redirectWithFlash(request, '/balie', 'assisted.registered')
  }
  if (intent === 'start') {
    const parsed = parseForm(startSchema, formData)
    const again = await search(actor.id, formData)
    const found = 'found' in again ? again.found : undefined
    const residentId = String(formData.get('residentId') ?? '')
    if (!parsed.ok) return json<ActionData>({ ...parsed, intent: 'start', found, residentId }, { status: 400 })
    // Acting starts only for someone the search finds again: never from a user id alone.
    if (!('search' in again) || !again.search)
      return json<ActionData>({ errors: { form: 'assisted.errors.not_found_here' }, values: {}, intent: 'start' }, { status: 400 })
    const result = await startActingFor(request, actor.id, { ...parsed.data, search: again.search })
    if (!result.ok) return json<ActionData>({ ...refusalFailure(result, formData), intent: 'start', found, residentId }, { status: 400 })
    return redirectWithFlash(request, '/balie', 'assisted.started')
  }
  const result = await search(actor.id, formData)
  if ('failed' in result) return json<ActionData>({ ...result.failed!, intent: 'search' }, { status: 400 })
  return json<ActionData>({ found: result.found })
}

function AddressFields({ form, query }: { form: StemForm; query?: Record<string, string> }) {
  if (query) {
    return (
      <>
        {Object.entries(query).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      </>
    )
  }
  return (
    <>
      <Field form={form} name="postcode" label="fields.postcode" required maxLength={10} narrow />
      <Field form={form} name="houseNumber" label="fields.house_number" inputMode="numeric" required maxLength={5} narrow />
      <Field form={form} name="addition" label="fields.addition" maxLength={LIMITS.houseNumberAddition} narrow />
      <Field form={form} name="birthDate" label="fields.birth_date" hint="verify.birth_date_hint" required maxLength={10} narrow />
    </>
  )
}

function ChannelSelect({ form }: { form: StemForm }) {
  const t = useT()
  return (
    <SelectField
      form={form}
      name="channel"
      label="assisted.field_channel"
      options={CHANNELS.map((c) => ({ value: c, label: t(`assisted.channel_${c}` as MessageKey) }))}
    />
  )
}

function ConsentBox({ form, id, error }: { form?: StemForm; id: string; error?: MessageKey }) {
  const t = useT()
  const registered = form ? form.register('consent') : { name: 'consent' }
  return (
    <div className="field">
      {error ? (
        <p className="error" id={`${id}-error`}>
          <span className="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error)}
        </p>
      ) : null}
      <label>
        <input
          type="checkbox"
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? true : undefined}
          {...registered}
        />{' '}
        {t('assisted.field_consent')}
      </label>
    </div>
  )
}

function SearchForm({ showErrors }: { showErrors: boolean }) {
  const form = useStemForm(searchSchema)
  return (
    <StemFormElement form={form}>
      {showErrors ? <FormError form={form} /> : null}
      <AddressFields form={form} />
      <SubmitButton form={form} label="assisted.search_submit" name="intent" value="search" />
    </StemFormElement>
  )
}

function CodeSearchForm() {
  const form = useStemForm(codeSearchSchema)
  return (
    <StemFormElement form={form}>
      <Field
        form={form}
        name="claimCode"
        label="assisted.field_claim_code"
        autoComplete="off"
        required
        maxLength={LIMITS.letterCode}
        narrow
      />
      <SubmitButton form={form} label="assisted.search_code_submit" name="intent" value="search" />
    </StemFormElement>
  )
}

// Checked on the server only (the address comes from the search, in hidden fields): after a browser-side
// refusal of the consent box, react-hook-form kept refusing the ticked box, so the server answers instead.
const registerClientSchema = z.object({}).passthrough()

function RegisterForm({ query }: { query: Record<string, string> }) {
  const t = useT()
  const form = useStemForm(registerClientSchema)
  return (
    <StemFormElement form={form}>
      <FormError form={form} />
      <AddressFields form={form} query={query} />
      <Field form={form} name="legalName" label="fields.legal_name" required maxLength={LIMITS.legalName} />
      <SelectField
        form={form}
        name="identityDocument"
        label="assisted.field_identity_document"
        options={[
          { value: '', label: '—' },
          ...IDENTITY_DOCUMENTS.map((d) => ({ value: d, label: t(`admin.document_${d}` as MessageKey) })),
        ]}
      />
      <Field form={form} name="displayName" label="fields.display_name" required maxLength={LIMITS.displayName} />
      <Field form={form} name="phone" label="assisted.field_phone" type="tel" maxLength={30} narrow />
      <Field form={form} name="email" label="assisted.field_email" type="email" maxLength={LIMITS.email} />
      <ChannelSelect form={form} />
      <ConsentBox form={form} id="register-consent" error={form.errorFor('consent')} />
      <SubmitButton form={form} label="assisted.register_submit" name="intent" value="register" />
    </StemFormElement>
  )
}

function StartForm({ residentId, query, error }: { residentId: string; query: Record<string, string>; error?: MessageKey }) {
  const t = useT()
  return (
    <Form method="post">
      <input type="hidden" name="residentId" value={residentId} />
      {Object.entries(query).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor={`channel-${residentId}`}>{t('assisted.field_channel')}</label>
        <select id={`channel-${residentId}`} name="channel">
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`assisted.channel_${c}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <ConsentBox id={`consent-${residentId}`} error={error} />
      <button type="submit" name="intent" value="start">
        {t('assisted.start_submit')}
      </button>
    </Form>
  )
}

/** Who the helper acts for now, and what was entered for them during this visit. */
function ActingNotice() {
  const t = useT()
  const locale = useLocale()
  const { acting } = useLoaderData<typeof loader>()
  if (!acting) return null
  return (
    <section className="notice" aria-labelledby="acting-title" data-testid="acting-for">
      <h2 id="acting-title">{t('assisted.acting_for', { name: acting.name, channel: CHANNEL_NAMES[acting.channel] })}</h2>
      <p>{acting.address}</p>
      <p>{t('assisted.acting_until')}</p>
      <Form method="post">
        <button type="submit" name="intent" value="stop" className="secondary">
          {t('assisted.stop_submit')}
        </button>
      </Form>
      <h3>{t('assisted.entered_title')}</h3>
      {acting.actions.length ? (
        <ul>
          {acting.actions.map((a) => (
            <li key={a.id}>
              {formatInstant(a.at, locale, 'datetime')}: <ActionText action={a.action} item={a.item} /> — {a.by}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('assisted.nothing_entered')}</p>
      )}
    </section>
  )
}

function SearchResults({ found, failed }: { found: Found; failed?: FormFailure & { intent?: string; residentId?: string } }) {
  const t = useT()
  return (
    <section aria-labelledby="found-title" data-testid="search-results">
      <h2 id="found-title">
        {found.byCode
          ? t('assisted.found_by_code')
          : found.residents.length
            ? t('assisted.found', { address: found.address })
            : t('assisted.none_found', { address: found.address })}
      </h2>
      <ul className="queue">
        {found.residents.map((r) => (
          <li key={r.id}>
            <h3>
              {r.legalName ?? r.displayName} <span className="badge">{r.claimed ? t('assisted.claimed') : t('assisted.not_claimed')}</span>
            </h3>
            <StartForm
              residentId={r.id}
              query={found.query}
              error={failed?.intent === 'start' && failed.residentId === r.id ? failed.errors.consent : undefined}
            />
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The open consultations whose paper form the desk can enter. */
function PaperForms() {
  const t = useT()
  const { paperForms } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="paper-title">
      <h2 id="paper-title">{t('assisted.paper_list_title')}</h2>
      <p>{t('assisted.paper_list_lead')}</p>
      {paperForms.length ? (
        <ul>
          {paperForms.map((c) => (
            <li key={c.id}>
              <Link to={`/balie/inspraak/${c.id}`}>{t('assisted.paper_link', { title: c.title })}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('assisted.paper_list_none')}</p>
      )}
    </section>
  )
}

export default function Desk() {
  const t = useT()
  const data = useActionData<ActionData>()
  const failed = data && 'intent' in data ? data : undefined
  const found = data?.found
  const showRegister = found && !found.byCode && (found.residents.length === 0 || failed?.intent === 'register')
  return (
    <>
      <h1>{t('assisted.desk_title')}</h1>
      <ActingNotice />
      <p className="lead">{t('assisted.desk_lead')}</p>
      {failed?.intent === 'start' && failed.errors.form ? (
        <div className="form-error" role="alert">
          {t(failed.errors.form)}
        </div>
      ) : null}
      <h2>{t('assisted.search_title')}</h2>
      <SearchForm showErrors={!failed || failed.intent === 'search'} />
      <h3>{t('assisted.search_code_title')}</h3>
      <CodeSearchForm />
      {found ? <SearchResults found={found} failed={failed} /> : null}
      {showRegister ? (
        <section aria-labelledby="register-title">
          <h2 id="register-title">{t('assisted.register_title')}</h2>
          <p>{t('assisted.register_lead')}</p>
          <RegisterForm query={found.query} />
        </section>
      ) : null}
      <PaperForms />
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'assisted.desk_title')
