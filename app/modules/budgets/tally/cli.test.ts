/**
 * End-to-end check of `scripts/pb.ts`, through tsx and through `scripts/pb-launch.mjs`
 * (what `npm run pb` runs: the cached esbuild bundle for `tally`, tsx for `import`).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sharedDataFolder } from './shared-data'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const sampleDir = sharedDataFolder('pabulib') ?? path.resolve(repoRoot, '../shared/data/pabulib')
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx')

function pb(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, ['scripts/pb.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** `npm run pb` without npm: the launcher. */
function launched(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/pb-launch.mjs', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('pb CLI', () => {
  it('tally prints one JSON line per file, errors included, and exits 0', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pb-cli-'))
    const broken = path.join(dir, 'broken.pb')
    writeFileSync(broken, 'META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;"unclosed\n')
    const missing = path.join(dir, 'missing.pb')
    const samples = readdirSync(sampleDir)
      .filter((f) => f.endsWith('.pb'))
      .map((f) => path.join(sampleDir, f))

    const { status, stdout } = pb('tally', ...samples, broken, missing)
    expect(status).toBe(0)
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((l) => l.file)).toEqual([...samples, broken, missing])
    for (const line of lines.slice(0, samples.length)) {
      expect(Object.keys(line)).toEqual(['file', 'rule', 'selected'])
    }
    const assen = lines.find((l) => String(l.file).includes('Assen'))
    expect(assen).toEqual({
      file: samples.find((s) => s.includes('Assen')),
      rule: 'equalshares/add1',
      selected: ['3', '9', '2', '11', '13', '14', '5', '6', '12'],
    })
    expect(lines.at(-2)).toEqual({ file: broken, error: 'line 6: a quoted field is never closed' })
    expect(lines.at(-1)).toEqual({ file: missing, error: 'cannot read file (ENOENT)' })
  }, 60_000)

  it('import reports a file it cannot read and exits 1 without opening the database', () => {
    const { status, stdout } = pb('import', 'does-not-exist.pb')
    expect(status).toBe(1)
    expect(JSON.parse(stdout.trim())).toEqual({ file: 'does-not-exist.pb', error: 'cannot read file (ENOENT)' })
  }, 60_000)

  it('tally --rule/--no-threshold: the threshold of a greedy-no-skip file, kept and left out', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pb-cli-'))
    const file = path.join(dir, 'no-skip.pb')
    // Everything fits; X (2 votes) is below the threshold 3, so only the threshold keeps it out.
    const text = 'META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy-no-skip\nmin_project_score_threshold;3\n'
    const projects = 'PROJECTS\nproject_id;cost\nA;50\nB;30\nC;10\nX;5\n'
    const votes = 'VOTES\nvoter_id;vote\n1;A,B,X\n2;A,B,X\n3;A,B,C\n4;A,B,C\n5;A,C\n'
    writeFileSync(file, text + projects + votes)
    const tallied = (...args: string[]): unknown => JSON.parse(pb('tally', ...args, file).stdout.trim())
    expect(tallied()).toEqual({ file, rule: 'greedy-no-skip', selected: ['A', 'B', 'C'] })
    expect(tallied('--no-threshold')).toEqual({ file, rule: 'greedy-no-skip', selected: ['A', 'B', 'C', 'X'] })
    expect(tallied('--rule', 'greedy')).toEqual({ file, rule: 'greedy', selected: ['A', 'B', 'C'] })
  }, 60_000)

  it('the launcher of npm run pb prints exactly what tsx prints, and sends import through tsx', () => {
    const samples = readdirSync(sampleDir)
      .filter((f) => f.endsWith('.pb'))
      .map((f) => path.join(sampleDir, f))
    for (const args of [
      ['tally', ...samples, 'missing.pb'],
      ['tally', '--rule', 'equalshares/add1-comparison', '--no-threshold', ...samples],
      ['help'],
      ['nonsense'],
    ]) {
      const viaTsx = pb(...args)
      const viaLauncher = launched(...args)
      expect(viaLauncher).toEqual(viaTsx)
    }
    const imported = launched('import', 'does-not-exist.pb')
    expect(imported.status).toBe(1)
    expect(JSON.parse(imported.stdout.trim())).toEqual({ file: 'does-not-exist.pb', error: 'cannot read file (ENOENT)' })
  }, 120_000)

  const large = sharedDataFolder('pabulib-large')
  it.skipIf(!large)(
    'Łódź 2023 as equalshares/add1 without its threshold: the 59 projects of equalshares.net, in order',
    () => {
      if (!large) return // skipped: no ../shared/data/pabulib-large beside the repository (see its SOURCE.md)
      const file = path.join(large, 'Poland_Lodz_2023.pb')
      for (const run of [pb, launched]) {
        const { status, stdout } = run('tally', '--rule', 'equalshares/add1', '--no-threshold', file)
        expect(status).toBe(0)
        const line = JSON.parse(stdout.trim()) as { rule: string; selected: string[] }
        expect(line.rule).toBe('equalshares/add1')
        expect(line.selected).toEqual(LODZ_EQUAL_SHARES)
      }
    },
    180_000,
  )
})

/** Łódź 2023 under equalshares/add1 (no threshold), as the equalshares.net compute tool selects them. */
const LODZ_EQUAL_SHARES = (
  'L009 L073 L061 L062 L040 L089 L022 L016 L065 L029 L067 L027 L192 L026 L114 L170 L121 L135 L196 L069 ' +
  'L177 L110 L077 L104 L174 L165 L122 L046 L127 L051 L007 L099 L048 L019 L049 L184 L047 L002 L119 L161 ' +
  'L050 L066 L102 L083 L012 L195 L136 L038 L189 L131 L186 L080 L003 L017 L006 L008 L194 L124 L074'
).split(' ')
