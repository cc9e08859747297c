/**
 * One bar or point of a chart. `value: null` is a suppressed figure (a group too small to
 * publish): it is drawn as an outline with its `display` text ("< 5"), never as a number.
 */
export type ChartDatum = { key: string; label: string; value: number | null; display: string }

export type ChartProps = {
  title: string
  /** What the chart shows in one or two sentences: read out instead of the picture. */
  description: string
  data: readonly ChartDatum[]
  /** Column headers of the table beside the chart. */
  labelHeader: string
  valueHeader: string
  /** Said in the table's empty state and drawn as text when there is nothing to chart. */
  empty: string
}

/** A scale whose top is a round number at or above the largest value (1, 2, 5 × 10ⁿ). */
export function niceMax(values: readonly (number | null)[]): number {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null))
  if (max <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power
  return 10 * power
}
