import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { DataTable, type DataTableColumn } from './data-table'

type Row = { id: number; name: string; role: string }
const columns: DataTableColumn<Row>[] = [
  { key: 'name', header: 'Name', cell: (r) => r.name, rowHeader: true },
  { key: 'role', header: 'Role', cell: (r) => r.role },
]

describe('DataTable', () => {
  it('renders a caption, scoped column headers and one row per item', () => {
    const html = renderToStaticMarkup(
      <DataTable caption="Staff" columns={columns} rows={[{ id: 1, name: 'Ada', role: 'admin' }]} rowKey={(r) => r.id} />,
    )
    expect(html).toContain('<caption>Staff</caption>')
    expect(html).toContain('<th scope="col">Name</th><th scope="col">Role</th>')
    expect(html).toContain('<tr><th scope="row">Ada</th><td>admin</td></tr>')
  })

  it('hides the caption visually only when asked', () => {
    const html = renderToStaticMarkup(<DataTable caption="Staff" captionHidden columns={columns} rows={[]} rowKey={(r) => r.id} />)
    expect(html).toContain('<caption class="visually-hidden">Staff</caption>')
  })

  it('shows the empty state instead of the table when there are no rows and one is given', () => {
    const html = renderToStaticMarkup(<DataTable caption="Staff" columns={columns} rows={[]} rowKey={(r) => r.id} empty="Nobody yet" />)
    expect(html).toBe('<p class="data-table__empty">Nobody yet</p>')
  })

  it('keeps an empty table with its headers when no empty state is given', () => {
    const html = renderToStaticMarkup(<DataTable caption="Staff" columns={columns} rows={[]} rowKey={(r) => r.id} />)
    expect(html).toContain('<tbody></tbody>')
  })

  it('marks a row with the class it is given, and no other row', () => {
    const rows = [
      { id: 1, name: 'Ada', role: 'admin' },
      { id: 2, name: 'Bob', role: 'triage' },
    ]
    const html = renderToStaticMarkup(
      <DataTable caption="Staff" columns={columns} rows={rows} rowKey={(r) => r.id} rowClassName={(r) => (r.role === 'admin' ? 'row--overdue' : undefined)} />,
    )
    expect(html).toContain('<tr class="row--overdue"><th scope="row">Ada</th>')
    expect(html).toContain('<tr><th scope="row">Bob</th>')
  })
})
