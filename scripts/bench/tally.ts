/**
 * Tally benchmark on a synthetic, seeded election (clearly not real data):
 * 50 000 approval ballots over 100 projects, Zipf-like popularity, each
 * ballot approving 1–10 projects, costs 5 000–250 000, budget 1 500 000.
 *
 * Times the full `tally()` call (input preparation included) and reports the
 * median of several runs. Targets on the 2-core machine: Equal Shares with
 * add1 completion < 2 s, greedy < 0.2 s.
 *
 *   npx tsx scripts/bench/tally.ts   → one JSON line
 */
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { tally, type Ballot, type TallyInput, type RuleName } from '../../app/modules/budgets/tally/index'

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

function medianMs(rule: RuleName, input: TallyInput, repeats: number): { ms: number; selected: number } {
  const times: number[] = []
  let selected = 0
  for (let i = 0; i < repeats; i++) {
    const start = performance.now()
    const result = tally(rule, input)
    times.push(performance.now() - start)
    if (!result.ok) throw new Error(`${rule} failed: ${result.reason}`)
    selected = result.outcome.selected.length
  }
  times.sort((a, b) => a - b)
  return { ms: Math.round((times[Math.floor(times.length / 2)] as number) * 10) / 10, selected }
}

export async function run(): Promise<Record<string, unknown>> {
  const input = syntheticElection()
  const mes = medianMs('equalshares/add1', input, 5)
  const greedy = medianMs('greedy', input, 7)
  return {
    bench: 'tally',
    ballots: BALLOTS,
    projects: PROJECTS,
    mes_ms: mes.ms,
    greedy_ms: greedy.ms,
    mes_selected: mes.selected,
    greedy_selected: greedy.selected,
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (invokedDirectly) {
  run().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 1
    },
  )
}
