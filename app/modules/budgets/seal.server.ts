import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto'

/*
 * The receipt and the sealed voter → ballot link (decision 0102).
 *
 * A receipt is 12 characters from a 32-letter alphabet (60 random bits), shown once to the voter. The
 * ballot keeps only sha256(receipt), so the voter can check "my ballot counted". While an online ballot
 * may still change, the voter row keeps the ballot id encrypted (AES-256-GCM) under a key derived from
 * the receipt with scrypt and a per-seal salt: the server, staff and the database administrator cannot
 * open it; the voter opens it by typing the receipt when changing the ballot. The derivation differs from
 * the stored hash (salt, scrypt), so the seal and the ballot's hash share nothing an attacker can match.
 */

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
// N = 2^10: a few ms per seal (1,000 ballots at once must not queue on it); with 60 random bits in the
// receipt, guessing 2^59 receipts at that cost per seal is out of reach.
const SCRYPT = { N: 1024, r: 8, p: 1 }

export function newReceipt(): string {
  // 256 is a multiple of 32: every letter is equally likely.
  const chars = [...randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length]).join('')
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
}

export function normaliseReceipt(code: string): string {
  return code.replace(/[^A-Z0-9]/gi, '').toUpperCase()
}

export function hashReceipt(code: string): string {
  return createHash('sha256').update(normaliseReceipt(code)).digest('hex')
}

function keyOf(receipt: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(`budget-ballot-seal:${normaliseReceipt(receipt)}`, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

/** The ballot id, sealed so that only this receipt opens it: `salt.iv.tag.ciphertext`, base64url. */
export async function sealBallotId(receipt: string, ballotId: string): Promise<string> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', await keyOf(receipt, salt), iv)
  const body = Buffer.concat([cipher.update(ballotId, 'utf8'), cipher.final()])
  return [salt, iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
}

/** The ballot id in a seal, or null when this receipt does not open it. */
export async function openBallotSeal(receipt: string, seal: string): Promise<string | null> {
  const parts = seal.split('.').map((p) => Buffer.from(p, 'base64url'))
  if (parts.length !== 4) return null
  const [salt, iv, tag, body] = parts as [Buffer, Buffer, Buffer, Buffer]
  try {
    const decipher = createDecipheriv('aes-256-gcm', await keyOf(receipt, salt), iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
