import type { LoaderFunctionArgs } from '@remix-run/node'
import { sitemapEntries } from '~/modules/decisions/queries.server'
import { absoluteUrl } from '~/utils/url.server'

/** The sitemap of the besluitenregister: the search page, the register and every public decision. */
export async function loader(_: LoaderFunctionArgs) {
  const entries = await sitemapEntries()
  const url = (loc: string, lastmod?: string) => `  <url><loc>${loc}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url(absoluteUrl('/besluiten')),
    url(absoluteUrl('/besluiten/geheim')),
    ...entries.map((e) => url(absoluteUrl(`/besluiten/${e.id}`), e.releasedAt ? e.releasedAt.toISOString().slice(0, 10) : e.decidedOn)),
    '</urlset>',
  ].join('\n')
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } })
}
