import { databaseReachable } from '~/utils/health.server'

// For the load balancer: the process is up and can reach its database.
export async function loader() {
  if (await databaseReachable()) return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
  return new Response('database unreachable', { status: 503 })
}
