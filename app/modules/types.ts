import type { Actor, Rule } from '~/auth/permissions'
import type { MessageKey, Params } from '~/utils/i18n'
import type { Database, Queryable } from '~db/client'

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

/** A background worker of a module (polling a queue); the server starts it in exactly one process. */
export interface BackgroundWorker {
  name: string
  start: () => void
  stop: () => void
}

/**
 * The module's demo data for `npm run demo`: idempotent (running it again adds nothing twice). Seeds run
 * in `order` after the core's reference data and demo people; a seed that uses another module's demo data
 * takes a higher number.
 */
export interface DemoSeed {
  order: number
  run: (db: Database, options: { passwordHash: string }) => Promise<void>
}

/**
 * A promised report-back or update that is not a participation item's (those the participation core
 * reads itself), for the accountability view: e.g. a promise's periodic update.
 */
export interface AccountabilityEntry {
  /** Unique across modules, e.g. `promise-12`. */
  key: string
  kind: string
  title: string
  href: string
  closedAt: string | null
  reportBackBy: string
  reportedAt: string | null
  status: 'on_time' | 'late' | 'overdue' | 'pending'
}

export interface ServerManifest {
  id: string
  /** Background workers (queues); started once by scripts/serve.ts, stopped on shutdown. */
  workers?: BackgroundWorker[]
  /** The module's demo data. */
  seed?: DemoSeed
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
  /** The item kinds this module records in `publications` (recordPublication), each with the name alerts give it. */
  publications?: { itemKind: string; label: MessageKey }[]
  /** Items open for participation now, for the home page. */
  openNow?: () => Promise<OpenItem[]>
  /** Open-data resources under /api/v1; never personal data. */
  api?: ApiResource[]
  /** This module's promised updates, counted in /verantwoording beside the report-backs (accountability.server.ts). */
  accountability?: (now: Date) => Promise<AccountabilityEntry[]>
  /** What this module knows about a person, for the dossier, the export and erasure (DossierSource). */
  dossier?: DossierSource
  /** Work waiting for this staff member, for the staff home page (e.g. reactions to answer); empty when none. */
  adminCounts?: (actor: Actor) => Promise<AdminCount[]>
}

/**
 * One line of a person's dossier (/mijn/dossier): a sentence naming the item, its date, a link, and the
 * row the data export writes for it. `kind` is one of the source's `kinds` (the dossier's filter).
 */
export interface DossierLine {
  kind: string
  at: Date
  text: MessageKey
  params?: Params
  /** Parameters that are themselves messages (a channel, an action), translated before they are filled in. */
  keys?: Record<string, MessageKey>
  /** A staff member or helper named in the sentence as `{staff}`: the core shows their role (and name only if set so). */
  staffId?: string | null
  href?: string | null
  /** The row for this line in the export (JSON, and the CSV of its kind); plain values only. */
  row: Record<string, string | number | boolean | null>
}

/** A consent the person gave that they can withdraw in one step (alerts per place, helper channels…). */
export interface DossierConsent {
  /** Unique within the source, e.g. `place:12`. */
  id: string
  /** What was agreed to, as a sentence. */
  text: MessageKey
  params?: Params
  keys?: Record<string, MessageKey>
  /** The version of the consent text the person agreed to. */
  version: string
  givenAt: Date
  /** What withdrawing does, as a sentence. */
  effect: MessageKey
}

/**
 * What a module knows about a person (app/modules/dossier): the lines of the dossier and the export,
 * the consents it keeps, and what it anonymises when the person's account is erased.
 */
export interface DossierSource {
  kinds: { id: string; label: MessageKey }[]
  lines: (userId: string) => Promise<DossierLine[]>
  consents?: (userId: string) => Promise<DossierConsent[]>
  /** Withdraws one consent of `consents`; false when it is not (or no longer) there. */
  withdraw?: (userId: string, consentId: string) => Promise<boolean>
  /**
   * Account erasure, inside the erasing transaction: remove the person's personal data from this module's
   * tables (`email`: their address, for rows kept without an account, such as a request made logged out). What keeps a count or a public discussion whole stays, tied to the anonymised account.
   */
  erase?: (tx: Queryable, userId: string, email: string) => Promise<void>
  /** What erase keeps and why, for the page that asks to confirm; sentences. */
  keeps?: MessageKey[]
}

/** A line on the staff home page: a sentence with figures and where to act on it. */
export interface AdminCount {
  to: string
  text: MessageKey
  params: Params
  /** Something is late: shown as a warning. */
  urgent?: boolean
}
