import type { MessageKey } from '~/utils/i18n'

/*
 * Open Raadsinformatie (ORI / OpenBesluitvorming) records, as its Elasticsearch endpoint returns them
 * (`https://api.openraadsinformatie.nl/v1/elastic/…/_search`: `{ hits: { hits: [{ _id, _source }] } }`),
 * or the `_source` records themselves. Each record is JSON-LD-ish with an `@type` (Popolo and schema.org
 * names, see openstate/open-raadsinformatie ocd_backend/models/definitions): a `Motion` has `name`, `text`,
 * `date` and `classification`; an `AgendaItem` `name`, `description` and `start_date`; a `MediaObject`
 * (a document) `name`, `text` (an array of pages), `original_url`/`url`, `last_discussed_at` and the CBS
 * `districts`/`neighborhoods` it mentions; a `Meeting` is a meeting, not a decision, and is refused.
 */

type OriRecord = Record<string, unknown> & { '@type'?: string | string[] }

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
const str = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('\n\n') : ''
const day = (v: unknown): string => {
  const s = str(asList(v)[0])
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : ''
}

export function isOriDocument(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object') return false
  if ('hits' in doc) return true
  const first = Array.isArray(doc) ? doc[0] : doc
  return !!first && typeof first === 'object' && ('@type' in first || '_source' in first)
}

/** The records of a search answer, a list of hits or records, or one record. */
export function oriRecords(doc: unknown): OriRecord[] {
  const hits = (doc as { hits?: { hits?: unknown[] } }).hits?.hits
  const list = Array.isArray(hits) ? hits : Array.isArray(doc) ? doc : [doc]
  return list.map((hit) => {
    const h = hit as { _source?: OriRecord; _id?: string }
    if (h && typeof h === 'object' && h._source) return { ...h._source, _id: h._id }
    return (hit ?? {}) as OriRecord
  })
}

const typeOf = (r: OriRecord) => str(asList(r['@type']).find((t) => typeof t === 'string')).replace(/^.*[#/:]/, '')

function summaryFrom(...texts: string[]): string {
  const text =
    texts
      .find((t) => t.trim().length >= 10)
      ?.replace(/\s+/g, ' ')
      .trim() ?? ''
  if (text.length <= 400) return text
  const cut = text.slice(0, 400)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 300))} …`
}

/** One record as the fields of the decision form, or why it is no decision. */
export function fromOriRecord(r: OriRecord): { fields: Record<string, string> } | { error: MessageKey } {
  const type = typeOf(r)
  const id = str(r['@id']) || str(r.ori_identifier) || str(r._id)
  const reference = id ? `ori:${id.replace(/^https?:\/\/id\.openraadsinformatie\.nl\//, '')}` : ''
  const name = str(r.name).trim()
  const classification = str(asList(r.classification)[0]).toLowerCase()
  const base = { reference, title: name, secret: '', body: /college/.test(classification) ? 'college' : 'raad' }
  const area = [...asList(r.neighborhoods), ...asList(r.districts)].map(str).find((c) => /^(WK|BU)\d{6,8}$/.test(c)) ?? ''
  switch (type) {
    case 'Motion': {
      const text = str(r.text)
      return {
        fields: {
          ...base,
          kind: /amendement/.test(classification) ? 'amendment' : 'motion',
          decidedOn: day(r.date) || day(r.start_date),
          summary: summaryFrom(str(r.description), text, name),
          fullText: text,
          areaCode: area,
        },
      }
    }
    case 'AgendaItem':
      return {
        fields: {
          ...base,
          kind: 'decision',
          decidedOn: day(r.start_date) || day(r.last_discussed_at),
          summary: summaryFrom(str(r.description), name),
          fullText: str(r.description),
          areaCode: area,
        },
      }
    case 'MediaObject': {
      const text = str(r.text)
      const url = str(r.original_url) || str(r.url)
      return {
        fields: {
          ...base,
          kind: 'decision',
          decidedOn: day(r.last_discussed_at) || day(r.date_modified) || day(r.upload_date),
          summary: summaryFrom(str(r.description), text, name),
          fullText: text,
          documentUrl: /^https?:\/\//.test(url) ? url : '',
          areaCode: area,
        },
      }
    }
    case 'Meeting':
      return { error: 'decisions.import_ori_meeting' }
    default:
      return { error: 'decisions.import_ori_type' }
  }
}
