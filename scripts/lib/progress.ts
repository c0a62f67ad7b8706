import cliProgress from 'cli-progress'
import type { ImportReport } from '../../app/modules/areas/import.server'

/** A progress bar on a terminal; plain silence when the output is a file or CI log. */
export function progressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, noTTYOutput: false, hideCursor: true },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update: (done: number, total: number) => {
      if (!started) {
        bar.start(total, 0)
        started = true
      }
      bar.update(done)
    },
    stop: () => started && bar.stop(),
  }
}

export function printReport(report: ImportReport) {
  console.log(`Imported: ${report.imported}`)
  if (report.problems.length === 0) return
  console.log(`Skipped: ${report.problems.length}`)
  for (const p of report.problems) console.log(`  row ${p.row}: ${p.reason}`)
  process.exitCode = 1
}
