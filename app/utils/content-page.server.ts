import type { LoaderFunctionArgs } from '@remix-run/node'
import { getPageTitle } from '~/i18n/meta.server'

/** Loader of a plain-text page rendered by <ContentPage page=…>: only its title, from `pages:<page>.title`. */
export function contentPageLoader(page: string) {
  return async ({ request }: LoaderFunctionArgs) => ({ title: await getPageTitle(request, `${page}.title`) })
}
