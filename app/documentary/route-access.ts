import type { RouteAccess } from '~/auth/route-matrix'

/** Access rules of the documentary routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {}
