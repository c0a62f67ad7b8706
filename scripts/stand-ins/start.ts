import { randomBytes } from 'node:crypto'
import { startBrokerStandIn, type BrokerStandIn } from './broker'
import { startBrpStandIn, type BrpStandIn, type StandInPerson } from './brp'

/*
 * STAND-INS for the end-to-end server and the demo: the identity broker (DigiD and eHerkenning) and the
 * BRP, started beside Stem, and the settings that point Stem at them. Synthetic people only: the BSNs are
 * in the range the RvIG keeps for tests (999…), the addresses are Stem's synthetic "Proefstraat" addresses
 * or the demo's sample address. Never for production.
 */

/** Synthetic test persons of the BRP stand-in. A BSN that is not listed is "not found" at the BRP. */
export const STAND_IN_PEOPLE: Record<string, StandInPerson & { label: string }> = {
  // Proefstraat Binnenstad-Noord 1, 9700 SA: a synthetic address in Centrum (WK001400).
  '999990019': { label: 'Centrum, 1990 (synthetisch)', postcode: '9700SA', huisnummer: 1, geboortedatum: '1990-05-01' },
  '999990020': { label: 'Centrum, 1975 (synthetisch)', postcode: '9700SA', huisnummer: 2, geboortedatum: '1975-11-23' },
  // Martinikerkhof 3, 9712 JG: the address of the demo's verified resident (Centrum).
  '999990032': { label: 'Martinikerkhof 3, 1962 (synthetisch)', postcode: '9712JG', huisnummer: 3, geboortedatum: '1962-02-14' },
}

export interface StandIns {
  broker: BrokerStandIn
  brp: BrpStandIn
  /** The settings that point Stem at the stand-ins. */
  env: Record<string, string>
  close(): Promise<void>
}

export async function startStandIns(options: { publicUrl: string; brokerPort?: number; brpPort?: number }): Promise<StandIns> {
  const digid = { clientId: 'stem-digid-stand-in', clientSecret: randomBytes(24).toString('hex') }
  const eherkenning = { clientId: 'stem-eherkenning-stand-in', clientSecret: randomBytes(24).toString('hex') }
  const base = options.publicUrl.replace(/\/$/, '')
  const broker = await startBrokerStandIn({
    port: options.brokerPort,
    ...digid,
    redirectUris: [`${base}/inloggen/digid/terug`],
    organisationClient: { ...eherkenning, redirectUris: [`${base}/inloggen/eherkenning/terug`] },
  })
  const brp = await startBrpStandIn(options.brpPort ?? 0, new Map(Object.entries(STAND_IN_PEOPLE)))
  return {
    broker,
    brp,
    env: {
      DIGID_ISSUER: broker.issuer,
      DIGID_CLIENT_ID: digid.clientId,
      DIGID_CLIENT_SECRET: digid.clientSecret,
      EHERKENNING_ISSUER: broker.issuer,
      EHERKENNING_CLIENT_ID: eherkenning.clientId,
      EHERKENNING_CLIENT_SECRET: eherkenning.clientSecret,
      BRP_API_URL: brp.url,
      OIDC_ALLOW_HTTP: 'true',
    },
    close: async () => {
      await Promise.all([broker.close(), brp.close()])
    },
  }
}
