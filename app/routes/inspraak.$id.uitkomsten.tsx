import type { LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BarChart, percent } from '~/modules/consultations/components'
import { requireConsultation } from '~/modules/consultations/loaders.server'
import { manageConsultation, viewResults } from '~/modules/consultations/permissions'
import { drawnAreaOf, refOf } from '~/modules/consultations/queries.server'
import { resultsOf } from '~/modules/consultations/results.server'
import { svgMap } from '~/modules/alerts/map.server'
import { ClientOnly } from '~/components/hydrated'
import { MarkerMap } from '~/components/maps'
import { useRootData } from '~/utils/root-data'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c, actor } = await requireConsultation(request, params.id, viewResults)
  const results = await resultsOf(c.id)
  const owner = manageConsultation(actor, refOf(c)).ok
  const area = c.areaScope === 'drawn' ? await drawnAreaOf(c.id) : null
  // A static map of the (rounded) points, drawn on the server: it works without JavaScript and tiles.
  const maps = Object.fromEntries(
    results.questions
      .filter((q) => q.points?.length)
      .map((q) => [
        q.id,
        svgMap({
          item: { type: 'MultiPoint', coordinates: q.points!.map((p) => [p.lon, p.lat]) },
          place: area,
          size: 320,
          title: `${q.prompt}: ${q.points!.length}`,
        }),
      ]),
  )
  return json({ consultation: { id: c.id, title: c.title, status: c.status }, results, owner, maps })
}

type QuestionResult = SerializeFrom<typeof loader>['results']['questions'][number]

function ChoiceResults({ q }: { q: QuestionResult }) {
  const t = useT()
  return (
    <>
      {q.kind === 'ranking' ? <p className="hint">{t('consultations.results_ranking_hint')}</p> : null}
      <BarChart
        id={`chart-${q.id}`}
        title={q.prompt}
        rows={q.rows}
        valueLabel={(r) => (q.kind === 'ranking' ? String(r.count) : `${r.count} (${percent(r.share)})`)}
      />
      {q.average !== undefined ? <p>{t('consultations.results_average', { avg: q.average.toFixed(1) })}</p> : null}
      <details>
        <summary>{t('consultations.results_table')}</summary>
        <table>
          <caption className="visually-hidden">{q.prompt}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consultations.results_choice')}</th>
              <th scope="col">{t(q.kind === 'ranking' ? 'consultations.results_points' : 'consultations.results_count')}</th>
              {q.kind === 'ranking' ? null : <th scope="col">{t('consultations.results_share')}</th>}
            </tr>
          </thead>
          <tbody>
            {q.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.count}</td>
                {q.kind === 'ranking' ? null : <td>{percent(r.share)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  )
}

function TextResults({ q, texts }: { q: QuestionResult; texts: NonNullable<QuestionResult['texts']> }) {
  const t = useT()
  const { consultation: c } = useLoaderData<typeof loader>()
  const back = encodeURIComponent(`/inspraak/${c.id}/uitkomsten`)
  return (
    <>
      {texts.length ? (
        <details>
          <summary>{t('consultations.results_texts')}</summary>
          <p className="hint">{t('consultations.results_texts_checked')}</p>
          <ul data-testid={`texts-${q.id}`}>
            {texts.map((x) => (
              <li key={x.id}>
                {x.text}{' '}
                <a href={`/melden?kind=consultation_answer&id=${x.id}&terug=${back}`} className="hint">
                  {t('consultations.results_text_report')}
                </a>
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <p>{t('consultations.results_no_texts')}</p>
      )}
      {q.hiddenTexts ? <p>{t('consultations.results_texts_hidden', { n: q.hiddenTexts })}</p> : null}
    </>
  )
}

function PointResults({ q, points }: { q: QuestionResult; points: NonNullable<QuestionResult['points']> }) {
  const t = useT()
  const { maps } = useLoaderData<typeof loader>()
  const root = useRootData()
  return (
    <>
      {points.length && maps[q.id] ? (
        <figure>
          <ClientOnly fallback={<div dangerouslySetInnerHTML={{ __html: maps[q.id]! }} />}>
            {() =>
              root ? (
                <MarkerMap
                  markers={points.map((p, i) => ({
                    id: String(i),
                    lat: p.lat,
                    lon: p.lon,
                    label: `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}`,
                  }))}
                  tileUrl={root.map.tileUrl}
                  attribution={root.map.attribution}
                  label={t('consultations.results_map', { prompt: q.prompt })}
                />
              ) : null
            }
          </ClientOnly>
          <figcaption className="hint">{t('consultations.results_map_caption', { n: points.length })}</figcaption>
        </figure>
      ) : null}
      <details>
        <summary>{t('consultations.results_points_list')}</summary>
        <ul>
          {points.map((p, i) => (
            <li key={i}>
              {p.lat.toFixed(3)}, {p.lon.toFixed(3)}
            </li>
          ))}
        </ul>
      </details>
    </>
  )
}

function QuestionResults({ q }: { q: QuestionResult }) {
  const t = useT()
  return (
    <section aria-labelledby={`r${q.id}`}>
      <h2 id={`r${q.id}`}>{q.prompt}</h2>
      <p className="hint">{t('consultations.results_answered', { n: q.answered })}</p>
      {q.rows.length ? <ChoiceResults q={q} /> : null}
      {q.texts ? <TextResults q={q} texts={q.texts} /> : null}
      {q.points ? <PointResults q={q} points={q.points} /> : null}
    </section>
  )
}

function Turnout() {
  const t = useT()
  const { results } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="opkomst">
      <h2 id="opkomst">{t('consultations.turnout')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('consultations.turnout_wijk')}</th>
            <th scope="col">{t('consultations.results_count')}</th>
          </tr>
        </thead>
        <tbody>
          {results.turnout.map((w) => (
            <tr key={w.code}>
              <th scope="row">{w.name}</th>
              <td>{w.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export default function ConsultationResults() {
  const t = useT()
  const { consultation: c, results, owner } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to={`/inspraak/${c.id}`}>{c.title}</Link>
      </p>
      <h1>
        {t('consultations.results')}: {c.title}
      </h1>
      <p data-testid="results-total">{t('consultations.results_total', { n: results.total })}</p>
      {owner ? (
        <p>
          <Link to={`/beheer/inspraak/${c.id}/antwoorden`}>{t('consultations.answers_manage')}</Link>
        </p>
      ) : null}
      {results.questions.map((q) => (
        <QuestionResults key={q.id} q={q} />
      ))}
      <Turnout />
      <p>
        {t('consultations.open_data')}: <a href={`/inspraak/${c.id}/open-data?formaat=csv`}>{t('consultations.open_data_csv')}</a> ·{' '}
        <a href={`/inspraak/${c.id}/open-data?formaat=json`}>{t('consultations.open_data_json')}</a>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'consultations.results')
