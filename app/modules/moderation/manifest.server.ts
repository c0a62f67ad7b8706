import type { ServerManifest } from '../types'
import { monthlySummary } from './queries.server'
import { FLAG_REASONS } from './validation'

export const moderationServer: ServerManifest = {
  id: 'moderation',
  api: [
    {
      path: '/moderation/summary',
      summary: 'Moderatie per maand',
      description:
        'Per month (Europe/Amsterdam) and reason: how many flags residents gave and how many contributions moderators hid. Counts only, never content or names. The last 12 months, newest first.',
      parameters: [
        {
          name: 'months',
          in: 'query',
          description: 'How many months back (1–36, default 12)',
          schema: { type: 'integer', minimum: 1, maximum: 36 },
        },
      ],
      response: {
        type: 'object',
        properties: {
          data: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
                reason: { type: 'string', enum: [...FLAG_REASONS] },
                flags: { type: 'integer' },
                hidden: { type: 'integer' },
              },
            },
          },
        },
      },
      handler: async ({ query }) => {
        const raw = query.get('months')
        const months = raw === null ? 12 : Number(raw)
        if (!Number.isInteger(months) || months < 1 || months > 36) return { status: 400, body: { error: 'months must be 1–36' } }
        return { status: 200, body: { data: await monthlySummary(months) } }
      },
    },
  ],
}
