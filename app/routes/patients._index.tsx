import { Cell, Row, Table } from '~/components/table';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, TextInput } from '~/components/forms';
import { formatNhsNumber } from '~/utils/nhs-number';
import { searchPatients } from '~/patients/patient-repo.server';
import { formatDate, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Find a patient');

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(request);
  const q = new URL(request.url).searchParams.get('q') ?? '';
  const result = await searchPatients(q, actor);
  return { q, result, canAdd: user.role === 'CLERK' };
}

export default function FindPatient() {
  const { q, result, canAdd } = useLoaderData<typeof loader>();
  const errors = result.kind === 'invalid' ? { q: [result.message] } : undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Find a patient</h1>
      {canAdd ? (
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" to="/patients/new">
            Add a patient
          </Link>
        </p>
      ) : null}
      <Form method="get" role="search" aria-label="Patients">
        <TextInput
          name="q"
          label="NHS number or name"
          hint="For example, 943 476 5919 or Smith"
          defaultValue={q}
          errors={errors?.q}
          width={20}
          spellCheck={false}
        />
        <button className="nhsuk-button" type="submit">
          Search
        </button>
      </Form>
      {result.kind === 'results' ? (
        result.patients.length === 0 ? (
          <div role="status">
            <h2>No patients found</h2>
            <p>
              No patient matches {result.by === 'nhsNumber' ? 'that NHS number' : 'that name'}.
              {canAdd ? (
                <>
                  {' '}
                  You can <Link to="/patients/new">add a new patient</Link>.
                </>
              ) : null}
            </p>
          </div>
        ) : (
          <Table caption={<>{result.patients.length} {result.patients.length === 1 ? 'patient' : 'patients'} found</>} head={['Name', 'NHS number', 'Date of birth', 'Postcode']}>
              {result.patients.map((p) => (
                <Row key={p.id}>
                  <Cell>
                    <Link to={`/patients/${p.id}`}>
                      {p.lastName.toUpperCase()}, {p.firstName}
                    </Link>
                  </Cell>
                  <Cell className="paindesk-nhs-number">{formatNhsNumber(p.nhsNumber)}</Cell>
                  <Cell>{formatDate(new Date(p.dateOfBirth))}</Cell>
                  <Cell>{p.postcode ?? ''}</Cell>
                </Row>
              ))}
            </Table>
        )
      ) : null}
    </>
  );
}
