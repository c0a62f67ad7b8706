import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { ACTIVITY_TITLES, giveActivityEverywhere } from '~db/factories/activity'
import { dataExports, outboundEmails } from '~db/schema'
import { createSessionCookie } from '~/auth/session.server'
import { loader as downloadLoader } from '~/routes/mijn.gegevens_.download.$token'
import { allTicks, runTicks } from '~/utils/ticks.server'
import { claimExportForTest, requestExport } from './export.server'

const exportTick = () => allTicks().filter((t) => t.name === 'dossier.exports')

async function download(cookie: string, token: string) {
  try {
    return (await downloadLoader({
      request: new Request(`http://stem.test/mijn/gegevens/download/${token}`, { headers: { Cookie: cookie } }),
      params: { token },
      context: { clientIp: '1' },
    })) as Response
  } catch (thrown) {
    return thrown as Response
  }
}

describe('taking my data', () => {
  it('is prepared by the clock once, even after a worker died, announced by e-mail, and downloadable by its owner until it expires', async () => {
    const { db } = getDatabase()
    const user = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    await giveActivityEverywhere(db, user.id, user.email)
    const t0 = new Date('2027-05-01T10:00:00Z')
    await requestExport(user.id, t0)
    await requestExport(user.id, t0)
    expect(await db.select().from(dataExports).where(eq(dataExports.userId, user.id))).toHaveLength(1)

    // A worker claims it and dies: its lease holds the job until it runs out, then another takes over.
    expect(await claimExportForTest(t0)).not.toBeNull()
    await runTicks(new Date(t0.getTime() + 60_000), exportTick())
    expect((await db.select().from(dataExports).where(eq(dataExports.userId, user.id)))[0]!.status).toBe('pending')
    await runTicks(new Date(t0.getTime() + 6 * 60_000), exportTick())
    await runTicks(new Date(t0.getTime() + 7 * 60_000), exportTick())
    const [job] = await db.select().from(dataExports).where(eq(dataExports.userId, user.id))
    expect(job).toMatchObject({ status: 'ready', attempts: 2 })

    const mails = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'data_export'))
    expect(mails).toHaveLength(1)
    expect(mails[0]!.toAddress).toBe(user.email)
    const token = /\/mijn\/gegevens\/download\/(\S+)/.exec(mails[0]!.textBody)![1]!

    // Someone else's session gets nothing.
    const other = await createUser(db)
    expect((await download((await createSessionCookie(other.id)).split(';')[0]!, token)).status).toBe(404)

    const response = await download((await createSessionCookie(user.id)).split(';')[0]!, token)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/zip')
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
    const json = JSON.parse(strFromU8(files['dossier.json']!)) as { lines: { kind: string; text: string }[] }
    const all = json.lines.map((l) => l.text).join('\n')
    for (const title of [
      ACTIVITY_TITLES.ownProposal,
      ACTIVITY_TITLES.supportedProposal,
      ACTIVITY_TITLES.consultation,
      ACTIVITY_TITLES.budget,
      ACTIVITY_TITLES.notice,
      ACTIVITY_TITLES.alert,
    ])
      expect(all).toContain(title)
    for (const kind of [
      'account',
      'proposal',
      'support',
      'comment',
      'consultation_answer',
      'budget_vote',
      'budget_idea',
      'place',
      'alert',
      'reaction',
      'contact',
      'assisted',
      'access',
      'follow',
    ])
      expect(Object.keys(files), kind).toContain(`${kind}.csv`)
    const reactions = strFromU8(files['reaction.csv']!)
    expect(reactions).toContain('Ik maak bezwaar tegen de hoogte.')
    expect(strFromU8(files['budget_vote.csv']!)).not.toContain('Project A')

    // After the link's days the archive is gone.
    await runTicks(new Date(t0.getTime() + 8 * 24 * 3600_000), exportTick())
    expect(await db.select().from(dataExports).where(eq(dataExports.userId, user.id))).toHaveLength(0)
    expect((await download((await createSessionCookie(user.id)).split(';')[0]!, token)).status).toBe(404)
  })
})
