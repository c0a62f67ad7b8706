import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sharedDataFolder } from '../tally/shared-data'
import { parsePb } from './parse'
import type { PbFile } from './types'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const sampleDir = sharedDataFolder('pabulib') ?? path.resolve(repoRoot, '../shared/data/pabulib')
const sampleFiles = readdirSync(sampleDir).filter((f) => f.endsWith('.pb'))

function parseOk(text: string): PbFile {
  const result = parsePb(text)
  if (!result.ok) throw new Error(`unexpected parse error: line ${result.error.line}: ${result.error.reason}`)
  return result.file
}

function parseError(text: string): { line: number; reason: string } {
  const result = parsePb(text)
  if (result.ok) throw new Error('expected a parse error')
  return result.error
}

describe('parsePb on the sample files', () => {
  it('finds the six sample files', () => {
    expect(sampleFiles.length).toBe(6)
  })

  for (const name of sampleFiles) {
    it(`parses ${name} consistently with its META counts`, () => {
      const file = parseOk(readFileSync(path.join(sampleDir, name), 'utf8'))
      expect(file.projects.length).toBe(Number(file.meta.num_projects))
      expect(file.votes.length).toBe(Number(file.meta.num_votes))
      // The published per-project vote counts must match the VOTES section.
      const counted = new Map<string, number>()
      for (const vote of file.votes) for (const id of vote.vote) counted.set(id, (counted.get(id) ?? 0) + 1)
      for (const project of file.projects) expect(counted.get(project.id) ?? 0).toBe(project.votes)
    })
  }

  it('reads typed fields from Częstochowa (cumulative, points, optional sex)', () => {
    const file = parseOk(readFileSync(path.join(sampleDir, 'Poland_Czestochowa_2024_Podjasnogorska.pb'), 'utf8'))
    expect(file.meta.vote_type).toBe('cumulative')
    expect(file.projects[0]).toMatchObject({ id: '112', cost: 120000, votes: 73, score: 627, selected: 1 })
    expect(file.votes[1]).toEqual({
      voterId: '47',
      vote: ['611', '662'],
      points: [5, 5],
      sex: 'F',
      voting_method: 'internet',
    })
  })
})

describe('parsePb robustness', () => {
  const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n'

  it('accepts a BOM, CRLF, quoted fields, decimal commas, spaces and missing optional columns', () => {
    const text =
      '\ufeff' +
      crlf([
        'META',
        'key; value',
        'budget; 1000,5',
        'vote_type;approval',
        'rule;greedy',
        'comment;#1: free text; with a semicolon',
        'PROJECTS',
        'project_id;cost;name',
        '1;250,75;"Park ""De Wei""; fase 2"',
        '2;1 000;',
        'VOTES',
        'voter_id;vote',
        'a;1,2',
        'b; 2 ',
      ])
    const file = parseOk(text)
    expect(file.meta).toEqual({
      budget: '1000,5',
      vote_type: 'approval',
      rule: 'greedy',
      comment: '#1: free text; with a semicolon',
    })
    expect(file.projects).toEqual([
      { id: '1', cost: 250.75, name: 'Park "De Wei"; fase 2' },
      { id: '2', cost: 1000 },
    ])
    expect(file.votes).toEqual([
      { voterId: 'a', vote: ['1', '2'] },
      { voterId: 'b', vote: ['2'] },
    ])
    expect(file.format).toEqual({ eol: '\r\n', finalNewline: true })
  })

  it('keeps a quoted field that spans lines and counts lines correctly after it', () => {
    const text = ['META', 'key;value', 'description;"two', 'lines"', 'PROJECTS', 'project_id;cost', 'x;oops'].join('\n')
    expect(parseError(text)).toEqual({ line: 7, reason: "cost of project x is not a number: 'oops'" })
  })

  it('treats a project file without VOTES as valid (projects-only export)', () => {
    const file = parseOk('META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\n')
    expect(file.hasVotesSection).toBe(false)
    expect(file.votes).toEqual([])
  })

  it.each([
    ['text before META', 'hello\nMETA\nkey;value\n', 1, 'content before the first section (expected META)'],
    ['no META section', 'PROJECTS\nproject_id;cost\n1;5\n', 0, 'the file has no META section'],
    ['no PROJECTS section', 'META\nkey;value\nbudget;1\n', 0, 'the file has no PROJECTS section'],
    ['missing cost column', 'META\nkey;value\nPROJECTS\nproject_id;name\n1;x\n', 4, "PROJECTS header lacks the required column 'cost'"],
    ['bad cost', 'META\nkey;value\nPROJECTS\nproject_id;cost\n1;12abc\n', 5, "cost of project 1 is not a number: '12abc'"],
    [
      'too many fields',
      'META\nkey;value\nPROJECTS\nproject_id;cost\n1;5;extra\n',
      5,
      "row has 3 fields but the header has 2 (unquoted ';' in a value?)",
    ],
    ['duplicate project', 'META\nkey;value\nPROJECTS\nproject_id;cost\n1;5\n1;6\n', 6, 'project_id 1 appears twice'],
    ['unterminated quote', 'META\nkey;value\nPROJECTS\nproject_id;cost;name\n1;5;"open\n', 5, 'a quoted field is never closed'],
    ['duplicate META key', 'META\nkey;value\nbudget;1\nbudget;2\n', 4, "META key 'budget' appears twice"],
    ['section without header', 'META\nPROJECTS\nproject_id;cost\n', 2, 'META section has no header row'],
    [
      'points/vote length mismatch',
      'META\nkey;value\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote;points\nv;1;2,3\n',
      8,
      'voter v lists 1 projects but 2 points',
    ],
  ])('reports %s with its line', (_label, text, line, reason) => {
    expect(parseError(text)).toEqual({ line, reason })
  })

  it('never throws, whatever the input', () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const alphabet = ['META', 'PROJECTS', 'VOTES', ';', '"', '\n', '\r\n', ',', '1', 'x', ' ', '\ufeff', 'key;value']
    for (let i = 0; i < 500; i++) {
      let text = ''
      const length = Math.floor(random() * 40)
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)]
      expect(() => parsePb(text)).not.toThrow()
    }
  })
})
