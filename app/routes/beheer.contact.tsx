import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { advanceContact, contactQueue } from '~/modules/contact/contact.server'
import { contactPermissions } from '~/modules/contact/permissions'
import { CONTACT_LIMITS, CONTACT_STATUSES, contactStepSchema, type ContactStatus } from '~/modules/contact/validation'
import { parseForm, refusalFailure, type FormFailure } from '~/utils/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

const STATUSES = CONTACT_STATUSES

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, contactPermissions.handleContact, undefined)
  const url = new URL(request.url)
  const wanted = url.searchParams.get('status')
  const status = STATUSES.includes(wanted as ContactStatus) ? (wanted as ContactStatus) : undefined
  const queue = await contactQueue({ status })
  return json({
    status: status ?? '',
    openCount: queue.openCount,
    overdueCount: queue.overdueCount,
    median: queue.medianMinutesToAnswer,
    rows: queue.rows.map((r) => ({
      id: r.id,
      name: r.name,
      message: r.message,
      fromPath: r.fromPath,
      phone: r.phone,
      email: r.email,
      visitDesk: r.visitDesk,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      dueAt: r.dueAt.toISOString(),
      overdue: r.overdue,
      minutesToPickUp: r.minutesToPickUp,
      minutesToAnswer: r.minutesToAnswer,
      staffNote: r.staffNote,
    })),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, contactPermissions.handleContact, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(contactStepSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await advanceContact(actor.id, parsed.data.id, parsed.data.step, parsed.data.note)
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, '/beheer/contact', 'contact.step_done')
}

const STEP_FOR: Partial<Record<ContactStatus, 'pick_up' | 'answer' | 'close'>> = { new: 'pick_up', picked_up: 'answer', answered: 'close' }

export default function ContactQueue() {
  const t = useT()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const failed = useActionData<FormFailure>()
  const time = (n: number | null) => (n === null ? t('contact.not_yet') : t('contact.minutes', { n }))
  const when = (iso: string) => formatInstant(iso, locale, 'datetime')
  return (
    <>
      <h1>{t('contact.queue_title')}</h1>
      <p className="lead">{t('contact.queue_lead')}</p>
      <p>{t('contact.queue_counts', { open: data.openCount, overdue: data.overdueCount, median: time(data.median) })}</p>
      <Form method="get">
        <label htmlFor="status-filter">{t('contact.filter')}</label>{' '}
        <select id="status-filter" name="status" defaultValue={data.status}>
          <option value="">{t('contact.filter_all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`contact.status_${s}` as MessageKey)}
            </option>
          ))}
        </select>{' '}
        <button type="submit" className="secondary">
          {t('contact.filter_submit')}
        </button>
      </Form>
      {failed?.errors?.form ? (
        <div className="form-error" role="alert">
          {t(failed.errors.form)}
        </div>
      ) : null}
      {data.rows.length === 0 ? <p>{t('contact.queue_empty')}</p> : null}
      <ol className="queue">
        {data.rows.map((r) => {
          const step = STEP_FOR[r.status]
          return (
            <li key={r.id} data-testid={`contact-${r.id}`}>
              <h2>
                #{r.id} {r.name} <span className="badge">{t(`contact.status_${r.status}` as MessageKey)}</span>{' '}
                {r.overdue ? <span className="badge overdue">{t('contact.overdue')}</span> : null}
              </h2>
              <p>{r.message}</p>
              <dl className="facts">
                <dt>{t('contact.asked_on')}</dt>
                <dd>{when(r.createdAt)}</dd>
                <dt>{t('contact.due')}</dt>
                <dd>{when(r.dueAt)}</dd>
                {r.fromPath ? (
                  <>
                    <dt>{t('contact.about_page')}</dt>
                    <dd>
                      <Link to={r.fromPath}>{r.fromPath}</Link>
                    </dd>
                  </>
                ) : null}
                <dt>{t('contact.how_reach')}</dt>
                <dd>{[r.phone, r.email, r.visitDesk ? t('contact.visit_desk') : null].filter(Boolean).join(' · ')}</dd>
              </dl>
              <p>{t('contact.times', { pick: time(r.minutesToPickUp), answer: time(r.minutesToAnswer) })}</p>
              {r.staffNote ? <p className="notice">{r.staffNote}</p> : null}
              {step ? (
                <Form method="post">
                  <input type="hidden" name="id" value={r.id} />
                  <div className="field">
                    <label htmlFor={`note-${r.id}`}>{t('contact.note')}</label>
                    <textarea id={`note-${r.id}`} name="note" rows={2} maxLength={CONTACT_LIMITS.note} />
                  </div>
                  <button type="submit" name="step" value={step}>
                    {t(`contact.step_${step}` as MessageKey)}
                  </button>
                </Form>
              ) : null}
            </li>
          )
        })}
      </ol>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'contact.queue_title')
