import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sharedDataFolder } from '../tally/shared-data'
import { parsePb } from './parse'
import type { PbFile } from './types'
import { writePb } from './write'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const sampleDir = sharedDataFolder('pabulib') ?? path.resolve(repoRoot, '../shared/data/pabulib')
const sampleFiles = readdirSync(sampleDir).filter((f) => f.endsWith('.pb'))

function parseOk(text: string): PbFile {
  const result = parsePb(text)
  if (!result.ok) throw new Error(`line ${result.error.line}: ${result.error.reason}`)
  return result.file
}

describe('writePb round-trip', () => {
  it('has sample files to round-trip', () => {
    expect(sampleFiles.length).toBeGreaterThan(0)
  })

  for (const name of sampleFiles) {
    it(`round-trips ${name}: same structure, same bytes`, () => {
      const original = readFileSync(path.join(sampleDir, name), 'utf8')
      const parsed = parseOk(original)
      const written = writePb(parsed)
      expect(parseOk(written)).toEqual(parsed)
      // The samples are written canonically, so the writer reproduces them exactly.
      expect(written).toBe(original)
    })
  }

  it('quotes what needs quoting and keeps every field of a structure built in code', () => {
    const file: PbFile = {
      meta: { description: 'Budget; "centrum"', budget: '1000' },
      projects: [
        { id: 'a', cost: 10.5, name: ' leading space', selected: 1, category: 'groen,spelen' },
        { id: 'b', cost: 20 },
      ],
      votes: [
        { voterId: 'v1', vote: ['a', 'b'], points: [3, 2], age: 34, sex: 'F', district: 'Noord' },
        { voterId: 'v2', vote: [] },
      ],
      columns: { projects: ['project_id', 'cost', 'name', 'selected'], votes: ['voter_id', 'vote', 'points'] },
      hasVotesSection: true,
    }
    const text = writePb(file)
    expect(text).toBe(
      [
        'META',
        'key;value',
        'description;"Budget; ""centrum"""',
        'budget;1000',
        'PROJECTS',
        'project_id;cost;name;selected;category',
        'a;10.5;" leading space";1;groen,spelen',
        'b;20;;;',
        'VOTES',
        'voter_id;vote;points;age;sex;district',
        'v1;a,b;3,2;34;F;Noord',
        'v2;;;;;',
        '',
      ].join('\n'),
    )
    const { columns: _columns, format: _format, ...reparsed } = parseOk(text)
    const { columns: _c, ...expected } = file
    expect(reparsed).toEqual(expected)
  })

  it('honours an explicit line ending', () => {
    const file = parseOk('META\nkey;value\nPROJECTS\nproject_id;cost\n1;5\n')
    expect(writePb(file, { eol: '\r\n', finalNewline: false })).toBe('META\r\nkey;value\r\nPROJECTS\r\nproject_id;cost\r\n1;5')
  })
})
