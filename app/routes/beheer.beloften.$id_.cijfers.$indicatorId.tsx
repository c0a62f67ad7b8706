import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { importSeries, type RowProblem } from '~/modules/promises/commands.server'
import { managePromise, recordPromises } from '~/modules/promises/permissions'
import { findIndicator, findPromise } from '~/modules/promises/queries.server'
import { LIMITS } from '~/modules/promises/validation'
import { useT, type MessageKey, type Params } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

async function requireIndicator(request: Request, params: { id?: string; indicatorId?: string }) {
  await requirePermission(request, recordPromises, undefined)
  const promise = await findPromise(Number(params.id))
  const indicator = promise ? await findIndicator(Number(params.indicatorId)) : null
  if (!promise || !indicator || indicator.promiseId !== promise.id) throw new Response('Not found', { status: 404 })
  const actor = (await requirePermission(request, managePromise, promise))!
  return { actor, promise, indicator }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { promise, indicator } = await requireIndicator(request, params)
  return json({
    promise: { id: promise.id, title: promise.title },
    indicator: { id: indicator.id, name: indicator.name, unit: indicator.unit, period: indicator.period },
  })
}

type ActionData =
  { imported: number; problems: RowProblem[] } | { errors: { file: MessageKey }; params?: { file: Params }; content: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, indicator } = await requireIndicator(request, params)
  // Refused before reading: a body far over the limit is not read into memory at all.
  if (Number(request.headers.get('Content-Length') ?? 0) > LIMITS.csvBytes * 2 + 10_000)
    return json<ActionData>(
      { errors: { file: 'promises.import.too_large' }, params: { file: { kb: LIMITS.csvBytes / 1024 } }, content: '' },
      { status: 413 },
    )
  const formData = await request.formData()
  const file = formData.get('file')
  const pasted = String(formData.get('content') ?? '')
  const text = file instanceof File && file.size > 0 ? (file.size > LIMITS.csvBytes ? null : await file.text()) : pasted
  if (text === null)
    return json<ActionData>(
      { errors: { file: 'promises.import.too_large' }, params: { file: { kb: LIMITS.csvBytes / 1024 } }, content: pasted },
      { status: 400 },
    )
  const result = await importSeries(actor, indicator.id, text)
  // Refused: the pasted text stays in the box (a chosen file cannot be sent back; it is still on the computer).
  if (!result.ok)
    return json<ActionData>(
      {
        errors: { file: result.reason },
        params: result.params ? { file: result.params } : undefined,
        content: pasted.length <= LIMITS.csvBytes ? pasted : '',
      },
      { status: 400 },
    )
  return json<ActionData>({ imported: result.imported, problems: result.problems })
}

export default function ImportSeries() {
  const t = useT()
  const { promise, indicator } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const navigation = useNavigation()
  const error = data && 'errors' in data ? data.errors.file : undefined
  return (
    <>
      <p>
        <Link to={`/beheer/beloften/${promise.id}`}>{promise.title}</Link> ·{' '}
        <Link to={`/beloften/${promise.id}`}>{t('promises.admin_public')}</Link>
      </p>
      <h1>{t('promises.import_title', { name: indicator.name })}</h1>
      <p>{t('promises.import_hint')}</p>
      <p>
        {t('promises.indicator_unit', { unit: indicator.unit })} · {t('promises.field.period')}{' '}
        {t(indicator.period === 'year' ? 'promises.field.period_year' : 'promises.field.period_quarter')}
      </p>
      {data && 'imported' in data ? (
        <section aria-labelledby="import-report" data-testid="import-report">
          <h2 id="import-report" role="status">
            {t('promises.import_result', { n: data.imported })}
          </h2>
          {data.problems.length ? (
            <>
              <h3>{t('promises.import_problems')}</h3>
              <ul>
                {data.problems.map((p) => (
                  <li key={p.line}>
                    {t('promises.import_line', { line: p.line })}: {t(p.reason, p.params)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <div className="field">
          <label htmlFor="file">{t('promises.import_file')}</label>
          {error ? (
            <p className="error" id="file-error">
              <span className="visually-hidden">{t('forms.error_prefix')} </span>
              {t(error, data && 'params' in data ? data.params?.file : undefined)}
            </p>
          ) : null}
          <input
            type="file"
            id="file"
            name="file"
            accept=".csv,text/csv"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'file-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="content">{t('promises.import_content')}</label>
          <textarea
            id="content"
            name="content"
            rows={8}
            defaultValue={data && 'content' in data ? data.content : ''}
            key={data && 'content' in data ? data.content : 'empty'}
          />
        </div>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('promises.import_submit')}
        </button>
      </Form>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'promises.import_title', { name: args.data?.indicator.name ?? '' })
