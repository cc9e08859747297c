import { Link } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ContentNoteGate } from '~/monument/content-note-gate'
import { StoryMediaFigure } from '~/monument/reading-story-media'
import { EntryCard } from '~/referrals/entry-card'
import { reportTitle } from './public-theme'
import type { PublicBlock, PublicChapterLink } from './public-types'

/**
 * The chapter page's parts. Everything here works without JavaScript, in plain reading order;
 * reading-script.ts adds what needs a script (where you left off, the current block).
 */

/** The chapter's content note as a gate: the story page's own gate (plain links, the reader decides), with the way back to the chapters. */
export function ChapterGate({ note }: { note: string }) {
  const { t } = useTranslation('documentary')
  return <ContentNoteGate note={note} choice={t('documentary:public.chapter.gate.choice')} back={{ to: '/documentaire', label: t('documentary:public.chapter.gate.notNow') }} />
}

function blockHeading(t: TFunction, block: PublicBlock) {
  switch (block.kind) {
    case 'story':
      return block.storyTitle || t('documentary:public.chapter.story.untitled')
    case 'medium':
      return t(`public.chapter.medium.${block.medium.kind}`)
    case 'report':
      return t('documentary:public.chapter.report.title', {
        report: reportTitle(t, block.reportRef),
      })
    case 'text':
      return t('documentary:public.chapter.text.title')
    case 'help':
      return t('documentary:public.chapter.help.title')
  }
}

/** The chapter's contents: anchors to each block (the navigator; a script marks where you are). */
export function ChapterContents({ blocks }: { blocks: PublicBlock[] }) {
  const { t } = useTranslation(['documentary', 'reading'])
  if (blocks.length < 2) return null
  return (
    <nav aria-labelledby="contents-title" className="doc-contents">
      <h2 id="contents-title" className="visually-hidden">
        {t('documentary:public.chapter.contents')}
      </h2>
      <details open>
        <summary>{t('documentary:public.chapter.contents')}</summary>
        <ol>
          {blocks.map((b) => (
            <li key={b.id}>
              <a href={`#${b.anchor}`}>
                {blockHeading(t, b)}
              </a>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  )
}

/** One block: its heading, its content note (with a way past it) and what it holds. */
export function ChapterBlock({ block, next, lang }: { block: PublicBlock; next: string; lang: string }) {
  const { t } = useTranslation(['documentary', 'reading', 'referrals'])
  const titleId = `${block.anchor}-titel`
  return (
    <section id={block.anchor} aria-labelledby={titleId} className={`doc-block doc-block--${block.kind}`} data-doc-block="">
      <h2 id={titleId}>{blockHeading(t, block)}</h2>
      {block.contentNote ? (
        <div className="doc-block-note">
          <p>
            <strong>{t('documentary:public.chapter.blockNote')}</strong> <span className="preserve-lines">{block.contentNote}</span>
          </p>
          <p className="doc-skip">
            <a href={`#${next}`}>{t('documentary:public.chapter.skip')}</a>
          </p>
        </div>
      ) : null}
      <BlockBody block={block} lang={lang} />
    </section>
  )
}

function Paragraphs({ paragraphs }: { paragraphs: string[] }) {
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i} className="preserve-lines">
          {p}
        </p>
      ))}
    </>
  )
}

function BlockBody({ block, lang }: { block: PublicBlock; lang: string }) {
  const { t } = useTranslation(['documentary', 'referrals'])
  switch (block.kind) {
    case 'story':
      return (
        <>
          <blockquote className="doc-block__excerpt">
            <Paragraphs paragraphs={block.paragraphs} />
          </blockquote>
          <p className="doc-block__source">
            {block.whole ? t('documentary:public.chapter.story.whole') : t('documentary:public.chapter.story.excerpt')}{' '}
            <Link to={`/verhalen/${block.storySlug}`}>
              {t('documentary:public.chapter.story.readAll', {
                title: block.storyTitle,
              })}
            </Link>
          </p>
        </>
      )
    case 'medium':
      return <StoryMediaFigure medium={block.medium} lang={lang} />
    case 'report':
      return (
        <>
          <blockquote className="doc-block__excerpt">
            <Paragraphs paragraphs={block.paragraphs} />
          </blockquote>
          <p className="doc-block__source">
            <Link to="/verhalen/rapporten">{t('documentary:public.chapter.report.more')}</Link>
          </p>
        </>
      )
    case 'text':
      return <Paragraphs paragraphs={block.paragraphs} />
    case 'help':
      return (
        <>
          <p>{t('documentary:public.chapter.help.lead')}</p>
          <ul className="cards">
            {block.entries.map((entry) => (
              <EntryCard key={entry.slug} entry={entry} />
            ))}
          </ul>
        </>
      )
  }
}

/** After the last block: help and the crisis line, always, whatever the chapter holds. */
export function AfterReading() {
  const { t } = useTranslation('documentary')
  return (
    <section id="na-het-lezen" aria-labelledby="after-title" className="notice">
      <h2 id="after-title">{t('documentary:public.chapter.after.title')}</h2>
      <p>{t('documentary:public.chapter.after.text')}</p>
      <p>
        <strong>{t('documentary:public.chapter.after.crisis')}</strong> <a href="tel:113">{t('common:crisis.lines.suicide.number')}</a> {t('documentary:public.chapter.after.or')}{' '}
        <a href="tel:08000113">{t('common:crisis.lines.suicide.altNumber')}</a>
      </p>
      <p>
        <Link to="/hulp">{t('documentary:public.chapter.after.more')}</Link>
      </p>
    </section>
  )
}

/** Between chapters: previous, next, and back to the list (hidden when printing). */
export function ChapterNav({ previous, next }: { previous: PublicChapterLink | null; next: PublicChapterLink | null }) {
  const { t } = useTranslation('documentary')
  return (
    <nav aria-label={t('documentary:public.chapter.nav.label')} className="doc-chapter-nav">
      <ul>
        {previous ? (
          <li>
            <Link to={`/documentaire/${previous.slug}`} rel="prev">
              {t('documentary:public.chapter.nav.previous', {
                title: previous.title,
              })}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to="/documentaire">{t('documentary:public.chapter.nav.all')}</Link>
        </li>
        {next ? (
          <li>
            <Link to={`/documentaire/${next.slug}`} rel="next">
              {t('documentary:public.chapter.nav.next', { title: next.title })}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
