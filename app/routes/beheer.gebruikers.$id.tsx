import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getOwnAccount } from '~/auth/accounts.server'
import { IDENTITY_DOCUMENTS } from '~/auth/identity-documents'
import { corePermissions } from '~/auth/permissions'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { confirmDeskVerification, pendingDeskVerification, verifyAtDesk } from '~/auth/residence.server'
import { LIMITS } from '~/auth/validation'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { getUserForStaff, grantRole, revokeRole } from '~/modules/admin/queries.server'
import { confirmVerificationSchema, deskVerificationSchema, ROLES, roleChangeSchema } from '~/modules/admin/validation'
import { formatAddress, listAreas } from '~/modules/areas/queries.server'
import { parseForm, refusalFailure, type FormFailure } from '~/utils/forms'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { canFindUsers } from '~/modules/admin/permissions'
import { modules } from '~/modules/registry'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, canFindUsers, undefined))!
  const user = await getUserForStaff(actor.id, params.id ?? '')
  if (!user) throw new Response('Not found', { status: 404 })
  const canManage = corePermissions.manageUsers(actor, undefined).ok
  const pending = await pendingDeskVerification(user.id)
  return json({
    user: {
      id: user.id,
      displayName: user.displayName,
      // Helpers see no e-mail addresses (issue 14); those who manage users do.
      email: canManage || corePermissions.seeEmailAddresses(actor, undefined).ok ? user.email : null,
      verified: !!user.verifiedAt,
      address: user.address ? formatAddress(user.address) : null,
      roles: user.roles.map((r) => ({ role: r.role, scope: r.scope })),
    },
    // What other modules offer about this person (e.g. their places for alerts), as far as the actor may.
    moduleLinks: modules.flatMap((m) =>
      (m.userAdmin ?? [])
        .filter((link) => link.rule(actor, undefined).ok)
        .map((link) => ({ to: link.to.replace('{id}', encodeURIComponent(user.id)), label: link.label, description: link.description })),
    ),
    canManage,
    // Never one's own account: a staff member does not verify themselves.
    canVerify: corePermissions.verifyAtDesk(actor, undefined).ok && user.id !== actor.id,
    pending: pending
      ? {
          id: pending.id,
          legalName: pending.legalName,
          birthDate: pending.birthDate,
          address: pending.address,
          requestedByName: pending.requestedByName,
          canConfirm: pending.requestedBy !== actor.id && user.id !== actor.id,
        }
      : null,
    wijken: await listAreas('wijk'),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData()
  const intent = formData.get('intent')
  const userId = params.id ?? ''
  const back = `/beheer/gebruikers/${encodeURIComponent(userId)}`
  // A made-up id in the address is not found (not a failed insert).
  const requireSubject = async () => {
    if (!(await getOwnAccount(userId))) throw new Response('Not found', { status: 404 })
  }
  if (intent === 'verify') {
    const actor = (await requirePermission(request, corePermissions.verifyAtDesk, undefined))!
    await requireSubject()
    const parsed = parseForm(deskVerificationSchema, formData)
    if (!parsed.ok) return json(parsed, { status: 400 })
    const result = await verifyAtDesk(actor.id, userId, parsed.data)
    if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
    return redirectWithFlash(
      request,
      back,
      result.status === 'verified' ? 'flash.verified_at_desk' : 'flash.verification_awaits_confirmation',
    )
  }
  if (intent === 'confirm') {
    const actor = (await requirePermission(request, corePermissions.verifyAtDesk, undefined))!
    const parsed = parseForm(confirmVerificationSchema, formData)
    if (!parsed.ok) return json(parsed, { status: 400 })
    const result = await confirmDeskVerification(actor.id, userId, parsed.data.verificationId)
    if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
    return redirectWithFlash(request, back, 'flash.verified_at_desk')
  }
  const actor = (await requirePermission(request, corePermissions.manageUsers, undefined))!
  await requireSubject()
  const parsed = parseForm(roleChangeSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const change = { userId, ...parsed.data }
  if (intent === 'revoke') {
    const result = await revokeRole(actor.id, change)
    if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
    return redirectWithFlash(request, back, 'flash.role_revoked')
  }
  const result = await grantRole(actor.id, change)
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, back, 'flash.role_granted')
}

function RoleForm({ wijken }: { wijken: { code: string; name: string }[] }) {
  const t = useT()
  const form = useStemForm(roleChangeSchema)
  return (
    <StemFormElement form={form}>
      <FormError form={form} />
      <SelectField
        form={form}
        name="role"
        label="admin.role"
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}` as MessageKey) }))}
      />
      <SelectField
        form={form}
        name="scope"
        label="admin.scope"
        hint="admin.scope_hint"
        options={[{ value: '', label: t('admin.no_scope') }, ...wijken.map((w) => ({ value: w.code, label: w.name }))]}
      />
      <Field form={form} name="reason" label="fields.reason" hint="admin.reason_hint" required maxLength={500} />
      <SubmitButton form={form} label="admin.grant" name="intent" value="grant" />
    </StemFormElement>
  )
}

function DeskVerificationForm() {
  const t = useT()
  const form = useStemForm(deskVerificationSchema)
  return (
    <StemFormElement form={form}>
      <FormError form={form} />
      <Field form={form} name="legalName" label="fields.legal_name" required maxLength={LIMITS.legalName} />
      <Field form={form} name="birthDate" label="fields.birth_date" hint="verify.birth_date_hint" required maxLength={10} narrow />
      <Field form={form} name="postcode" label="fields.postcode" required maxLength={10} narrow />
      <Field form={form} name="houseNumber" label="fields.house_number" inputMode="numeric" required maxLength={5} narrow />
      <Field form={form} name="addition" label="fields.addition" maxLength={LIMITS.houseNumberAddition} narrow />
      <SelectField
        form={form}
        name="identityDocument"
        label="fields.identity_document"
        options={[
          { value: '', label: t('admin.document_none') },
          ...IDENTITY_DOCUMENTS.map((d) => ({ value: d, label: t(`admin.document_${d}` as MessageKey) })),
        ]}
      />
      <Field form={form} name="reason" label="fields.reason" hint="admin.desk_reason_hint" required maxLength={500} />
      <SubmitButton form={form} label="admin.verify_submit" name="intent" value="verify" />
    </StemFormElement>
  )
}

function RevokeForm({ role, scope }: { role: string; scope: string }) {
  const t = useT()
  const id = `revoke-${role}-${scope || 'all'}`
  return (
    <form method="post">
      {t(`roles.${role}` as MessageKey)} {scope ? `(${scope})` : ''}
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="scope" value={scope} />
      <div className="field">
        <label htmlFor={id}>{t('admin.revoke_reason')}</label>
        <input id={id} name="reason" required minLength={3} maxLength={500} />
      </div>
      <button type="submit" name="intent" value="revoke" className="secondary">
        {t('admin.revoke')}
      </button>
    </form>
  )
}

/** A verification another helper started at the desk, which a second person confirms. */
function PendingVerification() {
  const t = useT()
  const { pending } = useLoaderData<typeof loader>()
  const failed = useActionData<FormFailure>()
  if (!pending) return null
  return (
    <section className="notice" data-testid="pending-verification">
      <p>
        {t('admin.verify_pending', {
          requester: pending.requestedByName,
          legalName: pending.legalName,
          birthDate: pending.birthDate,
          address: pending.address,
        })}
      </p>
      {pending.canConfirm ? (
        <Form method="post">
          {failed?.errors?.form ? (
            <div className="form-error" role="alert">
              {t(failed.errors.form, failed.params?.form)}
            </div>
          ) : null}
          <input type="hidden" name="verificationId" value={pending.id} />
          <button type="submit" name="intent" value="confirm">
            {t('admin.verify_confirm')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}

export default function AdminUser() {
  const t = useT()
  const { user, moduleLinks, canManage, canVerify, wijken } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{user.displayName}</h1>
      <p className="notice">{t('admin.access_logged')}</p>
      <dl className="facts">
        {user.email !== null ? (
          <>
            <dt>{t('fields.email')}</dt>
            <dd>{user.email}</dd>
          </>
        ) : null}
        <dt>{t('mine.address')}</dt>
        <dd>{user.address ?? t('mine.not_verified')}</dd>
        <dt>{t('mine.roles')}</dt>
        <dd>
          {user.roles.length
            ? user.roles.map((r) => t(`roles.${r.role}` as MessageKey) + (r.scope ? ` (${r.scope})` : '')).join(', ')
            : '—'}
        </dd>
      </dl>
      {moduleLinks.length > 0 ? (
        <ul>
          {moduleLinks.map((link) => (
            <li key={link.to}>
              <Link to={link.to}>{t(link.label)}</Link> — {t(link.description)}
            </li>
          ))}
        </ul>
      ) : null}
      {canManage ? (
        <>
          <h2>{t('admin.roles_title')}</h2>
          {user.roles.length > 0 ? (
            <ul>
              {user.roles.map((r) => (
                <li key={r.role + r.scope}>
                  <RevokeForm role={r.role} scope={r.scope} />
                </li>
              ))}
            </ul>
          ) : null}
          <RoleForm wijken={wijken} />
        </>
      ) : null}
      {canVerify && !user.verified ? (
        <>
          <h2>{t('admin.verify_title')}</h2>
          <PendingVerification />
          <p>{t('admin.verify_lead')}</p>
          <DeskVerificationForm />
        </>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.users')
