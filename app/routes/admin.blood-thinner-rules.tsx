import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { actorOf, clientAddress, requireRole } from '~/auth/session.server';
import { ErrorSummary, Radios, TextInput, Textarea } from '~/components/forms';
import { Cell, Row, Table } from '~/components/table';
import { z } from 'zod';
import { ACTIONS, ruleFormSchema } from '~/medicines/blood-thinner-forms';
import { ACTION_LABEL, formatHours } from '~/medicines/blood-thinner-plan';
import {
  decideBloodThinnerRuleChange,
  listBloodThinnerRules,
  listPendingRuleChanges,
  proposeBloodThinnerRuleChange,
} from '~/medicines/blood-thinner-rule-repo.server';
import { formatDateTime, pageTitle, titleCase } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Blood thinner rules');

const decisionSchema = z.object({
  intent: z.enum(['approve', 'reject']),
  changeId: z.string({ required_error: 'Missing change' }).min(1),
});

// Admins propose changes; a second person (another admin, or a doctor) approves or rejects them (ADR 0011).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'ADMIN', 'DOCTOR');
  const [rules, pending] = await Promise.all([listBloodThinnerRules(), listPendingRuleChanges()]);
  const editId = new URL(request.url).searchParams.get('edit');
  const canEdit = user.role === 'ADMIN';
  return { rules, pending, userId: user.id, canEdit, editing: canEdit ? (rules.find((r) => r.id === editId) ?? null) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'approve' || intent === 'reject') {
    const user = await requireRole(request, 'ADMIN', 'DOCTOR');
    const submission = parseWithZod(formData, { schema: decisionSchema });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      const { ruleId } = await decideBloodThinnerRuleChange(
        submission.value.changeId,
        submission.value.intent === 'approve' ? 'APPROVE' : 'REJECT',
        actorOf(user),
        clientAddress(request),
        new Date(),
      );
      return redirect(`/admin/blood-thinner-rules?${submission.value.intent === 'approve' ? 'approved' : 'rejected'}=${encodeURIComponent(ruleId)}#rule-${ruleId}`);
    } catch (error) {
      return domainErrorReply(error, submission.reply().initialValue);
    }
  }
  const user = await requireRole(request, 'ADMIN');
  const submission = parseWithZod(formData, { schema: ruleFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { ruleId, action: ruleAction, stopBeforeHours, restartAfterHours, inrCheck, note } = submission.value;
  try {
    await proposeBloodThinnerRuleChange(
      ruleId,
      {
        action: ruleAction,
        stopBeforeHours: stopBeforeHours ?? null,
        restartAfterHours: restartAfterHours ?? null,
        inrCheck: inrCheck ?? false,
        note: note || null,
      },
      actorOf(user),
      clientAddress(request),
      new Date(),
    );
    return redirect(`/admin/blood-thinner-rules?proposed=${encodeURIComponent(ruleId)}#pending`);
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
}

const CLASS_LABEL: Record<string, string> = {
  WARFARIN: 'Warfarin',
  LMWH: 'Low molecular weight heparin',
  ASPIRIN: 'Aspirin',
  NSAID: 'NSAIDs',
  P2Y12_INHIBITOR: 'P2Y12 inhibitors',
  FACTOR_XA_INHIBITOR: 'Factor Xa inhibitors',
  DABIGATRAN: 'Dabigatran',
};

export default function BloodThinnerRules() {
  const { rules, editing, pending, userId, canEdit } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = (lastResult && 'error' in lastResult ? lastResult.error : undefined) as Record<string, string[]> | undefined;
  const formError = lastResult && 'formError' in lastResult ? (lastResult.formError as string | undefined) : undefined;
  const initial = (lastResult && 'initialValue' in lastResult ? lastResult.initialValue : null) as Record<string, string> | null;
  const value = (name: string, fallback: string) => (initial && typeof initial[name] === 'string' ? initial[name] : fallback);
  return (
    <>
      <ErrorSummary errors={errors} formError={formError} />
      {searchParams.get('proposed') ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Change proposed. It takes effect when another administrator or a doctor approves it.</p>
        </div>
      ) : null}
      {searchParams.get('approved') ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Change approved: the rule now has the new values.</p>
        </div>
      ) : null}
      {searchParams.get('rejected') ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Change rejected: the rule is unchanged.</p>
        </div>
      ) : null}
      <h1>Blood thinner rules</h1>
      <p>
        The table the system proposes blood-thinner plans from (clinical-facts.md: ASRA/ESRA 2018 and UK tables). A
        doctor confirms every plan. A rule for one medicine overrides its class rule. A change takes effect only when a
        second person (another administrator or a doctor) approves it.
      </p>
      <h2 className="nhsuk-heading-m" id="pending">
        Changes waiting for approval
      </h2>
      {pending.length === 0 ? <p>No changes are waiting.</p> : null}
      {pending.map((change) => {
        const rule = rules.find((r) => r.id === change.ruleId);
        const label = rule
          ? `${rule.medicineDisplayName ?? CLASS_LABEL[rule.bloodThinnerClass]}, ${titleCase(rule.bleedingRisk)} bleeding risk${rule.variant ? `, ${rule.variant}` : ''}`
          : 'A rule';
        return (
          <div className="nhsuk-card" key={change.id}>
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading nhsuk-heading-s">{label}</h3>
              <p>
                Proposed by {change.proposedByName} on {formatDateTime(new Date(change.proposedAt))}:{' '}
                {ACTION_LABEL[change.values.action]}
                {change.values.action === 'CONTINUE' ? '' : `, stop ${formatHours(change.values.stopBeforeHours)} before`}, restart{' '}
                {formatHours(change.values.restartAfterHours)} after, INR check {change.values.inrCheck ? 'yes' : 'no'}
                {rule ? ` (now: ${ACTION_LABEL[rule.action]}, stop ${formatHours(rule.stopBeforeHours)}, restart ${formatHours(rule.restartAfterHours)})` : ''}.
              </p>
              {change.values.note ? <p>Note: {change.values.note}</p> : null}
              {change.proposedById === userId ? (
                <p>You proposed this change, so someone else must approve it.</p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="changeId" value={change.id} />
                  <button className="nhsuk-button nhsuk-u-margin-right-3" type="submit" name="intent" value="approve">
                    Approve<span className="nhsuk-u-visually-hidden"> the change to {label}</span>
                  </button>
                  <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="intent" value="reject">
                    Reject<span className="nhsuk-u-visually-hidden"> the change to {label}</span>
                  </button>
                </Form>
              )}
            </div>
          </div>
        );
      })}
      {editing ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <Form method="post" action={`/admin/blood-thinner-rules?edit=${editing.id}`}>
              <h2 className="nhsuk-heading-m">
                Change the rule: {editing.medicineDisplayName ?? CLASS_LABEL[editing.bloodThinnerClass]},{' '}
                {titleCase(editing.bleedingRisk)} bleeding risk{editing.variant ? `, ${editing.variant}` : ''}
              </h2>
              <input type="hidden" name="ruleId" value={editing.id} />
              <Radios name="action" legend="Action" options={ACTIONS} defaultValue={value('action', editing.action)} errors={errors?.action} />
              <TextInput name="stopBeforeHours" label="Stop this many hours before (optional)" width={4} inputMode="numeric" defaultValue={value('stopBeforeHours', editing.stopBeforeHours?.toString() ?? '')} errors={errors?.stopBeforeHours} />
              <TextInput name="restartAfterHours" label="Restart this many hours after (optional)" width={4} inputMode="numeric" defaultValue={value('restartAfterHours', editing.restartAfterHours?.toString() ?? '')} errors={errors?.restartAfterHours} />
              <div className="nhsuk-form-group">
                <div className="nhsuk-checkboxes">
                  <div className="nhsuk-checkboxes__item">
                    <input className="nhsuk-checkboxes__input" id="field-inrCheck" name="inrCheck" type="checkbox" defaultChecked={initial ? initial.inrCheck === 'on' : editing.inrCheck} />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="field-inrCheck">
                      Check INR (1.4 or less) before the procedure
                    </label>
                  </div>
                </div>
              </div>
              <Textarea name="note" label="Note (optional)" defaultValue={value('note', editing.note ?? '')} errors={errors?.note} />
              <input type="hidden" name="intent" value="propose" />
              <button className="nhsuk-button" type="submit">
                Propose the change
              </button>{' '}
              <Link to="/admin/blood-thinner-rules" className="nhsuk-u-margin-left-3">
                Cancel
              </Link>
            </Form>
          </div>
        </div>
      ) : null}
      <Table head={['Medicine', 'Bleeding risk', 'Variant', 'Action', 'Stop before', 'Restart after', 'INR check', 'Note', 'Last changed', '']}>
        {rules.map((rule) => (
          <Row key={rule.id}>
            <Cell>
              <span id={`rule-${rule.id}`}>{rule.medicineDisplayName ?? `${CLASS_LABEL[rule.bloodThinnerClass]} (class rule)`}</span>
            </Cell>
            <Cell>{titleCase(rule.bleedingRisk)}</Cell>
            <Cell>{rule.variant || '-'}</Cell>
            <Cell>{ACTION_LABEL[rule.action]}</Cell>
            <Cell>{rule.action === 'CONTINUE' ? '-' : formatHours(rule.stopBeforeHours)}</Cell>
            <Cell>{formatHours(rule.restartAfterHours)}</Cell>
            <Cell>{rule.inrCheck ? 'Yes' : 'No'}</Cell>
            <Cell>{rule.note ?? ''}</Cell>
            <Cell>{rule.updatedByName ? `${rule.updatedByName}, ${formatDateTime(new Date(rule.updatedAt))}` : 'As seeded'}</Cell>
            <Cell>
              {canEdit ? (
                <Link to={`/admin/blood-thinner-rules?edit=${rule.id}`}>
                  Change<span className="nhsuk-u-visually-hidden"> this rule</span>
                </Link>
              ) : null}
            </Cell>
          </Row>
        ))}
      </Table>
    </>
  );
}
