import type { LoaderFunctionArgs } from '@remix-run/node'
import { ContentPage } from '~/components/content-page'
import { contentPageLoader } from '~/utils/content-page.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['pages'] }
export const meta = titleMeta

// Called inside the loader: a module-scope call into a .server file would run in the browser.
export const loader = (args: LoaderFunctionArgs) => contentPageLoader('quickExit')(args)

/** What "Snel weg" does, and how to clear the history it cannot clear without JavaScript. */
export default function Page() {
  return <ContentPage page="quickExit" toc />
}
