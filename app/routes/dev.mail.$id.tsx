import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getOutboxMessage } from '~/utils/dev-mailbox.server'
import { devMailboxEnabled } from '~/utils/env.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ params }: LoaderFunctionArgs) {
  const id = Number(params.id)
  if (!devMailboxEnabled() || !Number.isSafeInteger(id)) throw new Response('Not found', { status: 404 })
  const message = await getOutboxMessage(id)
  if (!message) throw new Response('Not found', { status: 404 })
  return json({ to: message.toAddress, subject: message.subject, text: message.textBody, letter: message.kind === 'letter' })
}

export default function DevMessage() {
  const t = useT()
  const m = useLoaderData<typeof loader>()
  return (
    <>
      <p className="no-print">
        <Link to="/dev/mail">{t('devmail.back')}</Link>
      </p>
      <h1>{m.subject}</h1>
      <p>
        {t('devmail.to')}: {m.to}
      </p>
      <div className={m.letter ? 'letter' : 'mail'} data-testid="message-body">
        {m.text}
      </div>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'devmail.title')
