import http from 'node:http'
import autocannon from 'autocannon'

/** Waits until the server answers 200 at `url`. */
export function waitFor(url: string, ms = 180_000) {
  const until = Date.now() + ms
  return new Promise<void>((resolve, reject) => {
    const tick = () =>
      http
        .get(url, (res) => {
          res.resume()
          if (res.statusCode === 200) resolve()
          else setTimeout(tick, 500)
        })
        .on('error', () => (Date.now() > until ? reject(new Error(`server did not start: ${url}`)) : setTimeout(tick, 500)))
    tick()
  })
}

/** One autocannon run with the bench's connections and duration. */
export function cannon(defaults: { connections: number; duration: number }, opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ ...defaults, ...opts }, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

/** Errors are failed connections and time-outs; answers other than 2xx are counted by class, apart. */
export const fig = (r: autocannon.Result) => ({
  rps: Math.round(r.requests.average),
  p99: r.latency.p99,
  errors: r.errors + r.timeouts,
  status: { '2xx': r['2xx'], '3xx': r['3xx'], '4xx': r['4xx'], '5xx': r['5xx'] },
})
