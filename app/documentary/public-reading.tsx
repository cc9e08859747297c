import { useTranslation } from 'react-i18next'
import { useNonce } from '~/utils/nonce-provider'
import { READING_SCRIPT } from './reading-script'

/**
 * What the documentary's reading pages add when JavaScript runs. The pages ship no Remix
 * scripts (JavaScript budget, app/seo/public-pages.ts): these elements are rendered hidden, the
 * same for every reader (so the page can be kept), and the inline reading script
 * (reading-script.ts) fills them from what THIS browser remembers. Without JavaScript they stay
 * hidden and the pages are complete. `suppressHydrationWarning`: where staff pages hydrate,
 * the script may already have filled them.
 */

/** On the chapter page: a link back to the block last read, when this browser remembers one and the reader did not come to a block already. */
export function ContinueHere() {
  const { t } = useTranslation('documentary')
  return (
    <p className="doc-continue" hidden data-doc-continue="" suppressHydrationWarning>
      <a href="#na-het-lezen" className="button" suppressHydrationWarning>
        {t('documentary:public.chapter.continueHere')}
      </a>
    </p>
  )
}

/** On the list of chapters: "continue reading <chapter>", when this browser remembers one that is still listed (links carry `data-doc-slug`). */
export function ContinueReading() {
  const { t } = useTranslation('documentary')
  const template = t('documentary:public.index.continue', { title: '{title}' })
  return (
    <p className="doc-continue" hidden data-doc-continue-list="" data-template={template} suppressHydrationWarning>
      <a href="/documentaire" className="button button--primary" suppressHydrationWarning>
        {template}
      </a>
    </p>
  )
}

/** The reading script, inline with the page's nonce (the policy names it; kept pages carry theirs). */
export function ReadingScript() {
  const nonce = useNonce()
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: READING_SCRIPT }} />
}
