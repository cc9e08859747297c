import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { isLng } from '~/i18n/config'
import { languageCookie } from '~/i18n/i18next.server'
import { safeRedirectPath } from '~/utils/redirect'

const LanguageSchema = z.object({
  lng: z.string().refine(isLng),
  redirectTo: z.string().optional(),
})

/** The language switcher posts here; the choice is kept in a cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData())
  const parsed = LanguageSchema.safeParse(form)
  const to = safeRedirectPath(typeof form.redirectTo === 'string' ? form.redirectTo : '/')
  if (!parsed.success) return redirect(to)
  return redirect(to, { headers: { 'Set-Cookie': await languageCookie.serialize(parsed.data.lng) } })
}

export function loader() {
  return redirect('/')
}
