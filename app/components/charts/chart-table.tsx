import { DataTable } from '~/components/data-table'
import type { ChartProps } from './chart-data'

/** The figures of a chart as a table: the chart's equal for screen readers, keyboards and print. */
export function ChartTable({ title, data, labelHeader, valueHeader, empty }: Omit<ChartProps, 'description'>) {
  return (
    <DataTable
      caption={title}
      rows={data}
      rowKey={(d) => d.key}
      columns={[
        { key: 'label', header: labelHeader, cell: (d) => d.label, rowHeader: true },
        { key: 'value', header: valueHeader, cell: (d) => d.display },
      ]}
      empty={empty}
    />
  )
}
