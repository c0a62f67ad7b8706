import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { minimumAssurance } from '~/auth/identity/actor.server'
import { digidStatus } from '~/auth/identity/digid.server'
import { digidEnabled } from '~/auth/identity/oidc.server'
import { corePermissions } from '~/auth/permissions'
import { requirePermission } from '~/auth/session.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/**
 * Where the resident reads what DigiD and the BRP gave, why a verification still waits, and which DigiD
 * level voting asks for (a refused vote links here). Organisations (eHerkenning) are told DigiD is for people.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.manageOwnAccount, undefined))!
  const status = await digidStatus(actor.id)
  const minimum = minimumAssurance('vote')
  return json({
    enabled: digidEnabled(),
    organisation: !corePermissions.linkDigid(actor, undefined).ok,
    brpStatus: status?.brpStatus ?? null,
    assurance: status?.assurance ?? null,
    minimum,
    tooLow: actor.broker?.assuranceTooLowFor.includes('vote') ?? false,
  })
}

export default function MyDigid() {
  const t = useT()
  const { enabled, organisation, brpStatus, assurance, minimum, tooLow } = useLoaderData<typeof loader>()
  if (organisation) {
    return (
      <>
        <h1>{t('digid.status.title')}</h1>
        <p>{t('digid.organisation_cannot_link')}</p>
      </>
    )
  }
  return (
    <>
      <h1>{t('digid.status.title')}</h1>
      <p>{t(brpStatus ? (`digid.status.${brpStatus}` as MessageKey) : 'digid.status.none')}</p>
      {assurance ? <p>{t('digid.status.level', { level: assurance })}</p> : null}
      {minimum ? <p>{t('digid.status.needs_level', { level: minimum })}</p> : null}
      {enabled ? (
        <Form method="post" action="/inloggen/digid" reloadDocument>
          <input type="hidden" name="redirectTo" value="/mijn/digid" />
          {tooLow && minimum ? <input type="hidden" name="minimum" value={minimum} /> : null}
          <button type="submit">
            {tooLow && minimum ? t('digid.again_level', { level: minimum }) : brpStatus ? t('login.digid') : t('digid.link')}
          </button>
        </Form>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'digid.status.title')
