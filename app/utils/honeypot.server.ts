/** Name of the hidden field in public forms; people never see or fill it, bots often do. */
export const HONEYPOT_FIELD = 'website'

/** Throws a 400 Response when the honeypot field was filled. Call first in public actions. */
export function checkHoneypot(formData: FormData) {
  const value = formData.get(HONEYPOT_FIELD)
  if (typeof value === 'string' && value.trim() !== '') {
    throw new Response('Bad request', { status: 400 })
  }
}
