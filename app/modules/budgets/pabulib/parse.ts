/**
 * Parser for the Pabulib `.pb` format.
 *
 * Never throws for bad input: every problem comes back as
 * `{ ok: false, error: { line, reason } }` so that callers (CLI, import
 * screens) can report it next to the offending line.
 */
import { eachRecord, type CsvRecord } from './csv'
import { parseNumber } from './numbers'
import type { PbFile, PbFormat, PbParseError, PbParseResult, PbProject, PbSourceLines, PbVote } from './types'

type Section = 'META' | 'PROJECTS' | 'VOTES'
const SECTIONS: readonly Section[] = ['META', 'PROJECTS', 'VOTES']

/** Thrown internally only; converted to a result at the boundary of parsePb. */
class ParseFailure extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`)
  }
}

const fail = (line: number, reason: string): never => {
  throw new ParseFailure(line, reason)
}

/** Raw header names that map to differently named typed fields. */
const RENAMED: Record<string, string> = { project_id: 'id', voter_id: 'voterId' }
const RESERVED = new Set(['id', 'voterId', '__proto__'])

export function parsePb(input: string): PbParseResult {
  try {
    return { ok: true, ...parseOrThrow(input) }
  } catch (error) {
    if (error instanceof ParseFailure) {
      const parseError: PbParseError = { line: error.line, reason: error.reason }
      return { ok: false, error: parseError }
    }
    // Anything else is a bug in this parser, but callers were promised a reason.
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, error: { line: 0, reason: `internal parser error: ${reason}` } }
  }
}

function detectFormat(text: string): PbFormat {
  return {
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    finalNewline: /[\r\n]$/.test(text),
  }
}

function sectionOf(record: CsvRecord): Section | undefined {
  const fields = record.fields
  const first = fields[0] ?? ''
  // Section names are short: skip the work for the long lines of VOTES.
  if (first.length > 16) return undefined
  const name = first.trim().toUpperCase()
  if (!(SECTIONS as readonly string[]).includes(name)) return undefined
  for (let i = 1; i < fields.length; i++) if (fields[i] !== '') return undefined
  return name as Section
}

/** Drops empty cells beyond the header width (a trailing `;` is common and harmless). */
function fitToHeader(record: CsvRecord, width: number): string[] {
  if (record.fields.length <= width) return record.fields
  const fields = [...record.fields]
  while (fields.length > width && fields[fields.length - 1] === '') fields.pop()
  if (fields.length > width) {
    fail(record.line, `row has ${fields.length} fields but the header has ${width} (unquoted ';' in a value?)`)
  }
  return fields
}

function checkHeader(record: CsvRecord, section: Section, required: readonly string[]): string[] {
  const header = record.fields.map((f) => f.trim())
  while (header.length > 0 && header[header.length - 1] === '') header.pop()
  const seen = new Set<string>()
  for (const name of header) {
    if (name === '') fail(record.line, `${section} header has an empty column name`)
    if (seen.has(name)) fail(record.line, `${section} header repeats column '${name}'`)
    if (RESERVED.has(name)) fail(record.line, `${section} header uses reserved column name '${name}'`)
    seen.add(name)
  }
  for (const name of required) {
    if (!seen.has(name)) fail(record.line, `${section} header lacks the required column '${name}'`)
  }
  return header
}

function requireNumber(raw: string | undefined, line: number, what: string): number {
  const value = parseNumber(raw)
  if (value === undefined) fail(line, `${what} is not a number: '${raw ?? ''}'`)
  return value as number
}

function optionalNumber(raw: string | undefined, line: number, what: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  return requireNumber(raw, line, what)
}

function splitList(raw: string | undefined): string[] {
  if (raw === undefined) return []
  if (!raw.includes(',')) {
    const item = raw.trim()
    return item === '' ? [] : [item]
  }
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function parseProject(header: string[], fields: string[], line: number): PbProject {
  const cell = (name: string): string | undefined => {
    const index = header.indexOf(name)
    return index >= 0 ? fields[index] : undefined
  }
  const id = (cell('project_id') ?? '').trim()
  if (id === '') fail(line, 'project_id is empty')
  const project: PbProject = { id, cost: requireNumber(cell('cost'), line, `cost of project ${id}`) }
  header.forEach((name, index) => {
    const raw = fields[index] ?? ''
    switch (name) {
      case 'project_id':
      case 'cost':
        return
      case 'votes':
      case 'score':
      case 'selected': {
        const value = optionalNumber(raw, line, `${name} of project ${id}`)
        if (value !== undefined) project[name] = value
        return
      }
      default:
        if (raw !== '') project[RENAMED[name] ?? name] = raw
    }
  })
  return project
}

/** Called once per ballot (70 000 times for a city): plain loops, no closures. */
function parseVote(header: string[], fields: string[], line: number): PbVote {
  const voterIndex = header.indexOf('voter_id')
  const voteIndex = header.indexOf('vote')
  const voterId = ((voterIndex >= 0 ? fields[voterIndex] : undefined) ?? '').trim()
  if (voterId === '') fail(line, 'voter_id is empty')
  const vote: PbVote = { voterId, vote: splitList(voteIndex >= 0 ? fields[voteIndex] : undefined) }
  for (let index = 0; index < header.length; index++) {
    const name = header[index] as string
    const raw = fields[index] ?? ''
    switch (name) {
      case 'voter_id':
      case 'vote':
        break
      case 'points': {
        const points = splitList(raw).map((p) => requireNumber(p, line, `points of voter ${voterId}`))
        if (points.length !== vote.vote.length) {
          fail(line, `voter ${voterId} lists ${vote.vote.length} projects but ${points.length} points`)
        }
        if (raw.trim() !== '') vote.points = points
        break
      }
      case 'age': {
        if (raw === '') break
        vote.age = parseNumber(raw) ?? raw
        break
      }
      default:
        if (raw !== '') vote[RENAMED[name] ?? name] = raw
    }
  }
  return vote
}

interface SectionState {
  section: Section
  header?: string[]
}

function parseOrThrow(input: string): { file: PbFile; lines: PbSourceLines } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input

  const file: PbFile = {
    meta: {},
    projects: [],
    votes: [],
    columns: { projects: [], votes: [] },
    hasVotesSection: false,
    format: detectFormat(text),
  }
  const lines: PbSourceLines = { meta: {}, projects: [], votes: [] }
  const seenSections = new Set<Section>()
  const projectIds = new Set<string>()
  const voterIds = new Set<string>()
  let state: SectionState | undefined

  // Records are handled as they are read, not collected first (issue 21).
  const { unterminatedQuoteLine } = eachRecord(text, (record) => {
    const section = sectionOf(record)
    if (section) {
      if (state && !state.header) fail(record.line, `${state.section} section has no header row`)
      if (seenSections.has(section)) fail(record.line, `section ${section} appears twice`)
      seenSections.add(section)
      state = { section }
      if (section === 'VOTES') file.hasVotesSection = true
      return
    }
    if (!state) fail(record.line, 'content before the first section (expected META)')
    const current = state as SectionState

    if (!current.header) {
      current.header = readHeader(record, current.section, file)
      return
    }
    if (current.section === 'META') {
      addMeta(file, lines, record, text)
      return
    }
    const fields = fitToHeader(record, current.header.length)
    if (current.section === 'PROJECTS') {
      const project = parseProject(current.header, fields, record.line)
      if (projectIds.has(project.id)) fail(record.line, `project_id ${project.id} appears twice`)
      projectIds.add(project.id)
      file.projects.push(project)
      lines.projects.push(record.line)
    } else {
      const vote = parseVote(current.header, fields, record.line)
      if (voterIds.has(vote.voterId)) fail(record.line, `voter_id ${vote.voterId} appears twice`)
      voterIds.add(vote.voterId)
      file.votes.push(vote)
      lines.votes.push(record.line)
    }
  })
  if (unterminatedQuoteLine !== undefined) {
    fail(unterminatedQuoteLine, 'a quoted field is never closed')
  }

  if (state && !state.header) fail(0, `${state.section} section has no header row`)
  if (!seenSections.has('META')) fail(0, 'the file has no META section')
  if (!seenSections.has('PROJECTS')) fail(0, 'the file has no PROJECTS section')
  return { file, lines }
}

function readHeader(record: CsvRecord, section: Section, file: PbFile): string[] {
  if (section === 'META') {
    // The header of META is `key;value`; we accept any two names.
    const header = checkHeader(record, section, [])
    if (header.length < 2) fail(record.line, "META header must be 'key;value'")
    return header
  }
  if (section === 'PROJECTS') {
    const header = checkHeader(record, section, ['project_id', 'cost'])
    file.columns.projects = header
    return header
  }
  const header = checkHeader(record, section, ['voter_id', 'vote'])
  file.columns.votes = header
  return header
}

function addMeta(file: PbFile, lines: PbSourceLines, record: CsvRecord, text: string): void {
  const { fields, line } = record
  const key = (fields[0] ?? '').trim()
  if (key === '') fail(line, 'META row without a key')
  if (key === '__proto__') fail(line, `META key '${key}' is not allowed`)
  if (Object.hasOwn(file.meta, key)) fail(line, `META key '${key}' appears twice`)
  file.meta[key] = metaValue(record, text)
  lines.meta[key] = line
}

/**
 * Lenient on purpose: free-text values (comment, description) sometimes
 * contain an unquoted ';'. Then everything after the first ';' of the raw
 * line is the value, spacing included.
 */
function metaValue(record: CsvRecord, text: string): string {
  const rest = record.fields.slice(1)
  while (rest.length > 1 && rest[rest.length - 1] === '') rest.pop()
  if (rest.length <= 1) return (rest[0] ?? '').trim()
  const raw = text.slice(record.start, record.end)
  if (raw.includes('"')) return rest.join(';').trim()
  return raw
    .slice(raw.indexOf(';') + 1)
    .replace(/;+\s*$/, '')
    .trim()
}
