import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { BarChart, LineChart, type ChartDatum } from './index'
import { niceMax } from './chart-data'

const data: ChartDatum[] = [
  { key: 'a', label: 'Pleeggezin', value: 12, display: '12' },
  { key: 'b', label: 'Leefgroep', value: null, display: '< 5' },
  { key: 'c', label: 'Gesloten jeugdzorg', value: 0, display: '0' },
]
const props = { title: 'Per soort plek', description: 'Staafdiagram van het aantal verhalen.', data, labelHeader: 'Soort plek', valueHeader: 'Aantal', empty: 'Niets' }

function labelledBy(html: string) {
  const ids = /<svg[^>]*aria-labelledby="([^"]+)"/.exec(html)?.[1]?.split(' ') ?? []
  return ids.map((id) => new RegExp(`id="${id.replace(/[:]/g, '\\:')}"[^>]*>([^<]*)<`).exec(html)?.[1])
}

describe.each([
  ['BarChart', BarChart],
  ['LineChart', LineChart],
])('%s', (_name, Chart) => {
  const html = renderToStaticMarkup(<Chart {...props} />)

  it('is one image named by its title and description (SVG title and desc)', () => {
    expect(html).toMatch(/<svg[^>]*role="img"/)
    expect(labelledBy(html)).toEqual(['Per soort plek', 'Staafdiagram van het aantal verhalen.'])
    expect(html).toContain('<title id=')
    expect(html).toContain('<desc id=')
  })

  it('has the same figures in a table beside it, with a caption and scoped headers', () => {
    const table = html.slice(html.indexOf('<table'))
    expect(table).toContain('<caption>Per soort plek</caption>')
    expect(table).toContain('<th scope="col">Soort plek</th><th scope="col">Aantal</th>')
    expect(table).toContain('<tr><th scope="row">Pleeggezin</th><td>12</td></tr>')
    expect(table).toContain('<tr><th scope="row">Leefgroep</th><td>&lt; 5</td></tr>')
    expect(html.indexOf('<table')).toBeGreaterThan(html.indexOf('</svg>'))
  })

  it('writes every value as text in the picture, so nothing rests on colour or size alone', () => {
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'))
    for (const d of data) expect(svg).toContain(`>${d.display.replace('<', '&lt;')}</text>`)
    expect(svg).not.toMatch(/\b(fill|stroke)="#/)
    expect(svg).not.toContain('style=')
  })

  it('draws a suppressed figure as an outline marker, not as a number', () => {
    expect(html).toMatch(/class="chart__(bar|point) chart__(bar|point)--suppressed"/)
  })

  it('says so when there is nothing to chart', () => {
    const empty = renderToStaticMarkup(<Chart {...props} data={[]} />)
    expect(empty).toContain('>Niets</text>')
    expect(empty).toContain('Niets</p>')
  })
})

describe('the line chart', () => {
  it('breaks the line at a suppressed point instead of drawing it as zero', () => {
    const months: ChartDatum[] = ['01', '02', '03', '04', '05'].map((m, i) => ({ key: m, label: `2026-${m}`, value: i === 2 ? null : 10 + i, display: i === 2 ? '< 5' : String(10 + i) }))
    const html = renderToStaticMarkup(<LineChart {...props} data={months} />)
    expect(html.match(/<polyline/g)).toHaveLength(2)
  })
})

describe('niceMax', () => {
  it('rounds the top of the scale up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax([])).toBe(1)
    expect(niceMax([null, 0])).toBe(1)
    expect(niceMax([3])).toBe(5)
    expect(niceMax([12, null])).toBe(20)
    expect(niceMax([100])).toBe(100)
    expect(niceMax([501])).toBe(1000)
  })
})
