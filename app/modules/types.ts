import type { Rule } from '~/auth/permissions'
import type { MessageKey } from '~/utils/i18n'

/**
 * What a participation module tells the core about itself. The core (layout, home page, admin, open-data
 * API) reads manifests; adding a module means adding its manifest to the registry, not editing the core.
 * Browser-safe parts live here; server parts in `ServerManifest` (manifest.server.ts).
 */
export interface ModuleManifest {
  id: string
  /** Links in the main navigation. */
  nav?: { to: string; label: MessageKey }[]
  /** Links on the admin start page, shown to whoever the rule allows. */
  admin?: { to: string; label: MessageKey; description: MessageKey; rule: Rule<unknown> }[]
}

export interface OpenItem {
  module: string
  title: string
  href: string
  /** Where the item applies, e.g. a wijk name or "Hele gemeente". */
  area: string
  closesAt: Date | null
}

export interface ApiResource {
  /** Path below /api/v1 with `{name}` parameters, as in OpenAPI. */
  path: string
  summary: string
  description?: string
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; description: string; schema: object }[]
  /** JSON schema of the response body. */
  response: object
  handler: (args: { params: Record<string, string>; query: URLSearchParams; request: Request }) => Promise<ApiResult>
}

export type ApiResult =
  { status: 200; body: unknown } | { status: 404 | 400; body: { error: string } } | { status: 200; text: string; contentType: string }

export interface ServerManifest {
  id: string
  /** Items open for participation now, for the home page. */
  openNow?: () => Promise<OpenItem[]>
  /** Open-data resources under /api/v1; never personal data. */
  api?: ApiResource[]
}
