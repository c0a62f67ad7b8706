import { z } from 'zod'

/** The choices for e-mail about notifications (as in notification_settings.email). */
export const EMAIL_CHOICES = ['immediately', 'daily', 'off'] as const

export const emailSettingSchema = z.object({
  intent: z.literal('settings'),
  email: z.enum(EMAIL_CHOICES, { errorMap: () => ({ message: 'engagement.settings_required' }) }),
})
