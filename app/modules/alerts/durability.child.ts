/**
 * The alerts worker as a separate process, for the durability test: it opens the database given in the
 * environment (DATABASE_URL, or the embedded folder in STEM_DATA_DIR), runs match → deliver → send in
 * small batches against the SMTP server on SMTP_PORT, and exits when there is nothing left.
 */
import nodemailer from 'nodemailer'
import { sql } from 'drizzle-orm'
import { openDatabase } from '~db/client'
import { setDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { deliverDueEmails } from '~/utils/mail.server'
import { deliverPending, matchNextPublication } from './worker.server'

const handle = await openDatabase(
  process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, max: 2 } : { dataDir: process.env.STEM_DATA_DIR!, loadDataDir: undefined },
)
setDatabase(handle)
const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: Number(process.env.SMTP_PORT), secure: false, ignoreTLS: true })
let idle = 0
while (idle < 3) {
  const matched = await matchNextPublication()
  const delivered = await deliverPending(4)
  const sent = await deliverDueEmails(3, mailer)
  console.log(`matched=${matched ? 1 : 0} delivered=${delivered} sent=${sent}`)
  if (!matched && !delivered && !sent) {
    const [left] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from outbound_emails where sent_at is null and kind = 'alert'`),
    )
    idle = left && Number(left.n) > 0 ? 0 : idle + 1
    await new Promise((r) => setTimeout(r, 200))
  }
}
await handle.close()
process.exit(0)
