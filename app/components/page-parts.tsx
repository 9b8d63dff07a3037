// NHS.UK page pieces every page uses: the notice after a change, the warning callout, the summary list.
import type { ReactNode } from 'react';

/** What the last change did, at the top of the page: inset text, announced politely to screen readers. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text" role="status">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>{children}</p>
    </div>
  );
}

/** Something staff must not miss; `heading` is read after "Important:". */
export function WarningCallout({
  heading,
  level = 2,
  testId,
  children,
}: {
  heading: ReactNode;
  /** The heading's level in the page's outline. */
  level?: 2 | 3 | 4;
  testId?: string;
  children: ReactNode;
}) {
  const Heading = `h${level}` as const;
  return (
    <div className="nhsuk-warning-callout" data-testid={testId}>
      <Heading className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {heading}
        </span>
      </Heading>
      {children}
    </div>
  );
}

export function SummaryRow({ label, testId, children }: { label: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** Label and value rows (`rows`, in order), then any further rows as children. */
export function SummaryList({
  rows = [],
  className,
  valueTestId,
  children,
}: {
  rows?: readonly (readonly [string, ReactNode])[];
  className?: string;
  /** A test id for each row's value, from its label. */
  valueTestId?: (label: string) => string;
  children?: ReactNode;
}) {
  return (
    <dl className={`nhsuk-summary-list${className ? ` ${className}` : ''}`}>
      {rows.map(([label, value]) => (
        <SummaryRow key={label} label={label} testId={valueTestId?.(label)}>
          {value}
        </SummaryRow>
      ))}
      {children}
    </dl>
  );
}

/** The narrow column NHS.UK pages with a form or a short text are set in (two thirds of the width). */
export function TwoThirds({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">{children}</div>
    </div>
  );
}

/** The caption above a page's heading that names the patient the page is about. */
export function PatientCaption({ patient }: { patient: { name: string; nhsNumber: string } }) {
  return (
    <span className="nhsuk-caption-l">
      {patient.name}, NHS number <span className="paindesk-nhs-number">{patient.nhsNumber}</span>
    </span>
  );
}
