import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

/**
 * The top of a page: a link back to where the reader came from, the page's one `h1`, and an
 * optional lead paragraph. One place, so every page starts the same way for a screen reader.
 */
export function PageHeading({ back, title, lead }: { back?: { to: string; label: string }; title: ReactNode; lead?: ReactNode }) {
  return (
    <>
      {back ? (
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
      ) : null}
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </>
  )
}
