import { allow, deny, isStaff, loggedIn, moderatedWijken, withRole, type Rule } from '~/auth/permissions'

/** What a moderation decision needs to know about the content. */
export interface ModeratedItem {
  authorId: string | null
  /** null: city-wide content, for staff. */
  wijkCode: string | null
}

export const moderationPermissions = {
  /** Anyone logged in may flag content. */
  flag: ((actor) => loggedIn(actor)) as Rule<unknown>,
  /** Authors object to a decision about their content (checked against the author in the command). */
  object: ((actor) => loggedIn(actor)) as Rule<unknown>,
  openQueue: withRole('moderator', 'staff', 'admin'),
  /** Wijkteam moderators act in their own wijken, staff everywhere; nobody on their own content. */
  moderate: ((actor, item) => {
    const base = loggedIn(actor)
    if (!base.ok) return base
    if (item.authorId && item.authorId === actor!.id) return deny('not_allowed')
    if (isStaff(actor)) return allow
    if (item.wijkCode && moderatedWijken(actor).includes(item.wijkCode)) return allow
    return deny('not_allowed')
  }) as Rule<ModeratedItem>,
  blockUsers: withRole('staff', 'admin'),
}
