import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { dossierKinds, dossierLines, filterLines } from '~/modules/dossier/dossier.server'
import { dossierPermissions } from '~/modules/dossier/permissions'
import { getLocale } from '~/utils/locale.server'
import { translate, useLocale, useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

const DAY = /^\d{4}-\d{2}-\d{2}$/

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, dossierPermissions.ownData, undefined))!
  const locale = await getLocale(request)
  const query = new URL(request.url).searchParams
  const kinds = dossierKinds().map((k) => ({ id: k.id, label: translate(locale, k.label) }))
  const typed = { kind: query.get('soort') ?? '', from: query.get('van') ?? '', to: query.get('tot') ?? '' }
  // A date that is not a date is shown back with a message next to it and left out of the filter.
  const errors = {
    from: typed.from && !(DAY.test(typed.from) && !Number.isNaN(Date.parse(typed.from))),
    to: typed.to && !(DAY.test(typed.to) && !Number.isNaN(Date.parse(typed.to))),
  }
  const page = filterLines(await dossierLines(actor.id, locale), {
    kind: kinds.some((k) => k.id === typed.kind) ? typed.kind : undefined,
    from: typed.from && !errors.from ? typed.from : undefined,
    to: typed.to && !errors.to ? typed.to : undefined,
    page: Math.min(Number.parseInt(query.get('pagina') ?? '1', 10) || 1, 10_000),
  })
  return json(
    {
      kinds,
      typed,
      errors: { from: !!errors.from, to: !!errors.to },
      ...page,
      lines: page.lines.map(({ row: _row, ...line }) => line),
    },
    { status: errors.from || errors.to ? 400 : 200 },
  )
}

/** A date of the filter, with its message next to it when it is not a date. */
function DateField({ name, label, typed, invalid }: { name: string; label: string; typed: string; invalid: boolean }) {
  const t = useT()
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="date"
        defaultValue={typed}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${name}-error` : undefined}
      />
      {invalid ? (
        <p id={`${name}-error`} className="error">
          {t('dossier.filter_date_invalid')}
        </p>
      ) : null}
    </div>
  )
}

function DossierFilter() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  return (
    <Form method="get" aria-labelledby="filter-heading" className="filter">
      <h2 id="filter-heading">{t('dossier.filter_title')}</h2>
      <div className="field">
        <label htmlFor="soort">{t('dossier.filter_kind')}</label>
        <select id="soort" name="soort" defaultValue={data.typed.kind}>
          <option value="">{t('dossier.filter_all')}</option>
          {data.kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <DateField name="van" label={t('dossier.filter_from')} typed={data.typed.from} invalid={data.errors.from} />
      <DateField name="tot" label={t('dossier.filter_to')} typed={data.typed.to} invalid={data.errors.to} />
      <button type="submit">{t('dossier.filter_submit')}</button>
    </Form>
  )
}

function DossierPages() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  const pageLink = (page: number) => {
    const q = new URLSearchParams()
    if (data.typed.kind) q.set('soort', data.typed.kind)
    if (data.typed.from && !data.errors.from) q.set('van', data.typed.from)
    if (data.typed.to && !data.errors.to) q.set('tot', data.typed.to)
    q.set('pagina', String(page))
    return `/mijn/dossier?${q.toString()}`
  }
  return (
    <nav aria-label={t('dossier.pages')}>
      <ul className="pager">
        {data.page > 1 ? (
          <li>
            <Link to={pageLink(data.page - 1)}>{t('dossier.previous')}</Link>
          </li>
        ) : null}
        {data.page < data.pages ? (
          <li>
            <Link to={pageLink(data.page + 1)}>{t('dossier.next')}</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}

export default function Dossier() {
  const t = useT()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const when = (iso: string) => formatInstant(iso, locale, 'datetime')
  return (
    <>
      <h1>{t('dossier.title')}</h1>
      <p className="lead">{t('dossier.lead')}</p>
      <nav aria-labelledby="rights-heading">
        <h2 id="rights-heading">{t('dossier.rights_title')}</h2>
        <ul>
          <li>
            <Link to="/mijn/toestemmingen">{t('dossier.rights_consents')}</Link>
          </li>
          <li>
            <Link to="/mijn/gegevens">{t('dossier.rights_export')}</Link>
          </li>
          <li>
            <Link to="/mijn/account-verwijderen">{t('dossier.rights_erase')}</Link>
          </li>
          <li>
            <Link to="/privacy">{t('dossier.rights_privacy')}</Link>
          </li>
        </ul>
      </nav>
      <DossierFilter />
      <p data-testid="dossier-count">{t('dossier.count', { total: data.total, page: data.page, pages: data.pages })}</p>
      {data.lines.length ? (
        <ol className="dossier" data-testid="dossier-lines">
          {data.lines.map((l, i) => (
            <li key={`${l.kind}-${l.at}-${i}`} data-kind={l.kind}>
              <time dateTime={l.at}>{when(l.at)}</time> · <span className="badge">{l.kindLabel}</span>
              <br />
              {l.text}
              {l.href ? (
                <>
                  {' '}
                  <Link to={l.href}>{t('dossier.open')}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('dossier.none')}</p>
      )}
      {data.pages > 1 ? <DossierPages /> : null}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'dossier.title')
