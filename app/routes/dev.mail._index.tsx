import type { MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listOutbox } from '~/utils/dev-mailbox.server'
import { devMailboxEnabled } from '~/utils/env.server'
import { useLocale, useT } from '~/utils/i18n'
import { formatInstant } from '~/utils/time'
import { pageTitle } from '~/utils/meta'

/**
 * The development mailbox: without an SMTP server the demo still "sends" e-mail and letters, and they
 * can be read here. Switched off when a real SMTP server is configured (see DEV_MAILBOX).
 */
export async function loader() {
  if (!devMailboxEnabled()) throw new Response('Not found', { status: 404 })
  return json({ messages: await listOutbox() })
}

export default function DevMailbox() {
  const t = useT()
  const locale = useLocale()
  const { messages } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('devmail.title')}</h1>
      <p className="notice">{t('devmail.lead')}</p>
      {messages.length === 0 ? (
        <p>{t('devmail.empty')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('devmail.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('devmail.when')}</th>
              <th scope="col">{t('devmail.to')}</th>
              <th scope="col">{t('devmail.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{formatInstant(m.createdAt, locale, 'datetime')}</td>
                <td>{m.to}</td>
                <td>
                  <Link to={`/dev/mail/${m.id}`}>{m.subject}</Link>{' '}
                  {m.kind === 'letter' ? <span className="badge">{t('devmail.letter')}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'devmail.title')
