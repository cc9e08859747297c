import { i18next } from '~/i18n/i18next.server'
import type { Lng } from '~/i18n/config'
import { renderPaperFormPdf } from './paper-form-pdf.server'
import { getOpenScheme } from './scheme-registry.server'

/** The paper form exists in the languages the scheme's texts are complete in (ADR 0032). */
export const PAPER_FORM_LANGUAGES = ['nl', 'en'] as const satisfies readonly Lng[]
type PaperLng = (typeof PAPER_FORM_LANGUAGES)[number]

/**
 * The language of the paper form: `?lang=` (the address printed in letters), then what the
 * portal uses for this visitor (`?lng=`, the language cookie, the browser), Dutch otherwise.
 */
export async function paperFormLanguage(request: Request): Promise<PaperLng> {
  const asked = new URL(request.url).searchParams.get('lang') ?? (await i18next.getLocale(request))
  return (PAPER_FORM_LANGUAGES as readonly string[]).includes(asked) ? (asked as PaperLng) : 'nl'
}

// A published scheme version never changes (scheme-registry), so one rendering per version and
// language serves every request; a new version or text deploy starts a new process.
const cache = new Map<string, Promise<Buffer>>()

/** The open scheme's paper form as a PDF, or null when no scheme takes applications. */
export async function getPaperFormPdf({ lng }: { lng: PaperLng }): Promise<{ pdf: Buffer; fileName: string } | null> {
  const scheme = await getOpenScheme()
  if (!scheme) return null
  const key = `${scheme.config.code}@${scheme.config.version}:${lng}`
  let pdf = cache.get(key)
  if (!pdf) {
    pdf = renderPaperFormPdf({ scheme: scheme.config, lng })
    cache.set(key, pdf)
    pdf.catch(() => cache.delete(key))
  }
  return { pdf: await pdf, fileName: lng === 'nl' ? `aanvraagformulier-${scheme.config.code}.pdf` : `application-form-${scheme.config.code}.pdf` }
}
