// The one-time link an admin passes on so a member of staff can set their password (shown once, never stored).
import { formatDateTime } from '~/utils/format';

export function PasswordLinkPanel({ name, link, expiresAt }: { name: string; link: string; expiresAt: string }) {
  return (
    <div className="nhsuk-card nhsuk-card--feature" data-testid="password-link">
      <div className="nhsuk-card__content nhsuk-card__content--feature">
        <h2 className="nhsuk-card--feature__heading nhsuk-heading-m">Password link for {name}</h2>
        <p>
          Give this link to {name} in person or by NHS email. It opens a page where they set their own password. It
          works once, until {formatDateTime(new Date(expiresAt))}. It is shown only now: if it is lost, issue a new one.
        </p>
        <p>
          <code className="paindesk-break-all" data-testid="password-link-url">
            {link}
          </code>
        </p>
      </div>
    </div>
  );
}
