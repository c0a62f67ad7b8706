import type { LoaderFunctionArgs } from '@remix-run/node'
import { TERMS } from '~/modules/alerts/deadline'
import { nearbyQuery } from '~/modules/alerts/nearby.server'
import { translate, type MessageKey } from '~/utils/i18n'
import { absoluteUrl } from '~/utils/url.server'

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
const nl = (key: string, params?: Record<string, string | number>) => translate('nl', key as MessageKey, params)

/**
 * An Atom feed (RFC 4287) of the same query as "plans near an address": postcode + huisnummer or lat +
 * lon, and afstand. A feed reader subscribes without an account.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const result = await nearbyQuery(url.searchParams)
  if (!result.ok) throw new Response(nl('alerts.near_feed_bad'), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const self = absoluteUrl(`/bekendmakingen/feed${url.search}`)
  const page = absoluteUrl(`/bekendmakingen${url.search}`)
  const updated = result.notices.reduce((max, n) => (n.publishedOn > max ? n.publishedOn : max), '2000-01-01')
  const entries = result.notices.map((n) => {
    const href = absoluteUrl(`/bekendmakingen/${n.id}`)
    const term = TERMS[n.kind as keyof typeof TERMS]
    const summary = [
      nl(`alerts.kind.${n.kind}`),
      n.locationLabel,
      nl('alerts.near_distance_of', { m: n.distanceM }),
      n.reactionDeadline ? `${nl('alerts.mail_deadline')}: ${n.reactionDeadline}` : nl('alerts.no_deadline'),
      term ? nl(`alerts.term.${term.reaction}`) : '',
    ]
      .filter(Boolean)
      .join(' · ')
    return `  <entry>
    <id>${esc(href)}</id>
    <title>${esc(n.title)}</title>
    <link rel="alternate" type="text/html" href="${esc(href)}"/>
    <updated>${n.publishedOn}T00:00:00Z</updated>
    <summary>${esc(summary)}</summary>
  </entry>`
  })
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
  <id>${esc(self)}</id>
  <title>${esc(nl('alerts.near_feed_title', { m: result.radiusM, place: result.point.label }))}</title>
  <link rel="self" type="application/atom+xml" href="${esc(self)}"/>
  <link rel="alternate" type="text/html" href="${esc(page)}"/>
  <updated>${updated}T00:00:00Z</updated>
  <author><name>${esc(nl('alerts.near_feed_author'))}</name></author>
${entries.join('\n')}
</feed>
`
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } })
}
