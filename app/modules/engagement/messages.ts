export const nl = {
  'engagement.notifications': 'Meldingen',
  'engagement.notifications_lead': 'Hier zie je wat er is gebeurd met dingen die je volgt of steunt.',
  'engagement.none': 'Je hebt nog geen meldingen.',
  'engagement.unread': 'nieuw',
  'engagement.mark_read': 'Alles gelezen',
  'engagement.marked_read': 'Alle meldingen zijn gelezen.',
  'engagement.follow': 'Volgen',
  'engagement.unfollow': 'Niet meer volgen',
  'engagement.following': 'Je volgt dit. Je krijgt een melding als er iets verandert.',
} as const

export const en: Record<keyof typeof nl, string> = {
  'engagement.notifications': 'Notifications',
  'engagement.notifications_lead': 'What happened to things you follow or support.',
  'engagement.none': 'You have no notifications yet.',
  'engagement.unread': 'new',
  'engagement.mark_read': 'Mark all as read',
  'engagement.marked_read': 'All notifications are marked as read.',
  'engagement.follow': 'Follow',
  'engagement.unfollow': 'Stop following',
  'engagement.following': 'You follow this. You get a notification when something changes.',
}
