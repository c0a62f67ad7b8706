/**
 * Tally benchmark, two lines:
 *
 * 1. `tally`: a synthetic, seeded election (clearly not real data): 50 000
 *    approval ballots over 100 projects, Zipf-like popularity, each ballot
 *    approving 1–10 projects, costs 5 000–250 000, budget 1 500 000.
 * 2. `tally-real`: Łódź 2023 (70 747 approval ballots, 139 projects), read in
 *    place from ../shared/data/pabulib-large (see its SOURCE.md), tallied as
 *    `equalshares/add1` without the file's score threshold; parse time apart.
 *
 * Times the full `tally()` call (input preparation included) and reports the
 * median of five runs in one process, for the engine in use (`mes_ms`) and,
 * in the same run, for the engine it replaced (`reference_mes_ms`, the
 * test-only mes-reference.ts), whose outcome must be identical. `*_cpu_ms` is
 * the process CPU time of the same calls (less dependent on other processes
 * than the wall clock) and `load_1m` the load average at the end. Targets on
 * the 2-core machine: synthetic Equal Shares < 2 s, greedy < 0.2 s; Łódź
 * Equal Shares < 300 ms.
 *
 *   npx tsx scripts/bench/tally.ts   → two JSON lines
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { parsePb } from '../../app/modules/budgets/pabulib/parse'
import { pabulibToTallyInput } from '../../app/modules/budgets/tally/from-pabulib'
import {
  tally,
  type Ballot,
  type TallyInput,
  type RuleName,
  type TallyOptions,
  type TallyResult,
} from '../../app/modules/budgets/tally/index'
import { ReferenceEqualSharesEngine } from '../../app/modules/budgets/tally/mes-reference'
import { sharedDataFolder } from '../../app/modules/budgets/tally/shared-data'

const REAL_FILE = 'Poland_Lodz_2023.pb'
const REFERENCE: TallyOptions = { equalShares: { engine: (election, utility) => new ReferenceEqualSharesEngine(election, utility) } }

const BALLOTS = 50_000
const PROJECTS = 100
const BUDGET = 1_500_000
const SEED = 20240401

/** mulberry32: tiny deterministic PRNG, good enough for synthetic data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function syntheticElection(seed = SEED): TallyInput {
  const random = mulberry32(seed)
  // Popularity ~ Zipf(1) over a random permutation, so popularity and id are unrelated.
  const order = Array.from({ length: PROJECTS }, (_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  const weight = new Array<number>(PROJECTS).fill(0)
  order.forEach((project, rank) => {
    weight[project] = 1 / (rank + 1)
  })
  const projects = Array.from({ length: PROJECTS }, (_, i) => ({
    id: `P${String(i + 1).padStart(3, '0')}`,
    cost: 5_000 + Math.round(random() * 245) * 1_000,
  }))

  const ballots: Ballot[] = []
  for (let b = 0; b < BALLOTS; b++) {
    const length = 1 + Math.floor(random() * 10)
    ballots.push({ projects: sampleWithoutReplacement(weight, length, random).map((i) => projects[i]!.id) })
  }
  return { budget: BUDGET, projects, ballots, ballotType: 'approval' }
}

/** Draws `count` distinct indices with probability proportional to weight. */
function sampleWithoutReplacement(weight: readonly number[], count: number, random: () => number): number[] {
  const chosen = new Set<number>()
  let total = weight.reduce((sum, w) => sum + w, 0)
  while (chosen.size < count) {
    let target = random() * total
    let pick = -1
    for (let i = 0; i < weight.length; i++) {
      if (chosen.has(i)) continue
      target -= weight[i] as number
      pick = i
      if (target <= 0) break
    }
    chosen.add(pick)
    total -= weight[pick] as number
  }
  return [...chosen]
}

const round = (ms: number): number => Math.round(ms * 10) / 10

