import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { corePermissions } from '~/auth/permissions'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { enterLetterCode, pendingLetter, requestLetter } from '~/auth/residence.server'
import { LIMITS, letterCodeSchema, personSchema } from '~/auth/validation'
import { Field, FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { parseForm, refusalFailure } from '~/utils/forms'
import { getLocale } from '~/utils/locale.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.verifyOwnResidence, undefined))!
  if (actor.verified) throw redirect('/mijn')
  const url = new URL(request.url)
  // "Ik heb een nieuwe brief nodig": show the address step even with a letter under way.
  const letter = url.searchParams.get('opnieuw') ? null : await pendingLetter(actor.id)
  return json({
    letter: letter ? { address: letter.address, expiresAt: letter.expiresAt.toISOString(), attemptsLeft: letter.attemptsLeft } : null,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.verifyOwnResidence, undefined))!
  const formData = await request.formData()
  if (formData.get('intent') === 'code') {
    const parsed = parseForm(letterCodeSchema, formData)
    if (!parsed.ok) return json(parsed, { status: 400 })
    const result = await enterLetterCode(actor.id, parsed.data.code)
    if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
    return redirectWithFlash(request, '/mijn', 'flash.residence_verified')
  }
  const parsed = parseForm(personSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await requestLetter(actor.id, parsed.data, await getLocale(request))
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, '/mijn/adres', 'flash.letter_sent')
}

function CodeStep({ letter }: { letter: { address: string; expiresAt: string; attemptsLeft: number } }) {
  const t = useT()
  const form = useStemForm(letterCodeSchema)
  return (
    <>
      <p>{t('verify.letter_sent_to', { address: letter.address })}</p>
      <StemFormElement form={form}>
        <FormError form={form} />
        <Field
          form={form}
          name="code"
          label="fields.letter_code"
          hint="verify.code_hint"
          autoComplete="one-time-code"
          required
          maxLength={LIMITS.letterCode}
          narrow
        />
        <SubmitButton form={form} label="verify.code_submit" name="intent" value="code" />
      </StemFormElement>
      <p>
        <Link to="/mijn/adres?opnieuw=1">{t('verify.new_letter')}</Link>
      </p>
    </>
  )
}

function AddressStep() {
  const t = useT()
  const form = useStemForm(personSchema)
  return (
    <>
      <p>{t('verify.lead')}</p>
      <StemFormElement form={form}>
        <FormError form={form} />
        <Field
          form={form}
          name="legalName"
          label="fields.legal_name"
          hint="verify.legal_name_hint"
          autoComplete="name"
          required
          maxLength={LIMITS.legalName}
        />
        <Field
          form={form}
          name="postcode"
          label="fields.postcode"
          hint="verify.postcode_hint"
          autoComplete="postal-code"
          required
          maxLength={10}
          narrow
        />
        <Field form={form} name="houseNumber" label="fields.house_number" inputMode="numeric" required maxLength={5} narrow />
        <Field
          form={form}
          name="addition"
          label="fields.addition"
          hint="verify.addition_hint"
          maxLength={LIMITS.houseNumberAddition}
          narrow
        />
        <Field
          form={form}
          name="birthDate"
          label="fields.birth_date"
          hint="verify.birth_date_hint"
          autoComplete="bday"
          required
          maxLength={10}
          narrow
        />
        <SubmitButton form={form} label="verify.address_submit" name="intent" value="address" />
      </StemFormElement>
      <p>{t('verify.desk_alternative')}</p>
    </>
  )
}

export default function VerifyResidence() {
  const t = useT()
  const { letter } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('verify.title')}</h1>
      {letter ? <CodeStep letter={letter} /> : <AddressStep />}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'verify.title')
