/**
 * Acting for a resident, the part the browser may know: the channels a helper works through. The server
 * side (who is acted for, the dossier record) is app/auth/acting.server.ts.
 */
export const CHANNELS = ['desk', 'phone', 'wijkpunt', 'paper'] as const
export type Channel = (typeof CHANNELS)[number]

/** The channel as the sentence "ingevoerd door medewerker … via <kanaal>" names it (dossier and audit log). */
export const CHANNEL_NAMES: Record<Channel, string> = { desk: 'balie', phone: 'telefoon', wijkpunt: 'wijkpunt', paper: 'papier' }

/** A helper entering a resident's input: who helps, for whom, through which channel. */
export interface ActingFor {
  helperId: string
  residentId: string
  channel: Channel
}
