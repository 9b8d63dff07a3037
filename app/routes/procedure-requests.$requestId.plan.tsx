import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Radios, SingleCheckbox, Tag, TextInput, Textarea } from '~/components/forms';
import { Notice, SummaryList, SummaryRow, TwoThirds, WarningCallout } from '~/components/page-parts';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
import { ACTIONS, diabetesPlanFormSchema, planFormSchema, secondConfirmFormSchema } from '~/medicines/blood-thinner-forms';
import { ACTION_LABEL, formatHours, type ProposedPlan } from '~/medicines/blood-thinner-plan';
import { getBloodThinnerPlanPage } from '~/medicines/blood-thinner-plan-status.server';
import { confirmBloodThinnerPlans, secondConfirmBloodThinnerPlan } from '~/medicines/confirm-blood-thinner-plans.server';
import { recordDiabetesMedicinePlans } from '~/medicines/diabetes-medicine-plans.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { formatDateTime, pageTitle, titleCase } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Blood-thinner plan');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'DOCTOR', 'CLERK');
  const url = new URL(request.url);
  const chosen: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (key.startsWith('v-')) chosen[key.slice(2)] = value;
  return loadUseCase(async () => {
    const page = await getBloodThinnerPlanPage(params.requestId ?? '', chosen, actor, ipAddress);
    return { ...page, canConfirm: user.role === 'DOCTOR', userId: user.id };
  });
}

function backTo(request: Request, requestId: string, flag: string) {
  const params = new URLSearchParams(new URL(request.url).search);
  for (const key of ['confirmed', 'seconded', 'diabetes']) params.delete(key);
  params.set(flag, '1');
  return redirect(`/procedure-requests/${requestId}/plan?${params.toString()}`);
}

// Three forms on one page, told apart by intent: confirm the blood-thinner plans, second-confirm one that
// departs from the rule table, record the diabetes medicines' instructions around the fast.
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'DOCTOR');
  const formData = await readForm(request);
  const requestId = params.requestId ?? '';
  switch (formData.get('intent')) {
    case 'second-confirm':
      return submitForm(formData, secondConfirmFormSchema, async ({ medicineId }) => {
        await secondConfirmBloodThinnerPlan(requestId, medicineId, actor, ipAddress, new Date());
        return backTo(request, requestId, 'seconded');
      });
    case 'diabetes-plan':
      return submitForm(formData, diabetesPlanFormSchema, async (value, submission) => {
        const decisions = value.diabetes.filter((d) => d.instruction).map((d) => ({ medicineId: d.medicineId, instruction: d.instruction! }));
        if (decisions.length === 0) {
          return json(
            { ...submission.reply(), status: 'error' as const, error: { 'diabetes[0].instruction': ['Enter the instruction for at least one diabetes medicine'] } },
            { status: 400 },
          );
        }
        await recordDiabetesMedicinePlans(requestId, decisions, actor, ipAddress, new Date());
        return backTo(request, requestId, 'diabetes');
      });
    default:
      return submitForm(formData, planFormSchema, async (value) => {
        await confirmBloodThinnerPlans(
          requestId,
          value.plans.map((p) => ({
            medicineId: p.medicineId,
            variant: p.variant ?? '',
            action: p.action,
            stopBeforeHours: p.stopBeforeHours ?? null,
            restartAfterHours: p.restartAfterHours ?? null,
            inrCheck: p.inrCheck ?? false,
            note: p.note || null,
            deviationReason: p.deviationReason || null,
          })),
          actor,
          ipAddress,
          new Date(),
        );
        return backTo(request, requestId, 'confirmed');
      });
  }
}

function PlanSummary({ plan }: { plan: Pick<ProposedPlan, 'action' | 'stopBeforeHours' | 'restartAfterHours' | 'inrCheck' | 'note'> }) {
  return (
    <SummaryList>
      <SummaryRow label="Action">{ACTION_LABEL[plan.action]}</SummaryRow>
      <SummaryRow label="Stop before">{plan.action === 'CONTINUE' ? 'Not stopped' : formatHours(plan.stopBeforeHours)}</SummaryRow>
      <SummaryRow label="Restart after">{formatHours(plan.restartAfterHours)}</SummaryRow>
      <SummaryRow label="INR check">{plan.inrCheck ? 'Yes: INR 1.4 or less before the procedure' : 'No'}</SummaryRow>
      {plan.note ? <SummaryRow label="Note">{plan.note}</SummaryRow> : null}
    </SummaryList>
  );
}

