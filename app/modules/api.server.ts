import { serverModules } from './registry.server'
import type { ApiResource } from './types'

const resources = (): ApiResource[] => serverModules.flatMap((m) => m.api ?? [])

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const got = path.split('/').filter(Boolean)
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (const [i, part] of want.entries()) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1]
    if (name) params[name] = decodeURIComponent(got[i]!)
    else if (part !== got[i]) return null
  }
  return params
}

export function findResource(path: string) {
  for (const resource of resources()) {
    const params = match(resource.path, path)
    if (params) return { resource, params }
  }
  return null
}

/** The OpenAPI document, assembled from every module's resources. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, object> = {}
  for (const r of resources()) {
    paths[r.path] = {
      get: {
        summary: r.summary,
        description: r.description,
        parameters: r.parameters ?? [],
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: r.response } } },
          '404': { description: 'Not found' },
        },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stem open data API',
      version: '1',
      description: 'Read-only public information of Stem. Never contains personal data. Licence: CC-BY 4.0.',
    },
    servers: [{ url: serverUrl }],
    paths,
  }
}
