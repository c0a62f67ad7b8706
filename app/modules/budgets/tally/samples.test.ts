/**
 * Real elections from Pabulib (see ../shared/data/pabulib/SOURCE.md): the
 * tally, computed from the VOTES section with the rule named in META, must
 * reproduce exactly the projects the city funded (`selected` = 1). Projects
 * marked 2 were funded from another pool and are left out of the tally.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sharedDataFolder } from './shared-data'
import { parsePb } from '../pabulib/parse'
import { tallyPbText } from './pb-file'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const sampleDir = sharedDataFolder('pabulib') ?? path.resolve(repoRoot, '../shared/data/pabulib')
const samples = readdirSync(sampleDir)
  .filter((f) => f.endsWith('.pb'))
  .map((name) => ({ name, text: readFileSync(path.join(sampleDir, name), 'utf8') }))

function fundedByRule(text: string): string[] | undefined {
  const parsed = parsePb(text)
  if (!parsed.ok) throw new Error(parsed.error.reason)
  if (!parsed.file.columns.projects.includes('selected')) return undefined
  return parsed.file.projects.filter((p) => p.selected === 1).map((p) => p.id)
}

describe('tally reproduces the funded projects of real elections', () => {
  it('has the sample files', () => {
    expect(samples.length).toBe(6)
  })

  for (const { name, text } of samples) {
    const expected = fundedByRule(text)
    if (expected === undefined) {
      it(`${name}: tallies within the budget (no 'selected' column to compare with)`, () => {
        const result = tallyPbText(text)
        if (!result.ok) throw new Error(result.reason)
        expect(result.outcome.selected.length).toBeGreaterThan(0)
        expect(result.outcome.totalCost).toBeLessThanOrEqual(result.outcome.budget)
      })
      continue
    }
    it(`${name}: same set as selected = 1`, () => {
      const result = tallyPbText(text)
      if (!result.ok) throw new Error(result.reason)
      expect([...result.outcome.selected].sort()).toEqual([...expected].sort())
      expect(result.outcome.totalCost).toBeLessThanOrEqual(result.outcome.budget)
    })
  }

  it('Gdynia: the project funded from another pool (selected = 2) is reported, not tallied', () => {
    const gdynia = samples.find((s) => s.name.startsWith('Poland_Gdynia'))
    const result = tallyPbText(gdynia?.text ?? '')
    if (!result.ok) throw new Error(result.reason)
    expect(result.outcome.perProject.find((p) => p.id === '5')?.reason).toBe('excluded_other_pool')
    // If it were tallied it would tie with project 1 (101 votes) and, being cheaper, go first.
    const included = tallyPbText(gdynia?.text ?? '', { excludeOtherPools: false })
    if (!included.ok) throw new Error(included.reason)
    expect(included.outcome.selected).toContain('5')
  })

  it('Assen (equalshares/add1) is reproduced with cost utilities but not with cardinality utilities', () => {
    const assen = samples.find((s) => s.name.startsWith('Netherlands_Assen'))
    const expected = [...(fundedByRule(assen?.text ?? '') ?? [])].sort()
    const cardinality = tallyPbText(assen?.text ?? '', { equalShares: { approvalUtility: 'cardinality' } })
    if (!cardinality.ok) throw new Error(cardinality.reason)
    expect([...cardinality.outcome.selected].sort()).not.toEqual(expected)
  })
})

describe('files that cannot be tallied give a reason', () => {
  const minimal = (meta: string, projects = '1;10\n2;20\n', votes = 'v1;1\nv2;1,2\n'): string =>
    `META\nkey;value\n${meta}PROJECTS\nproject_id;cost\n${projects}VOTES\nvoter_id;vote\n${votes}`

  it.each([
    ['an unknown rule', minimal('budget;20\nvote_type;approval\nrule;lottery\n'), "unknown rule 'lottery'"],
    ["rule 'unknown'", minimal('budget;20\nvote_type;approval\nrule;unknown\n'), "the file's rule is 'unknown'"],
    ['no rule', minimal('budget;20\nvote_type;approval\n'), 'META has no rule'],
    ['a missing budget', minimal('vote_type;approval\nrule;greedy\n'), 'META budget is missing or not a number'],
    ['a bad budget', minimal('budget;lots\nvote_type;approval\nrule;greedy\n'), 'META budget is missing or not a number (line 3)'],
    ['an unknown vote_type', minimal('budget;20\nvote_type;quadratic\nrule;greedy\n'), "unsupported vote_type 'quadratic' (line 4)"],
    [
      'greedy-threshold without threshold',
      minimal('budget;20\nvote_type;approval\nrule;greedy-threshold\n'),
      "rule 'greedy-threshold' needs min_project_score_threshold",
    ],
    [
      'a malformed file',
      'META\nkey;value\nbudget;20\nPROJECTS\nproject_id;cost\n1;ten\n',
      "line 6: cost of project 1 is not a number: 'ten'",
    ],
    [
      'no VOTES section',
      'META\nkey;value\nbudget;20\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\n1;10\n',
      'the file has no VOTES section',
    ],
    ['an empty file', '', 'the file has no META section'],
  ])('%s', (_label, text, reason) => {
    expect(tallyPbText(text)).toMatchObject({ ok: false, reason })
  })
})
