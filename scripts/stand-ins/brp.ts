import { createServer, type Server } from 'node:http'

/*
 * STAND-IN for the BRP (Haal Centraal "BRP bevragen" v2) — for tests and the demo only, with synthetic
 * people. It answers POST /personen with a RaadpleegMetBurgerservicenummer question in the published
 * format and nothing else. Never point production at it.
 */

export interface StandInPerson {
  postcode: string
  huisnummer: number
  huisletter?: string
  huisnummertoevoeging?: string
  geboortedatum: string
}

export interface BrpStandIn {
  url: string
  people: Map<string, StandInPerson>
  close(): Promise<void>
}

export async function startBrpStandIn(port = 0, people = new Map<string, StandInPerson>()): Promise<BrpStandIn> {
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify(value))
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/personen')) return send(404, { title: 'Niet gevonden', status: 404 })
      let question: { type?: string; burgerservicenummer?: string[] }
      try {
        question = JSON.parse(body) as typeof question
      } catch {
        return send(400, { title: 'Ongeldige JSON', status: 400 })
      }
      if (question.type !== 'RaadpleegMetBurgerservicenummer' || !Array.isArray(question.burgerservicenummer))
        return send(400, { title: 'Een of meerdere parameters zijn niet correct.', status: 400 })
      const personen = question.burgerservicenummer.flatMap((bsn) => {
        const p = people.get(bsn)
        if (!p) return []
        return [
          {
            burgerservicenummer: bsn,
            geboorte: { datum: { type: 'Datum', datum: p.geboortedatum } },
            verblijfplaats: {
              type: 'Adres',
              verblijfadres: {
                postcode: p.postcode,
                huisnummer: p.huisnummer,
                ...(p.huisletter ? { huisletter: p.huisletter } : {}),
                ...(p.huisnummertoevoeging ? { huisnummertoevoeging: p.huisnummertoevoeging } : {}),
              },
            },
          },
        ]
      })
      send(200, { type: 'RaadpleegMetBurgerservicenummer', personen })
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address()
  const actual = typeof address === 'object' && address ? address.port : port
  return {
    url: `http://127.0.0.1:${actual}/haalcentraal/api/brp`,
    people,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
