/**
 * The module boundaries of docs/architecture.md, as a check: `npm run boundaries` prints every import
 * that crosses a boundary, and scripts/boundaries.test.ts (in `npm test`) fails on any. The rules:
 *
 * 1. A module (app/modules/<m>/) imports the core and itself, never another module: the core is app/auth,
 *    app/utils, app/components, app/locales, the registry files and the core modules named in CORE_MODULES.
 *    Tests and route-case fixtures may set up other modules' data and are exempt.
 * 2. The core never imports a participation module (only the registry lists them).
 * 3. A route (app/routes/, app/root.tsx) never reaches the database or the session library itself: no
 *    `~db/`, `drizzle-orm`, `postgres`, `lucia`, no module's `db.server`, no `getDatabase` (types apart:
 *    `import type` is erased by the compiler).
 * 4. lucia is imported only inside app/auth.
 * 5. A file the browser may load (not `.server`, not a route, not a test or script) never imports a
 *    `.server` file or `~db/`.
 * 6. A route checks no role itself (`hasRole(`, `isStaff(`, `moderatedWijken(`, `.roles.some(`,
 *    `.role === '…'`): who may do what is a rule in the module's permissions.ts, asked through the one
 *    guard (`requirePermission`) or, to show or hide a part of the page, called with the actor.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const CORE_MODULES = ['areas', 'participation', 'engagement'] as const

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string
  text: string
}

export interface Violation {
  file: string
  line: number
  specifier: string
  rule: string
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:])\/\/.*$/gm, '$1')

/** Every import specifier of a source file with its line number (comments are not imports). */
export function importsOf(text: string): { specifier: string; line: number; names: string }[] {
  const code = withoutComments(text)
  const found: { specifier: string; line: number; names: string }[] = []
  for (const match of code.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!
    const line = code.slice(0, match.index).split('\n').length + (match[0].startsWith('\n') ? 1 : 0)
    found.push({ specifier, line, names: match[0] })
  }
  return found
}

/** Where a specifier points, relative to the repository root, or the bare package name. */
export function resolveSpecifier(from: string, specifier: string): string {
  if (specifier.startsWith('~/')) return `app/${specifier.slice(2)}`
  if (specifier.startsWith('~db/')) return `db/${specifier.slice(4)}`
  if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier))
  return specifier
}

const moduleOf = (p: string) => /^app\/modules\/([^/]+)\//.exec(p)?.[1] ?? null
const isTest = (p: string) => /\.test\.tsx?$|\/route-cases\.ts$|\.child\.ts$|^db\/test\/|^db\/factories\//.test(p)
const isRoute = (p: string) => p.startsWith('app/routes/') || p === 'app/root.tsx'
const isServer = (p: string) => /\.server(\.tsx?)?$|\.server\//.test(p) || p === 'app/entry.server.tsx'
const isCore = (p: string) =>
  /^app\/(auth|utils|components|locales)\//.test(p) ||
  /^app\/modules\/[^/]+\.tsx?$/.test(p) ||
  CORE_MODULES.some((m) => p.startsWith(`app/modules/${m}/`))
const isDatabase = (target: string) =>
  target.startsWith('db/') || target === 'drizzle-orm' || target.startsWith('drizzle-orm/') || target === 'postgres'
const isLucia = (target: string) => target === 'lucia' || target.startsWith('@lucia-auth/') || target.startsWith('app/auth/lucia.server')

const ROLE_CHECK = /\b(?:hasRole|isStaff|moderatedWijken)\s*\(|\.roles\s*\??\.\s*(?:some|every|includes|find|findIndex|filter|indexOf)\s*\(|\.role\s*[!=]==?\s*['"]/

/** Role checks written in a file (comments apart), with their line numbers. */
export function roleChecksOf(text: string): { line: number; text: string }[] {
  return withoutComments(text)
    .split('\n')
    .flatMap((code, i) => {
      const match = ROLE_CHECK.exec(code)
      return match ? [{ line: i + 1, text: match[0] }] : []
    })
}

/** The boundary violations in a set of files. */
export function findViolations(files: SourceFile[]): Violation[] {
  const violations: Violation[] = []
  for (const file of files) {
    if (!file.path.startsWith('app/')) continue
    if (isRoute(file.path) && !isTest(file.path)) {
      for (const check of roleChecksOf(file.text)) {
        violations.push({ file: file.path, line: check.line, specifier: check.text, rule: 'route checks a role itself' })
      }
    }
    for (const { specifier, line, names } of importsOf(file.text)) {
      const target = resolveSpecifier(file.path, specifier)
      const add = (rule: string) => violations.push({ file: file.path, line, specifier, rule })
      const own = moduleOf(file.path)
      const other = moduleOf(target)
      if (own && other && own !== other && !isTest(file.path) && !(CORE_MODULES as readonly string[]).includes(other)) {
        add(`module ${own} imports module ${other}'s internals`)
      }
      if (isCore(file.path) && !/^app\/modules\/[^/]+\.tsx?$/.test(file.path) && other && !isCore(target) && !isTest(file.path)) {
        add(`core file imports the participation module ${other}`)
      }
      const typeOnly = /^[\s;]*(import|export)\s+type\s/.test(names)
      if (isRoute(file.path) && !isTest(file.path) && !typeOnly) {
        if (isDatabase(target)) add('route reaches the database directly')
        if (/\/db\.server$/.test(target) || /\bgetDatabase\b/.test(names)) add('route reaches the database through a module')
      }
      if (isLucia(target) && !file.path.startsWith('app/auth/')) add('lucia is used outside app/auth')
      if (!typeOnly && !isServer(file.path) && !isRoute(file.path) && !isTest(file.path) && (isServer(target) || isDatabase(target))) {
        add('browser code imports server code')
      }
    }
  }
  return violations
}

/** The source files of the application, read from disk. */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`
      if (entry.isDirectory()) walk(rel)
      else if (/\.tsx?$/.test(entry.name)) files.push({ path: rel, text: readFileSync(path.join(root, rel), 'utf8') })
    }
  }
  walk('app')
  return files
}

if (process.argv[1] && import.meta.url === `file://${path.resolve(process.argv[1])}`) {
  const violations = findViolations(readSources(process.cwd()))
  for (const v of violations) console.log(`${v.file}:${v.line} ${v.specifier} — ${v.rule}`)
  console.log(JSON.stringify({ files: readSources(process.cwd()).length, violations: violations.length }))
  process.exit(violations.length ? 1 : 0)
}
