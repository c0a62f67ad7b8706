import type { Actor, Rule } from '~/auth/permissions'
import type { MessageKey, Params } from '~/utils/i18n'

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
  /** Links on the staff page of one person (`/beheer/gebruikers/$id`); `to` has `{id}` for the person's id. */
  userAdmin?: { to: string; label: MessageKey; description: MessageKey; rule: Rule<unknown> }[]
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

/** Content residents can flag and moderators can hide; the moderation queue asks the module about it. */
export interface ModeratableKind {
  /** e.g. `proposal`, `proposal_comment`, `budget_idea`, `notice_reaction` (as in hidden_content.content_kind). */
  kind: string
  /** What the queue shows, or null when the content does not exist. `wijkCode` null: city-wide (staff moderate). */
  describe: (
    contentId: string,
  ) => Promise<{ title: string; excerpt: string; href: string; authorId: string | null; wijkCode: string | null } | null>
  /** Optional: the ids of this kind written by a person, so blocking them hides all of it (else only flagged content). */
  listByAuthor?: (userId: string) => Promise<string[]>
}

/**
 * Work that follows from the clock rather than from a request (an item opens or closes on its date, a
 * proposal's window ends). The server runs every tick periodically and once at start; a tick must be
 * idempotent, because several server processes may run the same tick.
 */
export interface Tick {
  /** For logs, e.g. `consultations.lifecycle`. */
  name: string
  run: (now: Date) => Promise<unknown>
}

/**
 * A line at the top of every page for the logged-in person while something holds for them that they must
 * not forget — a helper entering input for a resident. Translated in the layout.
 */
export interface PageBanner {
  id: string
  text: MessageKey
  params?: Params
  link?: { to: string; label: MessageKey }
}

export interface ServerManifest {
  id: string
  /** The banner for this person now, or null. Runs on every page of a logged-in person: keep it cheap. */
  banner?: (request: Request, actor: Actor) => Promise<PageBanner | null>
  /** Date-driven transitions of this module; loaders must not write, so these run here instead. */
  ticks?: Tick[]
  /**
   * Public pages (paths) whose HTML may be kept for a couple of seconds for visitors without a session:
   * app/utils/micro-cache.server.ts. Only pages that show every visitor the same.
   */
  cachedPages?: RegExp[]
  /** Kinds of content of this module that can be flagged and hidden. */
  moderation?: ModeratableKind[]
  /** Items open for participation now, for the home page. */
  openNow?: () => Promise<OpenItem[]>
  /** Open-data resources under /api/v1; never personal data. */
  api?: ApiResource[]
  /** Work waiting for this staff member, for the staff home page (e.g. reactions to answer); empty when none. */
  adminCounts?: (actor: Actor) => Promise<AdminCount[]>
}

/** A line on the staff home page: a sentence with figures and where to act on it. */
export interface AdminCount {
  to: string
  text: MessageKey
  params: Params
  /** Something is late: shown as a warning. */
  urgent?: boolean
}
