// NHS.UK table with a header row; rows are passed as children (<Row> of <Cell>s).
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

export function Table({ caption, head, children }: { caption?: ReactNode; head: string[]; children: ReactNode }) {
  return (
    <table className="nhsuk-table">
      {caption ? <caption className="nhsuk-table__caption">{caption}</caption> : null}
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {head.map((label) => (
            <th scope="col" className="nhsuk-table__header" key={label}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">{children}</tbody>
    </table>
  );
}

export function Row({ children }: { children: ReactNode }) {
  return <tr className="nhsuk-table__row">{children}</tr>;
}

export function Cell({ children, className }: { children?: ReactNode; className?: string }) {
  return <td className={`nhsuk-table__cell${className ? ` ${className}` : ''}`}>{children}</td>;
}

/** A patient in a row: the name, linked (to their record unless `href` says where), and the NHS number below it. */
export function PatientCell({
  patient,
  href,
  children,
}: {
  patient: { id: string; name: string; nhsNumber: string };
  href?: string;
  /** Anything more about the patient, under the NHS number. */
  children?: ReactNode;
}) {
  return (
    <Cell>
      <Link to={href ?? `/patients/${patient.id}`}>{patient.name}</Link>
      <br />
      <span className="paindesk-nhs-number">{patient.nhsNumber}</span>
      {children}
    </Cell>
  );
}
