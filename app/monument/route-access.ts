import type { RouteAccess } from '~/auth/route-matrix'

/** Access rules of the monument capability's routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {}
