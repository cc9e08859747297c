import type { LoaderFunctionArgs } from '@remix-run/node'
import { ContentPage } from '~/components/content-page'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['pages'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await getPageTitle(request, 'accessibility.title') }
}

export default function Page() {
  return <ContentPage page="accessibility" />
}
