/** Browser-safe limits and choices of proposals, without the form schemas (validation.ts). */

export const LIMITS = {
  title: 120,
  summary: 500,
  body: 10_000,
  reasons: 5000,
  link: 500,
  retireReason: 500,
  comment: 2000,
  imageBytes: 5 * 1024 * 1024,
  imageAlt: 200,
  imagePixels: 1600,
  documents: 3,
  documentBytes: 5 * 1024 * 1024,
  documentTitle: 120,
  search: 200,
}

export const THEMES = ['groen', 'verkeer', 'wonen', 'spelen', 'cultuur', 'veiligheid', 'duurzaamheid', 'overig'] as const
export type Theme = (typeof THEMES)[number]

export const STATUSES = ['published', 'in_progress', 'answered', 'archived', 'retired'] as const
export const ANSWER_KINDS = ['adopted', 'partly_adopted', 'not_adopted', 'already_planned', 'forwarded_to_council'] as const
export const SORTS = ['newest', 'most_supported', 'closing_soon', 'hot'] as const
export type Sort = (typeof SORTS)[number]

/** Weeks the college has to answer once the threshold is reached. */
export const ANSWER_WEEKS = 8
export const COMMENT_EDIT_MINUTES = 15
export const PAGE_SIZE = 20

/** Markers around search matches from ts_headline; the page turns them into <mark> (React escapes the rest). */
export const MARK_START = '\u0001'
export const MARK_END = '\u0002'
