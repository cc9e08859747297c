import type { LinksFunction } from '@remix-run/node'
import chartStyles from './charts.css'

export { BarChart } from './bar-chart'
export { LineChart } from './line-chart'
export type { ChartDatum } from './chart-data'

/** The stylesheet a page with charts adds to its `links`. */
export const chartLinks: LinksFunction = () => [{ rel: 'stylesheet', href: chartStyles }]
