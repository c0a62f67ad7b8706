import { accountability } from './participation/queries.server'
import type { AccountabilityEntry } from './types'

/**
 * The whole accountability view: every participation item's report-back (the participation core) and
 * every other promised update a module registers (ServerManifest.accountability), newest promise first.
 */
export async function allAccountability(now = new Date()): Promise<AccountabilityEntry[]> {
  const core = (await accountability()).map((r): AccountabilityEntry => ({
    key: `item-${r.id}`,
    kind: r.kind,
    title: r.title,
    href: r.href,
    closedAt: r.closedAt,
    reportBackBy: r.reportBackBy,
    reportedAt: r.reportedAt,
    status: r.status,
  }))
  // Loaded when asked: the registry lists the participation module, whose API calls this (no import cycle).
  const { serverModules } = await import('./registry.server')
  const more = (await Promise.all(serverModules.map((m) => m.accountability?.(now) ?? Promise.resolve([])))).flat()
  return [...core, ...more].sort((a, b) => b.reportBackBy.localeCompare(a.reportBackBy) || a.key.localeCompare(b.key))
}
