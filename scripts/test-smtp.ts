/**
 * A real SMTP server for tests (the smtp-server package), on a free port of this machine: the unit suite,
 * the kill -9 delivery test and the end-to-end server all receive Stem's e-mail through it, exactly as a
 * mail provider would. Only for tests.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string
  /** The whole message as sent: headers and body (quoted-printable as on the wire). */
  data: string
  receivedAt: string
}

/** A header's value from a received message (the first line only; long headers fold). */
export function headerOf(mail: Pick<ReceivedMail, 'data'>, name: string): string {
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(mail.data)?.[1]?.trim() ?? ''
}

export async function startTestSmtp(
  options: {
    /** Wait this long before accepting each message, like a real server (so a kill can land mid-batch). */
    delayMs?: number
    /** Asked per message: true makes the server refuse it with a temporary error (451). */
    refuse?: () => boolean
    host?: string
    port?: number
  } = {},
): Promise<{ port: number; received: ReceivedMail[]; close: () => Promise<void> }> {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = ''
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()))
      stream.on('end', () => {
        if (options.refuse?.()) return callback(new Error('451 try again later'))
        const accept = () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data, receivedAt: new Date().toISOString() })
          callback()
        }
        if (options.delayMs) setTimeout(accept, options.delayMs)
        else accept()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
