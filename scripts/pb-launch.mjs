/**
 * `npm run pb`: starts scripts/pb.ts without tsx's start-up cost (about 0.5–1 s
 * of a 1.2 s `pb tally` of a 70,000-ballot file; issue 21).
 *
 * - `tally` and help run from one esbuild bundle of scripts/pb.ts in
 *   .cache/pb/ (git-ignored), built with the esbuild that Remix already
 *   installs. The bundle is rebuilt only when one of its source files (listed
 *   with their size and modification time in .cache/pb/inputs.json, from
 *   esbuild's metafile) or tsconfig.json changed, or esbuild's version; a check
 *   is a stat per file, about a millisecond. Builds are written under a
 *   temporary name and renamed, so runs at the same moment never read half a file.
 * - `import` runs through tsx as before: it opens the database, whose code finds
 *   its migrations beside its own source file, which a bundle would move.
 *
 * Plain JavaScript on purpose: this file is what runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const entry = path.join(root, 'scripts', 'pb.ts')
const cacheDir = path.join(root, '.cache', 'pb')
const bundle = path.join(cacheDir, 'pb.mjs')
const manifest = path.join(cacheDir, 'inputs.json')
/** Bump when the build options below change, so that old bundles are not reused. */
const BUILD_FORMAT = 1
/** Only reached by `import`, which never runs from the bundle: left out of it. */
const DATABASE_MODULES = /(^|\/)(db\/runtime|pabulib\.server)(\.ts)?$/

const args = process.argv.slice(2)
const command = args.find((arg) => arg !== '--')

if (command === 'import') {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  const result = spawnSync(tsx, [entry, ...args], { stdio: 'inherit', cwd: process.cwd() })
  process.exitCode = result.status ?? 1
} else {
  const file = await freshBundle()
  const { main } = await import(pathToFileURL(file).href)
  try {
    process.exitCode = await main(args)
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  }
}

function esbuildVersion() {
  try {
    return JSON.parse(readFileSync(path.join(root, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version
  } catch {
    return 'unknown'
  }
}

function stamp(file) {
  try {
    const stat = statSync(file)
    return `${stat.size}:${stat.mtimeMs}`
  } catch {
    return 'missing'
  }
}

/** True when the cached bundle was built from exactly the files as they are now. */
function isFresh(version) {
  let recorded
  try {
    recorded = JSON.parse(readFileSync(manifest, 'utf8'))
  } catch {
    return false
  }
  if (recorded.format !== BUILD_FORMAT || recorded.esbuild !== version || stamp(bundle) !== recorded.bundle) return false
  for (const [file, was] of Object.entries(recorded.inputs)) {
    if (stamp(path.join(root, file)) !== was) return false
  }
  return true
}

async function freshBundle() {
  const version = esbuildVersion()
  if (isFresh(version)) return bundle
  const { build } = await import('esbuild')
  mkdirSync(cacheDir, { recursive: true })
  const temporary = path.join(cacheDir, `pb.${process.pid}.mjs`)
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    outfile: temporary,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'database-modules-external',
        setup(on) {
          on.onResolve({ filter: DATABASE_MODULES }, (resolve) => ({ path: resolve.path, external: true }))
        },
      },
    ],
  })
  renameSync(temporary, bundle)
  const inputs = {}
  for (const file of [...Object.keys(result.metafile.inputs), 'tsconfig.json']) inputs[file] = stamp(path.join(root, file))
  const record = { format: BUILD_FORMAT, esbuild: version, bundle: stamp(bundle), inputs }
  const temporaryManifest = path.join(cacheDir, `inputs.${process.pid}.json`)
  writeFileSync(temporaryManifest, `${JSON.stringify(record, null, 1)}\n`)
  renameSync(temporaryManifest, manifest)
  return bundle
}
