import { z } from 'zod'
import type { Locale, MessageKey, Translate } from '~/utils/i18n'
import { formatDate } from '~/utils/time'

/** Browser-safe: the declaration's fields, their validation, and the plain-Dutch text made from them. */

export const LEVELS = ['informeren', 'raadplegen', 'adviseren', 'coproduceren', 'meebeslissen'] as const
export type Level = (typeof LEVELS)[number]
export const DECIDERS = ['gemeenteraad', 'college', 'burgemeester', 'wijkteam', 'bewoners'] as const

export const LIMITS = { usedFor: 1000, decidedBy: 120, changeNote: 300 }

export interface DeclarationFields {
  level: Level
  decidedBy: string
  decisionExpectedOn: string | null
  usedFor: string
  bindingRule: { kind: 'most_votes'; minimumParticipants: number } | { kind: 'threshold'; minimumSupporters: number } | null
  reportBackBy: string
}

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date_invalid')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'errors.date_invalid')

/** The form for owners. A binding rule only exists for "meebeslissen". */
export const declarationSchema = z
  .object({
    level: z.enum(LEVELS, { errorMap: () => ({ message: 'errors.level_required' }) }),
    decidedBy: z
      .string({ required_error: 'errors.decided_by_required' })
      .trim()
      .min(2, 'errors.decided_by_required')
      .max(LIMITS.decidedBy, 'errors.too_long'),
    decisionExpectedOn: z.union([isoDate, z.literal('')]).optional(),
    usedFor: z
      .string({ required_error: 'errors.used_for_required' })
      .trim()
      .min(20, 'errors.used_for_required')
      .max(LIMITS.usedFor, 'errors.too_long'),
    minimumParticipants: z
      .union([
        z.coerce.number().int('errors.number_invalid').min(1, 'errors.number_invalid').max(1_000_000, 'errors.number_invalid'),
        z.literal(''),
      ])
      .optional(),
    reportBackBy: isoDate,
    changeNote: z.string().trim().max(LIMITS.changeNote, 'errors.too_long').optional(),
  })
  .refine((v) => v.level !== 'meebeslissen' || typeof v.minimumParticipants === 'number', {
    message: 'errors.binding_rule_required',
    path: ['minimumParticipants'],
  })

export function toDeclarationFields(input: z.infer<typeof declarationSchema>): DeclarationFields {
  return {
    level: input.level,
    decidedBy: input.decidedBy,
    decisionExpectedOn: input.decisionExpectedOn || null,
    usedFor: input.usedFor,
    bindingRule:
      input.level === 'meebeslissen' && typeof input.minimumParticipants === 'number'
        ? { kind: 'most_votes', minimumParticipants: input.minimumParticipants }
        : null,
    reportBackBy: input.reportBackBy,
  }
}

// Dates are shown by one shared formatter; re-exported for the modules that import it from here.
export { formatDate }

/** One sentence of the declaration: a message key and its values (a day, a message, or text someone typed). */
export interface DeclarationLine {
  key: MessageKey
  params?: Record<string, string | number | { date: string } | { key: MessageKey }>
}

/**
 * The declaration as messages, one per sentence, so that a text stored for later (a notification) can be
 * shown in the reader's language; describeDeclaration renders them.
 */
export function declarationLines(d: DeclarationFields): DeclarationLine[] {
  const who = (DECIDERS as readonly string[]).includes(d.decidedBy) ? { key: `decider.${d.decidedBy}` as MessageKey } : d.decidedBy
  const lines: DeclarationLine[] = [{ key: `weighing.level.${d.level}` as MessageKey }]
  lines.push(
    d.decisionExpectedOn
      ? { key: 'weighing.decides_on', params: { who, date: { date: d.decisionExpectedOn } } }
      : { key: 'weighing.decides', params: { who } },
  )
  lines.push({ key: 'weighing.used_for', params: { text: d.usedFor } })
  if (d.bindingRule?.kind === 'most_votes')
    lines.push({ key: 'weighing.binding_most_votes', params: { n: d.bindingRule.minimumParticipants } })
  if (d.bindingRule?.kind === 'threshold') lines.push({ key: 'weighing.binding_threshold', params: { n: d.bindingRule.minimumSupporters } })
  lines.push({ key: 'weighing.report_back', params: { date: { date: d.reportBackBy } } })
  return lines
}

/**
 * The declaration in plain language, one sentence per line, generated from the fields so that it reads
 * the same on the item, on the form, in notices and in e-mails.
 */
export function describeDeclaration(d: DeclarationFields, t: Translate, locale: Locale): string[] {
  const value = (v: NonNullable<DeclarationLine['params']>[string]) =>
    typeof v !== 'object' ? v : 'date' in v ? formatDate(v.date, locale) : t(v.key)
  return declarationLines(d).map(({ key, params }) =>
    t(key, params && Object.fromEntries(Object.entries(params).map(([name, v]) => [name, value(v)]))),
  )
}

export type ReportBackStatus = 'pending' | 'on_time' | 'late' | 'overdue'
