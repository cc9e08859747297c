import { useId } from 'react'
import { niceMax, type ChartProps } from './chart-data'
import { ChartTable } from './chart-table'

const WIDTH = 600
const ROW = 46
const BAR = 18
const LABEL_SPACE = 84

/**
 * A horizontal bar chart drawn on the server (no JavaScript): each bar has its label above it
 * and its value beside it as text, so no meaning rests on colour or length alone; a suppressed
 * figure is a dashed outline with "< 5". The svg is one image named by its title and
 * description; the same figures stand in a table beside it.
 */
export function BarChart(props: ChartProps) {
  const { title, description, data, empty } = props
  const id = useId()
  const max = niceMax(data.map((d) => d.value))
  const span = WIDTH - LABEL_SPACE
  const height = Math.max(1, data.length) * ROW + 8
  return (
    <figure className="chart">
      <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {data.length === 0 ? (
          <text x={0} y={24} className="chart__label">
            {empty}
          </text>
        ) : null}
        {data.map((d, i) => {
          const y = i * ROW + 20
          const width = d.value === null ? span * 0.04 : Math.max(d.value > 0 ? 2 : 0, (d.value / max) * span)
          return (
            <g key={d.key}>
              <text x={0} y={y} className="chart__label">
                {d.label}
              </text>
              <rect x={0} y={y + 6} width={width} height={BAR} className={d.value === null ? 'chart__bar chart__bar--suppressed' : 'chart__bar'} />
              <text x={width + 8} y={y + 6 + BAR - 4} className="chart__value">
                {d.display}
              </text>
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
