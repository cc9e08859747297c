import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { StatusMessage } from '~/components/forms'
import { formatDate } from '~/utils/format-date'
import type { ResearchPageData } from './page.server'

type Project = ResearchPageData['projects'][number]

function ProjectFacts({ project }: { project: Project }) {
  const { t, i18n } = useTranslation('research')
  const missing = <em>{t('projects.missing')}</em>
  return (
    <dl className="facts">
      <dt>{t('projects.organisation')}</dt>
      <dd>{project.organisation}</dd>
      <dt>{t('projects.purpose')}</dt>
      <dd>{project.purpose}</dd>
      <dt>{t('projects.ethicsReference')}</dt>
      <dd>{project.ethicsReference ?? missing}</dd>
      <dt>{t('projects.dataUseAgreementOn')}</dt>
      <dd>{project.dataUseAgreementOn ? formatDate(project.dataUseAgreementOn, i18n.language) : missing}</dd>
      <dt>{t('projects.endsOn')}</dt>
      <dd>{formatDate(project.endsOn, i18n.language)}</dd>
      <dt>{t('projects.researchers')}</dt>
      <dd>{project.researchers.join(', ')}</dd>
      <dt>{t('projects.status')}</dt>
      <dd>{project.active ? t('projects.active') : t('projects.inactive')}</dd>
    </dl>
  )
}

/** One project: its facts, the export form (researchers, active projects only) and earlier exports. */
function ProjectSection({ project, canExport }: { project: Project; canExport: boolean }) {
  const { t, i18n } = useTranslation('research')
  const id = `project-${project.id}`
  return (
    <section aria-labelledby={id} className="card">
      <h3 id={id}>{project.title}</h3>
      <ProjectFacts project={project} />
      {canExport ? (
        project.active ? (
          // A real form post (reloadDocument): the answer is a file download, with or without JavaScript.
          <Form method="post" action="/beheer/onderzoek/export" reloadDocument>
            <input type="hidden" name="projectId" value={project.id} />
            <fieldset>
              <legend>{t('export.format')}</legend>
              {(['csv', 'json'] as const).map((f) => (
                <label key={f} className="choice">
                  <input type="radio" name="format" value={f} defaultChecked={f === 'csv'} /> {t(`export.formats.${f}`)}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button button--primary">
              {t('export.submit')}
            </button>
          </Form>
        ) : (
          <p>{t('export.inactive')}</p>
        )
      ) : null}
      <DataTable
        caption={t('exports.title')}
        rows={project.exports}
        rowKey={(e) => e.id}
        empty={t('exports.empty')}
        columns={[
          { key: 'date', header: t('exports.date'), cell: (e) => formatDate(e.createdAt, i18n.language), rowHeader: true },
          { key: 'format', header: t('exports.format'), cell: (e) => e.format.toUpperCase() },
          { key: 'stories', header: t('exports.stories'), cell: (e) => e.storyCount },
        ]}
      />
    </section>
  )
}

function Notices({ notices, canAcknowledge }: { notices: ResearchPageData['notices']; canAcknowledge: boolean }) {
  const { t, i18n } = useTranslation('research')
  return (
    <section aria-labelledby="notices-title">
      <h2 id="notices-title">{t('notices.title')}</h2>
      <p>{t('notices.lead')}</p>
      <DataTable
        caption={t('notices.title')}
        captionHidden
        rows={notices}
        rowKey={(n) => n.id}
        empty={t('notices.empty')}
        columns={[
          { key: 'pseudonym', header: t('notices.pseudonym'), cell: (n) => <code>{n.pseudonym}</code>, rowHeader: true },
          { key: 'project', header: t('notices.project'), cell: (n) => n.projectTitle },
          { key: 'since', header: t('notices.since'), cell: (n) => formatDate(n.withdrawnAt, i18n.language) },
          {
            key: 'done',
            header: t('notices.acknowledged'),
            cell: (n) =>
              n.acknowledgedAt ? (
                formatDate(n.acknowledgedAt, i18n.language)
              ) : canAcknowledge ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="acknowledge" />
                  <input type="hidden" name="noticeId" value={n.id} />
                  <button type="submit" className="button" aria-label={`${t('notices.acknowledge')}: ${n.pseudonym}`}>
                    {t('notices.acknowledge')}
                  </button>
                </Form>
              ) : (
                t('notices.open')
              ),
          },
        ]}
      />
    </section>
  )
}

export function ResearchPage({ data, done, failed }: { data: ResearchPageData; done: string | null; failed: string | null }) {
  const { t } = useTranslation('research')
  return (
    <div className="page page--wide">
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      {done ? <StatusMessage>{t(`done.${done}`)}</StatusMessage> : null}
      {failed ? (
        <p className="error-message" role="alert">
          {t(`failed.${failed}`)}
        </p>
      ) : null}
      {data.isAdmin ? (
        <p>
          <Link to="/beheer/onderzoek/projecten/nieuw" className="button">
            {t('projects.new')}
          </Link>
        </p>
      ) : null}
      <Notices notices={data.notices} canAcknowledge={!data.isAdmin} />
      <section aria-labelledby="projects-title">
        <h2 id="projects-title">{data.isAdmin ? t('projects.title') : t('projects.mine')}</h2>
        {data.projects.length === 0 ? <p>{t('projects.empty')}</p> : data.projects.map((p) => <ProjectSection key={p.id} project={p} canExport={!data.isAdmin} />)}
      </section>
    </div>
  )
}
