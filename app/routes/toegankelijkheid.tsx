import type { LoaderFunctionArgs } from '@remix-run/node'
import { ContentPage } from '~/components/content-page'
import { contentPageLoader } from '~/utils/content-page.server'
import { titleMeta } from '~/utils/meta'
import { publicPageHeaders } from '~/utils/public-page'

export const handle = { i18n: ['pages'] }
export const meta = titleMeta
export const headers = publicPageHeaders

// Called inside the loader: a module-scope call into a .server file would run in the browser.
export const loader = (args: LoaderFunctionArgs) => contentPageLoader('accessibility')(args)

export default function Page() {
  // Long statements: the headings come first as a table of contents.
  return <ContentPage page="accessibility" toc />
}
