import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { formatDate } from '~/modules/participation/declaration'
import { configureScope, DEFAULT_SCOPES } from '~/modules/proposals/scopes.server'
import { proposalPermissions } from '~/modules/proposals/permissions'
import { listScopes, waitingForAnswer, wijkOptions } from '~/modules/proposals/queries.server'
import { scopeSchema } from '~/modules/proposals/validation'
import { parseForm } from '~/utils/forms'
import { useLocale, useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, proposalPermissions.manage, undefined)
  const [waiting, scopes, wijken] = await Promise.all([waitingForAnswer(), listScopes(), wijkOptions()])
  return json({
    waiting: waiting.map((w) => ({ ...w, answerDeadline: w.answerDeadline?.toISOString() ?? null })),
    scopes,
    wijken,
    defaults: DEFAULT_SCOPES,
    now: Date.now(),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, proposalPermissions.manage, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(scopeSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  await configureScope(actor.id, parsed.data.scope, parsed.data)
  return redirectWithFlash(request, '/beheer/initiatieven', 'proposals.flash.scope_saved')
}

/** Proposals that reached their threshold and wait for the council's answer, late ones marked. */
function WaitingForAnswer() {
  const t = useT()
  const locale = useLocale()
  const { waiting, now } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="waiting">
      <h2 id="waiting">{t('proposals.admin.waiting')}</h2>
      {waiting.length === 0 ? (
        <p>{t('proposals.admin.waiting_none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('proposals.fields.title')}</th>
              <th scope="col">{t('proposals.progress_label')}</th>
              <th scope="col">{t('proposals.admin.deadline_heading')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('proposals.admin.answer')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((w) => (
              <tr key={w.id}>
                <td>
                  <Link to={`/initiatieven/${w.id}`}>{w.title}</Link>
                </td>
                <td>{w.supportCount}</td>
                <td className={w.answerDeadline && Date.parse(w.answerDeadline) < now ? 'error' : undefined}>
                  {w.answerDeadline ? formatDate(w.answerDeadline, locale) : '—'}
                </td>
                <td>
                  <Link to={`/beheer/initiatieven/${w.id}`}>
                    {t('proposals.admin.answer')}
                    <span className="visually-hidden">: {w.title}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** Set the threshold, window and minimum age for the city, all wijken, or one wijk. */
function ScopeForm() {
  const t = useT()
  const { wijken } = useLoaderData<typeof loader>()
  const form = useStemForm(scopeSchema)
  return (
    <StemFormElement form={form}>
      <FormError form={form} />
      <SelectField
        form={form}
        name="scope"
        label="proposals.admin.scope"
        options={[
          { value: 'gemeente', label: t('proposals.fields.city_wide') },
          { value: 'wijk', label: t('proposals.admin.scope_all_wijken') },
          ...wijken.map((w) => ({ value: w.code, label: w.name })),
        ]}
      />
      <Field form={form} name="threshold" label="proposals.fields.threshold" inputMode="numeric" required maxLength={7} narrow />
      <Field form={form} name="windowDays" label="proposals.fields.window_days" inputMode="numeric" required maxLength={3} narrow />
      <Field
        form={form}
        name="minimumAge"
        label="proposals.fields.minimum_age"
        inputMode="numeric"
        required
        maxLength={3}
        narrow
        defaultValue="16"
      />
      <SubmitButton form={form} label="proposals.admin.scope_save" />
    </StemFormElement>
  )
}

export default function ProposalAdmin() {
  const t = useT()
  const { scopes, defaults } = useLoaderData<typeof loader>()
  const scopeName = (s: string, name: string | null) =>
    s === 'gemeente' ? t('proposals.fields.city_wide') : s === 'wijk' ? t('proposals.admin.scope_all_wijken') : (name ?? s)
  return (
    <>
      <h1>{t('proposals.admin.title')}</h1>
      <WaitingForAnswer />
      <section aria-labelledby="scopes">
        <h2 id="scopes">{t('proposals.admin.scopes')}</h2>
        <p>{t('proposals.admin.scopes_lead')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('proposals.admin.scope')}</th>
              <th scope="col">{t('proposals.fields.threshold')}</th>
              <th scope="col">{t('proposals.fields.window_days')}</th>
              <th scope="col">{t('proposals.fields.minimum_age')}</th>
            </tr>
          </thead>
          <tbody>
            {(['gemeente', 'wijk'] as const)
              .filter((s) => !scopes.some((r) => r.scope === s))
              .map((s) => (
                <tr key={s}>
                  <td>{scopeName(s, null)}</td>
                  <td>{defaults[s].threshold}</td>
                  <td>{defaults[s].windowDays}</td>
                  <td>{defaults[s].minimumAge}</td>
                </tr>
              ))}
            {scopes.map((s) => (
              <tr key={s.scope}>
                <td>{scopeName(s.scope, s.name)}</td>
                <td>{s.threshold}</td>
                <td>{s.windowDays}</td>
                <td>{s.minimumAge}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ScopeForm />
      </section>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'proposals.admin.title')
