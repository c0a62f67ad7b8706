import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireConsultation } from '~/modules/consultations/loaders.server'
import { viewResults } from '~/modules/consultations/permissions'
import { anonymisedRows, csvOf } from '~/modules/consultations/results.server'

/** The anonymised responses (no person, time or exact place), once the results are public. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireConsultation(request, params.id, viewResults)
  const format = new URL(request.url).searchParams.get('formaat') === 'json' ? 'json' : 'csv'
  const headers = { 'Access-Control-Allow-Origin': '*', 'Content-Disposition': `attachment; filename="inspraak-${c.id}.${format}"` }
  if (format === 'json') {
    const { questions, rows } = await anonymisedRows(c.id, { roundPoints: true, publicTexts: true })
    return Response.json(
      {
        consultation: { id: c.id, title: c.title },
        licence: 'CC0-1.0',
        questions: questions.map((q) => ({ field: `q${q.id}`, kind: q.kind, prompt: q.prompt, options: q.config.options ?? null })),
        responses: rows,
      },
      { headers },
    )
  }
  return new Response(await csvOf(c.id, { roundPoints: true, publicTexts: true }), {
    headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' },
  })
}
