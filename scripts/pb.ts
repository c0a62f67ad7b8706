/**
 * Pabulib command line.
 *
 *   npx tsx scripts/pb.ts tally [--rule RULE] [--no-threshold] FILE...   one JSON line per file, always exit 0:
 *     {"file": "<path as given>", "rule": "<rule>", "selected": ["<id>", …]}
 *     {"file": "<path as given>", "error": "<reason>"}
 *   (selected ids are listed in the order the rule selected them; `--rule` tallies with another rule than
 *   the file's META `rule`, `--no-threshold` ignores META `min_project_score_threshold`)
 *
 *   npx tsx scripts/pb.ts import FILE...  creates a finished budget per file in the configured database
 *     (DATABASE_URL, or the embedded one — stop the demo server first, PGlite allows one process);
 *     one JSON line per file: {"file", "budgetId", "url", "created", "ballots", "selected"} or
 *     {"file", "error"}; exit 0 when every file was imported (or already was), 1 otherwise.
 *
 * Argument parsing lives in parseArgs() so new subcommands can be added there.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { tallyPbText } from '../app/modules/budgets/tally/pb-file'

export interface TallyFlags {
  rule?: string
  ignoreThreshold?: boolean
}

export type Command =
  | { kind: 'tally'; files: string[]; flags: TallyFlags }
  | { kind: 'import'; files: string[] }
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string }

const USAGE = 'usage: pb tally [--rule RULE] [--no-threshold] FILE... | pb import FILE...'

export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv
  const args = rest.filter((arg) => arg !== '--')
  switch (command) {
    case 'tally': {
      const flags: TallyFlags = {}
      const files: string[] = []
      for (let i = 0; i < args.length; i++) {
        const arg = args[i] as string
        if (arg === '--rule') {
          const rule = args[++i]
          if (rule === undefined) return { kind: 'usage-error', message: 'tally: --rule needs a rule name' }
          flags.rule = rule
        } else if (arg === '--no-threshold') {
          flags.ignoreThreshold = true
        } else {
          files.push(arg)
        }
      }
      if (files.length === 0) return { kind: 'usage-error', message: `${command}: give at least one FILE` }
      return { kind: 'tally', files, flags }
    }
    case 'import': {
      const files = args
      if (files.length === 0) return { kind: 'usage-error', message: `${command}: give at least one FILE` }
      return { kind: command, files }
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      return { kind: 'help' }
    default:
      return { kind: 'usage-error', message: `unknown command '${command}'` }
  }
}

export interface TallyLine {
  file: string
  rule?: string
  selected?: string[]
  error?: string
}

export async function tallyFile(file: string, flags: TallyFlags = {}): Promise<TallyLine> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { file, error: `cannot read file${code ? ` (${code})` : ''}` }
  }
  try {
    const result = tallyPbText(text, flags)
    if (!result.ok) return { file, error: result.reason }
    return { file, rule: result.rule, selected: result.outcome.selected }
  } catch (error) {
    // The tally promises reasons, not exceptions; this is a last line of defence.
    return { file, error: `internal error: ${error instanceof Error ? error.message : String(error)}` }
  }
}

async function runTally(files: readonly string[], flags: TallyFlags): Promise<number> {
  for (const file of files) {
    process.stdout.write(`${JSON.stringify(await tallyFile(file, flags))}\n`)
  }
  return 0 // tally always exits 0: failures are reported per file
}

async function runImport(files: readonly string[]): Promise<number> {
  const texts: { file: string; text: string }[] = []
  let failed = false
  for (const file of files) {
    try {
      texts.push({ file, text: await readFile(file, 'utf8') })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      process.stdout.write(`${JSON.stringify({ file, error: `cannot read file${code ? ` (${code})` : ''}` })}\n`)
      failed = true
    }
  }
  if (texts.length === 0) return 1
  // The database is opened only when there is something to import.
  const { initDatabase, closeDatabase } = await import('../db/runtime')
  const { importPb } = await import('../app/modules/budgets/pabulib.server')
  const handle = await initDatabase()
  try {
    for (const { file, text } of texts) {
      const result = await importPb(handle.db, text, path.basename(file))
      if (!result.ok) failed = true
      const line = result.ok
        ? {
            file,
            budgetId: result.budgetId,
            url: `/begrotingen/${result.budgetId}`,
            created: result.created,
            ballots: result.ballots,
            selected: result.selected,
          }
        : { file, error: result.reason }
      process.stdout.write(`${JSON.stringify(line)}\n`)
    }
  } finally {
    await closeDatabase()
  }
  return failed ? 1 : 0
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv)
  switch (command.kind) {
    case 'tally':
      return runTally(command.files, command.flags)
    case 'import':
      return runImport(command.files)
    case 'help':
      process.stdout.write(`${USAGE}\n`)
      return 0
    case 'usage-error':
      process.stderr.write(`${command.message}\n${USAGE}\n`)
      return 64
    default: {
      const never: never = command
      throw new Error(`unhandled command ${JSON.stringify(never)}`)
    }
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 1
    },
  )
}