export default function BloodThinnerPlanPage() {
  const { request, bleedingRisk, items, canConfirm, userId, diabetes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  // Fields are named plans[0].action, diabetes[0].instruction, ...: read by those names.
  const [confirmForm, confirmFields] = useReplyForm({ id: 'confirm', reply, intent: 'confirm' });
  const [diabetesForm, diabetesFields] = useReplyForm({ id: 'diabetes-plan', reply, intent: 'diabetes-plan' });
  const [secondForm] = useReplyForm({ id: 'second-confirm', reply, intent: 'second-confirm' });
  // After a refused confirmation the form shows what the doctor sent, not the proposal again.
  const confirmSent = confirmForm.status === 'error';
  const withVariants = items.filter((i) => i.variants.length > 0);
  return (
    <TwoThirds>
      <ErrorSummary errors={{ ...confirmForm.allErrors, ...diabetesForm.allErrors, ...secondForm.allErrors }} />
      {searchParams.get('confirmed') ? <Notice>Blood-thinner plan confirmed.</Notice> : null}
      {searchParams.get('seconded') ? <Notice>Second confirmation recorded: the leaflet can now carry this plan.</Notice> : null}
      {searchParams.get('diabetes') ? <Notice>Diabetes medicine plan recorded.</Notice> : null}
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
            {item.displayName}{' '}
            {item.plan?.counts ? (
              <Tag colour="green">Plan confirmed</Tag>
            ) : item.plan?.confirmedAt ? (
              <Tag colour="orange">Second doctor needed</Tag>
            ) : (
              <Tag colour="red">Plan needed</Tag>
            )}
          </h2>
          {item.plan?.confirmedAt ? (
            <>
              <h3 className="nhsuk-heading-s">
                Confirmed by {item.plan.confirmedByName ?? 'a doctor'} on {formatDateTime(new Date(item.plan.confirmedAt))}
              </h3>
              <PlanSummary plan={item.plan} />
              {item.plan.deviatesFromRule ? (
                <WarningCallout heading="Departs from the rule table" level={4}>
                  <p>Reason: {item.plan.deviationReason}</p>
                  {item.plan.secondConfirmedAt ? (
                    <p>
                      Second confirmation by {item.plan.secondConfirmedByName ?? 'a doctor'} on{' '}
                      {formatDateTime(new Date(item.plan.secondConfirmedAt))}.
                    </p>
                  ) : (
                    <>
                      <p>
                        Until a second doctor confirms it, the leaflet treats this medicine as unplanned and tells the
                        patient we will contact them.
                      </p>
                      {canConfirm && item.plan.confirmedById !== userId ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="second-confirm" />
                          <input type="hidden" name="medicineId" value={item.medicineId} />
                          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                            Give the second confirmation<span className="nhsuk-u-visually-hidden"> for {item.displayName}</span>
                          </button>
                        </Form>
                      ) : canConfirm ? (
                        <p>You confirmed this plan, so a different doctor must give the second confirmation.</p>
                      ) : null}
                    </>
                  )}
                </WarningCallout>
              ) : null}
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
        <Form method="post" {...formProps(confirmForm)}>
          <input type="hidden" name="intent" value="confirm" />
          <h2 className="nhsuk-heading-m">Confirm or edit the plan</h2>
          {items.map((item, i) => {
            const fromPlan = Boolean(item.plan?.confirmedAt && item.plan.proposed?.variant === item.variant);
            const start = fromPlan && item.plan ? item.plan : item.proposal;
            const name = (field: string) => `plans[${i}].${field}`;
            const field = (name: string) => textField(confirmFields[name]);
            const value = (name: string, shown: string) => (confirmSent ? field(name).defaultValue : shown);
            // Keyed by the variant shown: after "Show the proposed plan" the fields are remade from the new
            // proposal (uncontrolled inputs would otherwise keep the values, and note, shown before).
            return (
              <fieldset className="nhsuk-fieldset" key={`${item.medicineId}:${item.variant}:${fromPlan ? 'plan' : 'proposal'}`}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{item.displayName}</legend>
                <input type="hidden" name={name('medicineId')} value={item.medicineId} />
                <input type="hidden" name={name('variant')} value={item.variant} />
                {field(name('variant')).errors ? <p className="nhsuk-error-message">{field(name('variant')).errors![0]}</p> : null}
                <Radios {...field(name('action'))} legend="Action" options={ACTIONS} defaultValue={value(name('action'), start.action)} />
                <TextInput
                  {...field(name('stopBeforeHours'))}
                  label="Stop this many hours before the procedure"
                  hint="For example, 120 for 5 days. Leave empty if not stopped."
                  width={4}
                  inputMode="numeric"
                  defaultValue={value(name('stopBeforeHours'), start.stopBeforeHours?.toString() ?? '')}
                />
                <TextInput
                  {...field(name('restartAfterHours'))}
                  label="Restart this many hours after the procedure"
                  width={4}
                  inputMode="numeric"
                  defaultValue={value(name('restartAfterHours'), start.restartAfterHours?.toString() ?? '')}
                />
                <SingleCheckbox
                  name={name('inrCheck')}
                  label="Check INR (1.4 or less) before the procedure"
                  defaultChecked={confirmSent ? confirmFields[name('inrCheck')].initialValue === 'on' : start.inrCheck}
                />
                <Textarea {...field(name('note'))} label="Note (optional)" defaultValue={value(name('note'), start.note ?? '')} />
                <Textarea
                  {...field(name('deviationReason'))}
                  label="Reason for departing from the rule table (if you do)"
                  hint="Needed if the plan stops for less time than the table proposes, does not stop where it says stop, or leaves out the INR check. A second doctor must then confirm it before the leaflet carries it."
                  defaultValue={value(name('deviationReason'), fromPlan ? (item.plan?.deviationReason ?? '') : '')}
                />
              </fieldset>
            );
          })}
          <button className="nhsuk-button" type="submit">
            Confirm plan
          </button>
        </Form>
      ) : null}
      <h2 className="nhsuk-heading-l">Diabetes medicines around the fast</h2>
      {diabetes.items.length === 0 ? <p>The patient takes no diabetes medicines.</p> : null}
      {diabetes.items.length > 0 && !diabetes.fast ? (
        <p>This procedure has no fast (no sedation), so the leaflet gives no instruction about diabetes medicines.</p>
      ) : null}
      {diabetes.fast && diabetes.items.length > 0 ? (
        <>
          <div className="nhsuk-inset-text">
            <p>
              The system never works out what to do with a diabetes medicine around a fast. Until you record it, the
              leaflet tells the patient we will phone to agree it.
            </p>
          </div>
          {diabetes.items.map((item) => (
            <section key={item.medicineId}>
              <h3 className="nhsuk-heading-m">
                {item.displayName} {item.plan ? <Tag colour="green">Instruction recorded</Tag> : <Tag colour="red">Instruction needed</Tag>}
              </h3>
              {item.plan ? (
                <p>
                  {item.plan.instruction} ({item.plan.confirmedByName ?? 'a doctor'}, {formatDateTime(new Date(item.plan.confirmedAt))})
                </p>
              ) : null}
            </section>
          ))}
          {canConfirm ? (
            <Form method="post" {...formProps(diabetesForm)}>
              <input type="hidden" name="intent" value="diabetes-plan" />
              <h3 className="nhsuk-heading-m">Record what the patient should do</h3>
              {diabetes.items.map((item, i) => (
                <div key={item.medicineId}>
                  <input type="hidden" name={`diabetes[${i}].medicineId`} value={item.medicineId} />
                  <Textarea
                    {...textField(diabetesFields[`diabetes[${i}].instruction`])}
                    label={`${item.displayName}: what to do the day before and on the day`}
                    hint={item.plan ? 'Leave empty to keep the instruction recorded above; anything you write replaces it.' : 'Written to the patient, printed as you write it.'}
                  />
                </div>
              ))}
              <button className="nhsuk-button" type="submit">
                Record the instructions
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
      <p>
        <Link to={`/patients/${request.patient.id}`}>Back to the patient</Link>
      </p>
    </TwoThirds>
  );
}
