import {
  allow,
  confirmedResident,
  deny,
  isStaff,
  loggedIn,
  participation,
  verifiedResident,
  withRole,
  type Actor,
  type Decision,
  type Rule,
} from '~/auth/permissions'

/** What the rules need to know about a proposal. */
export interface ProposalFacts {
  status: 'draft' | 'published' | 'in_progress' | 'answered' | 'archived' | 'retired'
  authorId: string | null
  wijkCode: string | null
  minimumAge: number | null
  windowEndsAt: Date | string | null
  supportCount: number
}

const windowOpen = (p: ProposalFacts) => p.status === 'published' && (!p.windowEndsAt || new Date(p.windowEndsAt) > new Date())

const comment: Rule<ProposalFacts> = (actor, p) => {
  const base = confirmedResident(actor)
  if (!base.ok) return base
  return p.status === 'published' || p.status === 'in_progress' || p.status === 'answered' ? allow : deny('closed')
}

export const proposalPermissions = {
  /** Reading: drafts only for their author and staff. */
  view: ((actor, p) => {
    if (p.status !== 'draft') return allow
    if (actor && (actor.id === p.authorId || isStaff(actor))) return allow
    return actor ? deny('not_allowed') : deny('not_logged_in')
  }) as Rule<ProposalFacts>,
  /** Anyone with a confirmed e-mail address may put a proposal forward; supporting needs a verified address. */
  create: participation(((actor) => confirmedResident(actor)) as Rule<unknown>),
  /** The author edits until the first support. */
  edit: ((actor, p) => {
    const base = loggedIn(actor)
    if (!base.ok) return base
    if (actor!.id !== p.authorId) return deny('not_allowed')
    if (!(p.status === 'draft' || p.status === 'published') || p.supportCount > 0) return deny('closed')
    return allow
  }) as Rule<ProposalFacts>,
  retire: ((actor, p) => {
    const base = loggedIn(actor)
    if (!base.ok) return base
    if (actor!.id !== p.authorId) return deny('not_allowed')
    if (!(p.status === 'draft' || p.status === 'published')) return deny('closed')
    return allow
  }) as Rule<ProposalFacts>,
  /** The author publishes a draft. */
  publish: ((actor, p) => {
    const base = loggedIn(actor)
    if (!base.ok) return base
    if (actor!.id !== p.authorId) return deny('not_allowed')
    return p.status === 'draft' ? allow : deny('closed')
  }) as Rule<ProposalFacts>,
  /** Verified residents of the proposal's wijk (or of the city), old enough, while the window is open. */
  support: participation((actor: Actor | null, p: ProposalFacts) => {
    const who = verifiedResident(actor, { areaCodes: p.wijkCode ? [p.wijkCode] : [], minimumAge: p.minimumAge ?? undefined })
    if (!who.ok) return who
    return windowOpen(p) ? allow : deny('closed')
  }),
  /** Withdrawing is possible until the threshold is reached. */
  withdraw: participation((actor: Actor | null, p: ProposalFacts) => {
    const base = loggedIn(actor)
    if (!base.ok) return base
    return p.status === 'published' ? allow : deny('closed')
  }),
  follow: ((actor, p) => {
    const base = loggedIn(actor)
    if (!base.ok) return base
    return p.status === 'draft' ? deny('not_allowed') : allow
  }) as Rule<ProposalFacts>,
  /** Editing and liking comments: as oneself. */
  comment,
  /** A new comment: a helper acting for a resident writes it as the resident. */
  addComment: participation(comment),
  answer: withRole('staff', 'admin'),
  manage: withRole('staff', 'admin'),
} satisfies Record<string, Rule<never>>

/** The reason someone cannot support, or null; for the page that explains the next step. */
export function supportDecision(actor: Actor | null, p: ProposalFacts): Decision {
  return proposalPermissions.support(actor, p)
}
