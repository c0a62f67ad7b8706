/**
 * Serialises a PbFile back to the `.pb` format.
 *
 * Column order comes from `file.columns` (the header as read), extended with
 * any field present on the records but missing from it, so a structure built
 * in code (not parsed) also writes correctly. Line ending and final newline
 * follow `file.format` when present, which makes ordinary files round-trip
 * byte for byte.
 */
import { writeRecord } from './csv'
import { formatNumber } from './numbers'
import type { PbFile, PbProject, PbVote } from './types'

export interface WriteOptions {
  eol?: '\n' | '\r\n'
  finalNewline?: boolean
}

const PROJECT_BASE = ['project_id', 'cost']
const VOTE_BASE = ['voter_id', 'vote']
/** Typed field name for a raw header name. */
const FIELD_OF: Record<string, string> = { project_id: 'id', voter_id: 'voterId' }
const HEADER_OF: Record<string, string> = { id: 'project_id', voterId: 'voter_id' }

export function writePb(file: PbFile, options: WriteOptions = {}): string {
  const eol = options.eol ?? file.format?.eol ?? '\n'
  const finalNewline = options.finalNewline ?? file.format?.finalNewline ?? true
  const rows: string[] = ['META', writeRecord(['key', 'value'])]
  for (const [key, value] of Object.entries(file.meta)) rows.push(writeRecord([key, value]))

  const projectColumns = columnsFor(file.columns.projects, PROJECT_BASE, file.projects)
  rows.push('PROJECTS', writeRecord(projectColumns))
  for (const project of file.projects) rows.push(writeRecord(projectColumns.map((c) => cellOf(project, c))))

  if (file.hasVotesSection || file.votes.length > 0) {
    const voteColumns = columnsFor(file.columns.votes, VOTE_BASE, file.votes)
    rows.push('VOTES', writeRecord(voteColumns))
    for (const vote of file.votes) rows.push(writeRecord(voteColumns.map((c) => cellOf(vote, c))))
  }
  return rows.join(eol) + (finalNewline ? eol : '')
}

function columnsFor(declared: readonly string[], base: readonly string[], records: ReadonlyArray<PbProject | PbVote>): string[] {
  const columns = declared.length > 0 ? [...declared] : [...base]
  for (const name of base) if (!columns.includes(name)) columns.push(name)
  for (const record of records) {
    for (const [field, value] of Object.entries(record)) {
      const header = HEADER_OF[field] ?? field
      if (value !== undefined && !columns.includes(header)) columns.push(header)
    }
  }
  return columns
}

function cellOf(record: PbProject | PbVote, header: string): string {
  const value = (record as Record<string, unknown>)[FIELD_OF[header] ?? header]
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) {
    return value.map((item) => (typeof item === 'number' ? formatNumber(item) : String(item))).join(',')
  }
  if (typeof value === 'number') return formatNumber(value)
  return String(value)
}
