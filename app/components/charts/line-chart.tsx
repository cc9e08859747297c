import { useId } from 'react'
import { niceMax, type ChartDatum, type ChartProps } from './chart-data'
import { ChartTable } from './chart-table'

const WIDTH = 600
const HEIGHT = 240
const PAD = { top: 24, bottom: 40, start: 8, end: 8 }

/** Consecutive published points: a suppressed point breaks the line, it is not drawn as zero. */
function segments(points: Array<{ x: number; y: number | null }>) {
  const out: Array<Array<{ x: number; y: number }>> = [[]]
  for (const p of points) {
    if (p.y === null) out.push([])
    else out[out.length - 1]!.push({ x: p.x, y: p.y })
  }
  return out.filter((s) => s.length > 1)
}

/** Every label when they fit, otherwise every n-th (the table beside the chart has them all). */
function labelStep(data: readonly ChartDatum[]) {
  return Math.max(1, Math.ceil(data.length / 8))
}

/**
 * A line chart over time, drawn on the server: each point carries its value as text, a
 * suppressed point is a hollow marker on the axis with "< 5" and breaks the line. One image
 * for assistive technology (title and description), with the table beside it.
 */
export function LineChart(props: ChartProps) {
  const { title, description, data, empty } = props
  const id = useId()
  const max = niceMax(data.map((d) => d.value))
  const plotWidth = WIDTH - PAD.start - PAD.end
  const plotHeight = HEIGHT - PAD.top - PAD.bottom
  const base = PAD.top + plotHeight
  const x = (i: number) => PAD.start + (data.length <= 1 ? plotWidth / 2 : (i / (data.length - 1)) * plotWidth)
  const y = (v: number) => base - (v / max) * plotHeight
  const points = data.map((d, i) => ({ x: x(i), y: d.value === null ? null : y(d.value) }))
  const step = labelStep(data)
  return (
    <figure className="chart">
      <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <line x1={PAD.start} x2={WIDTH - PAD.end} y1={base} y2={base} className="chart__axis" />
        {data.length === 0 ? (
          <text x={PAD.start} y={PAD.top + 16} className="chart__label">
            {empty}
          </text>
        ) : null}
        {segments(points).map((s, i) => (
          <polyline key={i} points={s.map((p) => `${p.x},${p.y}`).join(' ')} className="chart__line" />
        ))}
        {data.map((d, i) => {
          const py = points[i]!.y
          return (
            <g key={d.key}>
              {py === null ? (
                <circle cx={x(i)} cy={base} r={5} className="chart__point chart__point--suppressed" />
              ) : (
                <circle cx={x(i)} cy={py} r={4} className="chart__point" />
              )}
              <text x={x(i)} y={(py ?? base) - 10} textAnchor="middle" className="chart__value">
                {d.display}
              </text>
              {i % step === 0 ? (
                <text x={x(i)} y={HEIGHT - 14} textAnchor="middle" className="chart__label">
                  {d.label}
                </text>
              ) : null}
            </g>
          )
        })}
      </svg>
      <figcaption className="chart__table">
        <ChartTable {...props} />
      </figcaption>
    </figure>
  )
}
