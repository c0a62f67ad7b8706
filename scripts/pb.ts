/**
 * Pabulib command line.
 *
 *   npx tsx scripts/pb.ts tally FILE...   one JSON line per file, always exit 0:
 *     {"file": "<path as given>", "rule": "<rule>", "selected": ["<id>", …]}
 *     {"file": "<path as given>", "error": "<reason>"}
 *   (selected ids are listed in the order the rule selected them)
 *
 *   npx tsx scripts/pb.ts import FILE...  not available yet (needs the database), exit 2
 *
 * Argument parsing lives in parseArgs() so new subcommands can be added there.
 */
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { tallyPbText } from '../app/modules/budgets/tally/pb-file'

export type Command =
  { kind: 'tally'; files: string[] } | { kind: 'import'; files: string[] } | { kind: 'help' } | { kind: 'usage-error'; message: string }

const USAGE = 'usage: pb <tally|import> FILE...'

export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv
  const files = rest.filter((arg) => arg !== '--')
  switch (command) {
    case 'tally':
    case 'import':
      if (files.length === 0) return { kind: 'usage-error', message: `${command}: give at least one FILE` }
      return { kind: command, files }
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

export async function tallyFile(file: string): Promise<TallyLine> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { file, error: `cannot read file${code ? ` (${code})` : ''}` }
  }
  try {
    const result = tallyPbText(text)
    if (!result.ok) return { file, error: result.reason }
    return { file, rule: result.rule, selected: result.outcome.selected }
  } catch (error) {
    // The tally promises reasons, not exceptions; this is a last line of defence.
    return { file, error: `internal error: ${error instanceof Error ? error.message : String(error)}` }
  }
}

async function runTally(files: readonly string[]): Promise<number> {
  for (const file of files) {
    process.stdout.write(`${JSON.stringify(await tallyFile(file))}\n`)
  }
  return 0 // tally always exits 0: failures are reported per file
}

function runImport(): number {
  // Wired to the database by the lead later; until then this is a clear refusal.
  process.stderr.write(`${JSON.stringify({ error: 'import needs the database; not yet available' })}\n`)
  return 2
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv)
  switch (command.kind) {
    case 'tally':
      return runTally(command.files)
    case 'import':
      return runImport()
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
