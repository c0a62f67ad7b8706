import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { digidStatus } from '~/auth/identity/digid.server'
import { digidEnabled } from '~/auth/identity/oidc.server'
import { corePermissions } from '~/auth/permissions'
import { requirePermission } from '~/auth/session.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/** Where the resident reads what DigiD and the BRP gave, and why a verification still waits. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, corePermissions.manageOwnAccount, undefined)
  const status = await digidStatus(actor!.id)
  return json({ enabled: digidEnabled(), brpStatus: status?.brpStatus ?? null, assurance: status?.assurance ?? null })
}

export default function MyDigid() {
  const t = useT()
  const { enabled, brpStatus, assurance } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('digid.status.title')}</h1>
      <p>{t(brpStatus ? (`digid.status.${brpStatus}` as MessageKey) : 'digid.status.none')}</p>
      {assurance ? <p>{t('digid.status.level', { level: assurance })}</p> : null}
      {enabled ? (
        <Form method="post" action="/inloggen/digid">
          <input type="hidden" name="redirectTo" value="/mijn/digid" />
          <button type="submit">{brpStatus ? t('login.digid') : t('digid.link')}</button>
        </Form>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'digid.status.title')
