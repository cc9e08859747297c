import type { MetaFunction } from '@remix-run/node'

/** Pages put their translated title in loader data; this turns it into <title>. */
export const titleMeta: MetaFunction = ({ data }) => {
  const title = (data as { title?: string } | undefined)?.title
  return title ? [{ title }] : []
}
