import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { bodyLabel, groundLabel, useDay } from '~/modules/decisions/components'
import { recentlyReleased, secretRegister } from '~/modules/decisions/queries.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader(_: LoaderFunctionArgs) {
  return json({ secret: await secretRegister(), released: await recentlyReleased() })
}

export default function SecretRegister() {
  const t = useT()
  const day = useDay()
  const { secret, released } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to="/besluiten">{t('decisions.title')}</Link>
      </p>
      <h1>{t('decisions.register_title')}</h1>
      <p className="lead">{t('decisions.register_lead')}</p>
      {secret.length === 0 ? (
        <p>{t('decisions.register_none')}</p>
      ) : (
        <table data-testid="secret-register">
          <caption>{t('decisions.register_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('decisions.decided_on')}</th>
              <th scope="col">{t('decisions.body')}</th>
              <th scope="col">{t('decisions.subject')}</th>
              <th scope="col">{t('decisions.ground')}</th>
              <th scope="col">{t('decisions.secret_until_column')}</th>
            </tr>
          </thead>
          <tbody>
            {secret.map((s) => (
              <tr key={s.id}>
                <td>{day(s.decidedOn)}</td>
                <td>{t(bodyLabel(s.body))}</td>
                <td>
                  <Link to={`/besluiten/${s.id}`}>{s.subject}</Link>
                </td>
                <td>{s.ground ? t(groundLabel(s.ground)) : ''}</td>
                <td>
                  {day(s.until)}
                  {s.untilKind === 'review' ? ` (${t('decisions.review_short')})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('decisions.released_list_title')}</h2>
      {released.length === 0 ? (
        <p>{t('decisions.released_none')}</p>
      ) : (
        <ul data-testid="released">
          {released.map((r) => (
            <li key={r.id}>
              <Link to={`/besluiten/${r.id}`}>{r.title}</Link> — {t(bodyLabel(r.body))} ·{' '}
              {t('decisions.released_on', { date: day(r.releasedAt) })}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'decisions.register_title')
