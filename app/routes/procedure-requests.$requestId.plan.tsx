import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { clientAddress, requireDoctor, requireRole } from '~/auth/session.server';
import { ErrorSummary, Radios, Tag, TextInput, Textarea } from '~/components/forms';
import { ACTIONS, planFormSchema } from '~/medicines/blood-thinner-forms';
import { ACTION_LABEL, formatHours, type ProposedPlan } from '~/medicines/blood-thinner-plan';
import { getBloodThinnerPlanPage } from '~/medicines/blood-thinner-plan-status.server';
import { confirmBloodThinnerPlans } from '~/medicines/confirm-blood-thinner-plans.server';
import { formatNhsNumber } from '~/patients/nhs-number';
import { formatDateTime, pageTitle, titleCase } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';

export const meta: MetaFunction = () => pageTitle('Blood-thinner plan');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'DOCTOR', 'CLERK');
  const url = new URL(request.url);
  const chosen: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (key.startsWith('v-')) chosen[key.slice(2)] = value;
  try {
    const page = await getBloodThinnerPlanPage(params.requestId ?? '', chosen, { id: user.id, role: user.role }, clientAddress(request));
    return { ...page, canConfirm: user.role === 'DOCTOR' };
  } catch (error) {
    throw domainErrorReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireDoctor(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: planFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const requestId = params.requestId ?? '';
  try {
    await confirmBloodThinnerPlans(
      requestId,
      submission.value.plans.map((p) => ({
        medicineId: p.medicineId,
        variant: p.variant ?? '',
        action: p.action,
        stopBeforeHours: p.stopBeforeHours ?? null,
        restartAfterHours: p.restartAfterHours ?? null,
        inrCheck: p.inrCheck ?? false,
        note: p.note || null,
      })),
      { id: user.id, role: user.role },
      clientAddress(request),
      new Date(),
    );
    const back = new URL(request.url).search;
    return redirect(`/procedure-requests/${requestId}/plan${back ? `${back}&` : '?'}confirmed=1`);
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
}

function PlanSummary({ plan }: { plan: Pick<ProposedPlan, 'action' | 'stopBeforeHours' | 'restartAfterHours' | 'inrCheck' | 'note'> }) {
  return (
    <dl className="nhsuk-summary-list">
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Action</dt>
        <dd className="nhsuk-summary-list__value">{ACTION_LABEL[plan.action]}</dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Stop before</dt>
        <dd className="nhsuk-summary-list__value">{plan.action === 'CONTINUE' ? 'Not stopped' : formatHours(plan.stopBeforeHours)}</dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Restart after</dt>
        <dd className="nhsuk-summary-list__value">{formatHours(plan.restartAfterHours)}</dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">INR check</dt>
        <dd className="nhsuk-summary-list__value">{plan.inrCheck ? 'Yes: INR 1.4 or less before the procedure' : 'No'}</dd>
      </div>
      {plan.note ? (
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Note</dt>
          <dd className="nhsuk-summary-list__value">{plan.note}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export default function BloodThinnerPlanPage() {
  const { request, bleedingRisk, items, canConfirm } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = (lastResult && 'error' in lastResult ? lastResult.error : undefined) as Record<string, string[]> | undefined;
  const formError = lastResult && 'formError' in lastResult ? (lastResult.formError as string | undefined) : undefined;
  const withVariants = items.filter((i) => i.variants.length > 0);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} formError={formError} />
        {searchParams.get('confirmed') ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>Blood-thinner plan confirmed.</p>
          </div>
        ) : null}
        <span className="nhsuk-caption-l">
          {request.patient.firstName} {request.patient.lastName}, NHS number {formatNhsNumber(request.patient.nhsNumber)}
        </span>
        <h1>Blood-thinner plan</h1>
        <p>
          {request.procedureType.name}: {titleCase(bleedingRisk)} bleeding risk.
        </p>
        <div className="nhsuk-inset-text">
          <p>
            The table only proposes. Nothing is a plan, and no leaflet tells the patient to stop anything, until a doctor
            confirms it.
          </p>
        </div>
        {items.length === 0 ? <p>The patient takes no blood thinners.</p> : null}
        {canConfirm && withVariants.length > 0 ? (
          <Form method="get">
            <h2 className="nhsuk-heading-m">Choose what applies</h2>
            {withVariants.map((item) => (
              <Radios
                key={item.medicineId}
                name={`v-${item.medicineId}`}
                legend={item.displayName}
                options={item.variants.map((v) => ({ value: v, label: v }))}
                defaultValue={item.variant}
              />
            ))}
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Show the proposed plan
            </button>
          </Form>
        ) : null}
        {items.map((item) => (
          <section key={item.medicineId}>
            <h2 className="nhsuk-heading-m">
              {item.displayName} {item.plan?.confirmedAt ? <Tag colour="green">Plan confirmed</Tag> : <Tag colour="red">Plan needed</Tag>}
            </h2>
            {item.plan?.confirmedAt ? (
              <>
                <h3 className="nhsuk-heading-s">
                  Confirmed by {item.plan.confirmedByName ?? 'a doctor'} on {formatDateTime(new Date(item.plan.confirmedAt))}
                </h3>
                <PlanSummary plan={item.plan} />
                {item.plan.proposed ? (
                  <details className="nhsuk-details">
                    <summary className="nhsuk-details__summary">
                      <span className="nhsuk-details__summary-text">What the table proposed at the time</span>
                    </summary>
                    <div className="nhsuk-details__text">
                      <PlanSummary plan={item.plan.proposed} />
                    </div>
                  </details>
                ) : null}
              </>
            ) : null}
            <h3 className="nhsuk-heading-s">
              Proposed by the rule table{item.variant ? ` (${item.variant})` : ''}
            </h3>
            <PlanSummary plan={item.proposal} />
          </section>
        ))}
        {canConfirm && items.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <h2 className="nhsuk-heading-m">Confirm or edit the plan</h2>
            {items.map((item, i) => {
              const start = item.plan?.confirmedAt && item.plan.proposed?.variant === item.variant ? item.plan : item.proposal;
              const name = (field: string) => `plans[${i}].${field}`;
              return (
                <fieldset className="nhsuk-fieldset" key={item.medicineId}>
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{item.displayName}</legend>
                  <input type="hidden" name={name('medicineId')} value={item.medicineId} />
                  <input type="hidden" name={name('variant')} value={item.variant} />
                  {errors?.[name('variant')] ? (
                    <p className="nhsuk-error-message">{errors[name('variant')]![0]}</p>
                  ) : null}
                  <Radios name={name('action')} legend="Action" options={ACTIONS} defaultValue={start.action} errors={errors?.[name('action')]} />
                  <TextInput name={name('stopBeforeHours')} label="Stop this many hours before the procedure" hint="For example, 120 for 5 days. Leave empty if not stopped." width={4} inputMode="numeric" defaultValue={start.stopBeforeHours?.toString() ?? ''} errors={errors?.[name('stopBeforeHours')]} />
                  <TextInput name={name('restartAfterHours')} label="Restart this many hours after the procedure" width={4} inputMode="numeric" defaultValue={start.restartAfterHours?.toString() ?? ''} errors={errors?.[name('restartAfterHours')]} />
                  <div className="nhsuk-form-group">
                    <div className="nhsuk-checkboxes">
                      <div className="nhsuk-checkboxes__item">
                        <input className="nhsuk-checkboxes__input" id={`field-plans-${i}-inrCheck`} name={name('inrCheck')} type="checkbox" defaultChecked={start.inrCheck} />
                        <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`field-plans-${i}-inrCheck`}>
                          Check INR (1.4 or less) before the procedure
                        </label>
                      </div>
                    </div>
                  </div>
                  <Textarea name={name('note')} label="Note (optional)" defaultValue={start.note ?? ''} errors={errors?.[name('note')]} />
                </fieldset>
              );
            })}
            <button className="nhsuk-button" type="submit">
              Confirm plan
            </button>
          </Form>
        ) : null}
        <p>
          <Link to={`/patients/${request.patient.id}`}>Back to the patient</Link>
        </p>
      </div>
    </div>
  );
}
