/** End-to-end check of `scripts/pb.ts` as the lead's `npm run pb` will call it. */
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
})
