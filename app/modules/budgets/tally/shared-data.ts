/**
 * Where the real elections of `../shared/data` are (see each folder's SOURCE.md): beside the repository
 * (`<repo>/../shared/data`), or one level higher for a work tree in `/work/wt/<name>`. Used by tests and
 * the tally benchmark only; the files are read in place, never copied into the repository.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))

/** Absolute path of `../shared/data/<folder>` relative to the repository root, or undefined when absent. */
export function sharedDataFolder(folder: string): string | undefined {
  for (const base of ['../shared/data', '../../shared/data']) {
    const candidate = path.resolve(repoRoot, base, folder)
    if (existsSync(candidate)) return candidate
  }
  return undefined
}
