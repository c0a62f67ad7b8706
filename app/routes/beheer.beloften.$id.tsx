import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { IndicatorForm, LinkForm, UpdateForm } from '~/modules/promises/admin-forms'
import { addIndicator, linkParticipationItem, recordUpdate, unlinkParticipationItem } from '~/modules/promises/commands.server'
import { OverdueBadge, PromiseHistory, PromiseStatusBadge } from '~/modules/promises/components'
import { managePromise, recordPromises } from '~/modules/promises/permissions'
import { findPromise, linkableItems, promiseDetail } from '~/modules/promises/queries.server'
import { indicatorSchema, linkSchema, updateSchema } from '~/modules/promises/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { formatDate } from '~/utils/time'
import { useLocale, useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

async function requirePromise(request: Request, id: string | undefined) {
  await requirePermission(request, recordPromises, undefined)
  const promise = await findPromise(Number(id))
  if (!promise) throw new Response('Not found', { status: 404 })
  const actor = (await requirePermission(request, managePromise, promise))!
  return { actor, promise }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { promise } = await requirePromise(request, params.id)
  const detail = (await promiseDetail(promise.id))!
  const linked = new Set(detail.links.map((l) => `${l.itemKind}:${l.itemId}`))
  const items = (await linkableItems()).filter((i) => !linked.has(`${i.kind}:${i.itemId}`))
  return json({
    promise: {
      id: promise.id,
      title: promise.title,
      status: promise.status,
      nextUpdateBy: promise.nextUpdateBy,
      overdue: detail.promise.overdue,
    },
    history: detail.history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    indicators: detail.indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit, values: i.series.length })),
    links: detail.links,
    items: items.map((i) => ({ value: `${i.kind}:${i.itemId}`, label: `${i.title} (${i.kind})` })),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, promise } = await requirePromise(request, params.id)
  const formData = await request.formData()
  const here = `/beheer/beloften/${promise.id}`
  switch (formData.get('intent')) {
    case 'update': {
      const parsed = parseForm(updateSchema, formData)
      if (!parsed.ok) return json(parsed, { status: 400 })
      const result = await recordUpdate(actor, promise.id, parsed.data)
      if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
      return redirectWithFlash(request, here, 'promises.flash_updated')
    }
    case 'indicator': {
      const parsed = parseForm(indicatorSchema, formData)
      if (!parsed.ok) return json(parsed, { status: 400 })
      const result = await addIndicator(actor, promise.id, parsed.data)
      if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
      return redirectWithFlash(request, `${here}/cijfers/${result.id}`, 'promises.flash_indicator')
    }
    case 'link':
    case 'unlink': {
      const parsed = parseForm(linkSchema, formData)
      if (!parsed.ok) return json(parsed, { status: 400 })
      const command = formData.get('intent') === 'link' ? linkParticipationItem : unlinkParticipationItem
      const result = await command(actor, promise.id, parsed.data.item)
      if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
      return redirectWithFlash(request, here, formData.get('intent') === 'link' ? 'promises.flash_linked' : 'promises.flash_unlinked')
    }
    default:
      return json({ errors: { form: 'promises.error.required' }, values: {} }, { status: 400 })
  }
}

export default function AdminPromise() {
  const t = useT()
  const locale = useLocale()
  const { promise: p, history, indicators, links, items } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to="/beheer/beloften">{t('promises.admin_title')}</Link> · <Link to={`/beloften/${p.id}`}>{t('promises.admin_public')}</Link>
      </p>
      <h1>{p.title}</h1>
      <p>
        <PromiseStatusBadge status={p.status} /> {p.overdue ? <OverdueBadge /> : null}{' '}
        {t('promises.next_update', { date: formatDate(p.nextUpdateBy, locale) })}
      </p>

      <h2 id="update-title">{t('promises.update_title')}</h2>
      <UpdateForm current={p.status} />

      <h2>{t('promises.indicators')}</h2>
      {indicators.length ? (
        <ul>
          {indicators.map((i) => (
            <li key={i.id}>
              {i.name} ({i.unit}, {i.values}) — <Link to={`/beheer/beloften/${p.id}/cijfers/${i.id}`}>{t('promises.import_link')}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('promises.no_indicators')}</p>
      )}
      <h3 id="indicator-title">{t('promises.indicator_title')}</h3>
      <IndicatorForm />

      <h2 id="link-title">{t('promises.links')}</h2>
      {links.length ? (
        <ul>
          {links.map((l) => (
            <li key={`${l.itemKind}:${l.itemId}`}>
              <Link to={l.href}>{l.title}</Link>{' '}
              <Form method="post" style={{ display: 'inline' }}>
                <input type="hidden" name="intent" value="unlink" />
                <input type="hidden" name="item" value={`${l.itemKind}:${l.itemId}`} />
                <button type="submit" className="secondary">
                  {t('promises.unlink')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <LinkForm items={items} />

      <h2>{t('promises.history')}</h2>
      <PromiseHistory history={history} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'promises.page_title', { title: args.data?.promise.title ?? '' })
