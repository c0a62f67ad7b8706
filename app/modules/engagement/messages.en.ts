import type { nl } from './messages'

/** English, with every key of the Dutch messages (messages.ts). Loaded only when someone reads in English. */
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
  'engagement.mail_link': 'See it here: {url}',
  'engagement.mail_footer':
    'You get this message because you follow or support this on Stem van Groningen. Want less e-mail? Choose here: {url}',
  'engagement.digest_subject': 'Stem van Groningen: {n} new notifications',
  'engagement.digest_subject_one': 'Stem van Groningen: 1 new notification',
  'engagement.digest_intro': 'These are your notifications of the past day ({n}):',
  'engagement.settings_title': 'E-mail about notifications',
  'engagement.settings_lead': 'Your notifications are always here. Choose whether you also want them by e-mail.',
  'engagement.settings_immediately': 'Immediately, one e-mail per notification',
  'engagement.settings_daily': 'One e-mail a day, at 7 in the morning, with all notifications of that day',
  'engagement.settings_off': 'No e-mail, only here on the site',
  'engagement.settings_save': 'Save choice',
  'engagement.settings_saved': 'Your e-mail choice is saved.',
  'engagement.settings_required': 'Choose how you want e-mail about notifications.',
  'engagement.settings_no_email': 'Your e-mail address is not confirmed yet. Until then we send no e-mail.',
}