function medianMs(
  rule: RuleName,
  input: TallyInput,
  repeats: number,
  options: TallyOptions = {},
): { ms: number; cpuMs: number; selected: number; outcome: TallyResult } {
  const times: number[] = []
  const cpu: number[] = []
  let outcome: TallyResult = { ok: false, reason: 'not run' }
  for (let i = 0; i < repeats; i++) {
    const start = performance.now()
    const startCpu = process.cpuUsage()
    outcome = tally(rule, input, options)
    const usedCpu = process.cpuUsage(startCpu)
    times.push(performance.now() - start)
    cpu.push((usedCpu.user + usedCpu.system) / 1000)
    if (!outcome.ok) throw new Error(`${rule} failed: ${outcome.reason}`)
  }
  const median = (values: number[]): number => round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number)
  const selected = outcome.ok ? outcome.outcome.selected.length : 0
  return { ms: median(times), cpuMs: median(cpu), selected, outcome }
}

/** The engine in use against the reference engine, same input, same process; their outcomes must match. */
function compareEngines(input: TallyInput): { mes: ReturnType<typeof medianMs>; reference: ReturnType<typeof medianMs>; same: boolean } {
  const mes = medianMs('equalshares/add1', input, 5)
  const reference = medianMs('equalshares/add1', input, 5, REFERENCE)
  const same = JSON.stringify(mes.outcome) === JSON.stringify(reference.outcome)
  if (!same) throw new Error('the Equal Shares engine and the reference engine disagree')
  return { mes, reference, same }
}

/** Łódź 2023 as equalshares/add1 without its score threshold; undefined fields when the file is absent. */
function realElection(synthetic: number): Record<string, unknown> {
  const folder = sharedDataFolder('pabulib-large')
  if (!folder) return { bench: 'tally-real', file: REAL_FILE, skipped: 'no ../shared/data/pabulib-large beside the repository' }
  const parseStart = performance.now()
  const parsed = parsePb(readFileSync(path.join(folder, REAL_FILE), 'utf8'))
  if (!parsed.ok) throw new Error(`${REAL_FILE}: ${parsed.error.reason}`)
  const adapted = pabulibToTallyInput(parsed.file, parsed.lines)
  if (!adapted.ok) throw new Error(`${REAL_FILE}: ${adapted.reason}`)
  const parseMs = performance.now() - parseStart
  const { minProjectScoreThreshold: _threshold, ...input } = adapted.input
  const { mes, reference } = compareEngines(input)
  const details = mes.outcome.ok ? mes.outcome.outcome.equalShares : undefined
  return {
    bench: 'tally-real',
    file: REAL_FILE,
    ballots: input.ballots.length,
    projects: input.projects.length,
    parse_ms: round(parseMs),
    mes_ms: mes.ms,
    selected: mes.selected,
    runs: details?.runs,
    mes_cpu_ms: mes.cpuMs,
    reference_mes_ms: reference.ms,
    reference_mes_cpu_ms: reference.cpuMs,
    speedup: round(reference.ms / mes.ms),
    ratio_to_synthetic: round(mes.ms / synthetic),
    same_outcome: true,
    load_1m: round(loadavg()[0] as number),
  }
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const input = syntheticElection()
  const { mes, reference } = compareEngines(input)
  const greedy = medianMs('greedy', input, 7)
  return [
    {
      bench: 'tally',
      ballots: BALLOTS,
      projects: PROJECTS,
      mes_ms: mes.ms,
      greedy_ms: greedy.ms,
      mes_selected: mes.selected,
      greedy_selected: greedy.selected,
      mes_cpu_ms: mes.cpuMs,
      reference_mes_ms: reference.ms,
      speedup: round(reference.ms / mes.ms),
      load_1m: round(loadavg()[0] as number),
    },
    realElection(mes.ms),
  ]
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (invokedDirectly) {
  run().then(
    (results) => process.stdout.write(results.map((result) => `${JSON.stringify(result)}\n`).join('')),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 1
    },
  )
}
