import { hash, verify } from '@node-rs/argon2'

// Argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations).
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A fixed hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined
export function dummyPasswordCheck(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('stem-dummy-password-for-timing')
  return dummyHash.then((h) => verifyPassword(h, password)).then(() => false)
}
