/**
 * Typed view of a Pabulib `.pb` file (https://pabulib.org/format).
 *
 * A file has three sections — META (key;value), PROJECTS and VOTES — each a
 * `;`-separated table with its own header row. Known columns are parsed into
 * typed fields; every other column is kept verbatim as a string under its
 * header name, so that writing the structure back loses nothing.
 */

export interface PbProject {
  /** `project_id` column. */
  id: string
  cost: number
  name?: string
  /** Number of voters who supported the project (as published; not recomputed). */
  votes?: number
  /** Sum of points (cumulative/scoring/ordinal ballots), as published. */
  score?: number
  /** 1 = funded by this election, 0 = not funded, 2/3 = special cases explained in META comment. */
  selected?: number
  [column: string]: string | number | undefined
}

export interface PbVote {
  /** `voter_id` column. */
  voterId: string
  /** Project ids in the order written in the file (preference order for ordinal ballots). */
  vote: string[]
  /** Points per project, same order as `vote` (cumulative and scoring ballots). */
  points?: number[]
  /** Numeric when the cell is a number; the raw text otherwise. */
  age?: number | string
  sex?: string
  [column: string]: string | number | string[] | number[] | undefined
}

export interface PbFormat {
  /** Line ending used by the source file; the writer reuses it. */
  eol: '\n' | '\r\n'
  /** Whether the source ended with a line ending. */
  finalNewline: boolean
}

export interface PbFile {
  /** META section in file order. Keys and values are trimmed strings. */
  meta: Record<string, string>
  projects: PbProject[]
  votes: PbVote[]
  /** Raw header names in file order (e.g. `project_id`, `cost`, …), used by the writer. */
  columns: { projects: string[]; votes: string[] }
  /** False when the file had no VOTES section at all (projects-only export). */
  hasVotesSection: boolean
  format?: PbFormat
}

/** 1-based line numbers of each parsed record, for error messages downstream. */
export interface PbSourceLines {
  meta: Record<string, number>
  projects: number[]
  votes: number[]
}

export interface PbParseError {
  /** 1-based line number where the problem was found (0 when it concerns the whole file). */
  line: number
  reason: string
}

export type PbParseResult = { ok: true; file: PbFile; lines: PbSourceLines } | { ok: false; error: PbParseError }
