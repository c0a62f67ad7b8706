import { translate, type MessageKey } from '~/utils/i18n'
import type { PromiseListRow } from './queries.server'
import { promiseDetail } from './queries.server'

/** The open-data shapes of promises: JSON for the API and one CSV row per promise. */

export function promiseJson(p: PromiseListRow) {
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    theme: p.theme,
    portfolioHolder: p.portfolioHolder,
    source: { kind: p.sourceKind, document: p.sourceDocument, chapter: p.sourceChapter, page: p.sourcePage, url: p.sourceUrl },
    areaCodes: p.areaCodes,
    dueOn: p.dueOn,
    updateEveryMonths: p.updateEveryMonths,
    nextUpdateBy: p.nextUpdateBy,
    overdue: p.overdue,
    url: `/beloften/${p.id}`,
  }
}

export function promiseDetailJson(d: NonNullable<Awaited<ReturnType<typeof promiseDetail>>>) {
  return {
    ...promiseJson(d.promise),
    text: d.promise.body,
    history: d.history.map((h) => ({
      from: h.fromStatus,
      status: h.status,
      explanation: h.explanation,
      dueBy: h.dueBy,
      at: h.createdAt.toISOString(),
    })),
    indicators: d.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      definition: i.definition,
      unit: i.unit,
      source: i.source,
      period: i.period,
      baseline: i.baselineValue === null ? null : { value: i.baselineValue, period: i.baselinePeriod },
      target: i.targetValue === null ? null : { value: i.targetValue, by: i.targetOn },
      series: i.series.map((v) => ({ period: v.period, wijkCode: v.wijkCode || null, value: v.value })),
    })),
    links: d.links.map((l) => ({ kind: l.itemKind, id: l.itemId, title: l.title, url: l.href })),
  }
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v)
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",;\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One row per promise, with the Dutch status name next to the code. */
export function promisesCsv(rows: PromiseListRow[]): string {
  const head = [
    'id',
    'titel',
    'status',
    'stand',
    'thema',
    'wethouder',
    'bron',
    'document',
    'hoofdstuk',
    'bladzijde',
    'wijken',
    'klaar_op',
    'volgende_update',
    'update_te_laat',
    'url',
  ]
  const lines = rows.map((p) =>
    [
      p.id,
      p.title,
      p.status,
      translate('nl', `promises.status.${p.status}` as MessageKey),
      p.theme,
      p.portfolioHolder,
      p.sourceKind,
      p.sourceDocument,
      p.sourceChapter,
      p.sourcePage,
      p.areaCodes.join(' '),
      p.dueOn,
      p.nextUpdateBy,
      p.overdue ? 'ja' : 'nee',
      `/beloften/${p.id}`,
    ]
      .map(cell)
      .join(','),
  )
  return [head.join(','), ...lines].join('\r\n') + '\r\n'
}
