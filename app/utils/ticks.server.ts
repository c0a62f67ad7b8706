import { serverModules } from '~/modules/registry.server'
import { sendNotificationDigests } from '~/modules/engagement/engagement.server'
import type { Tick } from '~/modules/types'
import { log as logger } from './log.server'
import { describeError } from './input-gate.server'

/*
 * The clock: runs every module's ticks (date-driven transitions) once at start and then every
 * `STEM_TICK_SECONDS` (30 by default). Reading a page never writes; an item nobody looks at still opens,
 * closes or is archived on its date, and the home page and accountability feed are right for everyone.
 */

let timer: NodeJS.Timeout | undefined
let running: Promise<void> | undefined

/** The core's own: the daily digest of notifications (it sends nothing before 07:00 or twice a day). */
const coreTicks: Tick[] = [{ name: 'engagement.digest', run: (now) => sendNotificationDigests(now) }]

export function allTicks(): Tick[] {
  return [...coreTicks, ...serverModules.flatMap((m) => m.ticks ?? [])]
}

/** Runs every tick once, one after the other; a failing tick is logged and does not stop the others. */
export async function runTicks(
  now = new Date(),
  ticks = allTicks(),
  log: (message: string, error: unknown) => void = (message, error) => logger().error({ err: describeError(error) }, message),
): Promise<{ name: string; ok: boolean }[]> {
  const outcome: { name: string; ok: boolean }[] = []
  for (const tick of ticks) {
    try {
      await tick.run(now)
      outcome.push({ name: tick.name, ok: true })
    } catch (error) {
      log(`tick ${tick.name}:`, error)
      outcome.push({ name: tick.name, ok: false })
    }
  }
  return outcome
}

export function tickSeconds(): number {
  const n = Number(process.env.STEM_TICK_SECONDS ?? 30)
  return Number.isFinite(n) && n >= 1 ? n : 30
}

export async function startTicks(seconds = tickSeconds()): Promise<void> {
  if (timer) return
  const once = () => {
    if (running) return
    running = runTicks().then(
      () => undefined,
      () => undefined,
    )
    void running.finally(() => (running = undefined))
  }
  once()
  await running
  timer = setInterval(once, seconds * 1000)
  timer.unref()
}

export async function stopTicks(): Promise<void> {
  if (timer) clearInterval(timer)
  timer = undefined
  await running
}
