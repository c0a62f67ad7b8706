// The few parts of oidc-provider 9 (no bundled types) the stand-in broker uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  interface Grant {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }
  interface Interaction {
    uid: string
    params: Record<string, unknown>
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & {
      interactions?: { url: (ctx: unknown, interaction: { uid: string }) => string }
      findAccount?: (ctx: unknown, id: string) => { accountId: string; claims: () => Record<string, unknown> }
    })
    proxy: boolean
    Grant: new (input: { accountId: string; clientId: string }) => Grant
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: Record<string, unknown>): Promise<void>
  }
}
