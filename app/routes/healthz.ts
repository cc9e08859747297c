import { getPortalHealth } from '~/health/health.server'

export async function loader() {
  const health = await getPortalHealth()
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
