import type { LoaderFunctionArgs } from '@remix-run/node'
import { findResource, openApiDocument } from '~/modules/api.server'
import { absoluteUrl } from '~/utils/url.server'

const headers = {
  'Content-Type': 'application/json; charset=utf-8',
  // Open data: any site may read it.
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'public, max-age=60',
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const path = `/${params['*'] ?? ''}`
  if (path === '/openapi.json') return Response.json(openApiDocument(absoluteUrl('/api/v1')), { headers })
  const found = findResource(path)
  if (!found) return Response.json({ error: 'no such resource; see /api/v1/openapi.json' }, { status: 404, headers })
  const url = new URL(request.url)
  const result = await found.resource.handler({ params: found.params, query: url.searchParams, request })
  if ('text' in result) return new Response(result.text, { headers: { ...headers, 'Content-Type': result.contentType } })
  return Response.json(result.body, { status: result.status, headers })
}

// Mutations are not part of the open-data API.
export async function action() {
  return Response.json({ error: 'the open-data API is read-only' }, { status: 405, headers: { ...headers, Allow: 'GET' } })
}
