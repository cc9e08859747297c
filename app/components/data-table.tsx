import type { ReactNode } from 'react'

export type DataTableColumn<Row> = {
  /** Stable React key for the column (not shown). */
  key: string
  header: ReactNode
  cell: (row: Row) => ReactNode
  /** The cell that names the row (a reference, a person): `<th scope="row">`, so screen readers announce it with every cell. */
  rowHeader?: boolean
}

type DataTableProps<Row> = {
  caption: ReactNode
  /** When the page heading already says what the table is: the caption stays for screen readers only. */
  captionHidden?: boolean
  columns: DataTableColumn<Row>[]
  rows: readonly Row[]
  rowKey: (row: Row) => string | number
  /** A class for a row that needs attention (e.g. `row--overdue`); say it in a cell too, colour alone is not enough. */
  rowClassName?: (row: Row) => string | undefined
  /** Shown instead of the table when there are no rows; without it an empty table keeps its caption and headers. */
  empty?: ReactNode
  className?: string
}

/**
 * The one staff/account list table: a caption, column headers with scope="col", one row per item.
 * Every list page used to hand-write this shape, and some forgot the caption or the scope.
 */
export function DataTable<Row>({ caption, captionHidden, columns, rows, rowKey, rowClassName, empty, className }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <p className="data-table__empty">{empty}</p>
  return (
    <table className={className ? `data ${className}` : 'data'}>
      <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.key} scope="row">
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.key}>{c.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
