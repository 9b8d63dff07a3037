// The administration area's shell (the layout route app/routes/admin.tsx): pages of one section share its frame.
// The template pages share their navigation; a member of staff's pages share the narrow column and the way back
// to the staff list. A page names its section in its `handle`; pages in no section are shown as they are.
import { Link, useLocation, useMatches } from '@remix-run/react';
import type { ReactNode } from 'react';
import { TwoThirds } from '~/components/page-parts';

export type AdminSection = 'templates' | 'staff';

/** A page's Remix `handle`, naming the administration section it belongs to. */
export type AdminHandle = { adminSection: AdminSection };

const TEMPLATE_PAGES = [
  { href: '/admin/templates', label: 'Clinic templates' },
  { href: '/admin/list-templates', label: 'Procedure list templates' },
  { href: '/admin/templates/one-off', label: 'Add a one-off clinic' },
] as const;

function sectionOf(matches: ReturnType<typeof useMatches>): AdminSection | null {
  for (const match of [...matches].reverse()) {
    const handle = match.handle as Partial<AdminHandle> | undefined;
    if (handle?.adminSection) return handle.adminSection;
  }
  return null;
}

/** The template pages, as an NHS.UK contents list: the page you are on is marked, not linked. */
function TemplatePagesNav() {
  const { pathname } = useLocation();
  return (
    <nav className="nhsuk-contents-list" aria-label="Template pages">
      <ol className="nhsuk-contents-list__list">
        {TEMPLATE_PAGES.map((page) =>
          page.href === pathname ? (
            <li className="nhsuk-contents-list__item" aria-current="page" key={page.href}>
              <span className="nhsuk-contents-list__current">{page.label}</span>
            </li>
          ) : (
            <li className="nhsuk-contents-list__item" key={page.href}>
              <Link className="nhsuk-contents-list__link" to={page.href}>
                {page.label}
              </Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

export function AdminShell({ children }: { children: ReactNode }) {
  const section = sectionOf(useMatches());
  if (section === 'templates') {
    return (
      <>
        <TemplatePagesNav />
        {children}
      </>
    );
  }
  if (section === 'staff') {
    return (
      <TwoThirds>
        {children}
        <p>
          <Link to="/admin">Back to staff and sites</Link>
        </p>
      </TwoThirds>
    );
  }
  return <>{children}</>;
}
