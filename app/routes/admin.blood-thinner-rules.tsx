import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Radios, SingleCheckbox, TextInput, Textarea } from '~/components/forms';
import { Notice } from '~/components/page-parts';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
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
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Blood thinner rules');

const decisionSchema = z.object({
  intent: z.enum(['approve', 'reject']),
  changeId: z.string({ required_error: 'Missing change' }).min(1),
});

// Admins propose changes; a second person (another admin, or a doctor) approves or rejects them (ADR 0011).
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request, 'ADMIN', 'DOCTOR');
  const [rules, pending] = await Promise.all([listBloodThinnerRules(), listPendingRuleChanges()]);
  const editId = new URL(request.url).searchParams.get('edit');
  const canEdit = user.role === 'ADMIN';
  return { rules, pending, userId: user.id, canEdit, editing: canEdit ? (rules.find((r) => r.id === editId) ?? null) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'approve' || intent === 'reject') {
    const { actor, ipAddress } = await requireActor(request, 'ADMIN', 'DOCTOR');
    return submitForm(formData, decisionSchema, async (value) => {
      const decision = value.intent === 'approve' ? 'APPROVE' : 'REJECT';
      const { ruleId } = await decideBloodThinnerRuleChange(value.changeId, decision, actor, ipAddress, new Date());
      return redirect(`/admin/blood-thinner-rules?${value.intent === 'approve' ? 'approved' : 'rejected'}=${encodeURIComponent(ruleId)}#rule-${ruleId}`);
    });
  }
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  return submitForm(formData, ruleFormSchema, async ({ ruleId, action: ruleAction, stopBeforeHours, restartAfterHours, inrCheck, note }) => {
    await proposeBloodThinnerRuleChange(
      ruleId,
      {
        action: ruleAction,
        stopBeforeHours: stopBeforeHours ?? null,
        restartAfterHours: restartAfterHours ?? null,
        inrCheck: inrCheck ?? false,
        note: note || null,
      },
      actor,
      ipAddress,
      new Date(),
    );
    return redirect(`/admin/blood-thinner-rules?proposed=${encodeURIComponent(ruleId)}#pending`);
  });
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
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [decisionForm] = useReplyForm({ id: 'rule-decision', reply, intent: ['approve', 'reject'] });
  // One form per rule being changed: opening another rule starts from that rule's values.
  const [ruleForm, ruleFields] = useReplyForm({
    id: `rule-${editing?.id ?? 'none'}`,
    reply,
    intent: 'propose',
    defaultValue: editing
      ? {
          action: editing.action,
          stopBeforeHours: editing.stopBeforeHours?.toString() ?? '',
          restartAfterHours: editing.restartAfterHours?.toString() ?? '',
          inrCheck: editing.inrCheck ? 'on' : undefined,
          note: editing.note ?? '',
        }
      : undefined,
  });
  return (
    <>
      <ErrorSummary errors={{ ...decisionForm.allErrors, ...ruleForm.allErrors }} />
      {searchParams.get('proposed') ? <Notice>Change proposed. It takes effect when another administrator or a doctor approves it.</Notice> : null}
      {searchParams.get('approved') ? <Notice>Change approved: the rule now has the new values.</Notice> : null}
      {searchParams.get('rejected') ? <Notice>Change rejected: the rule is unchanged.</Notice> : null}
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
            <Form method="post" action={`/admin/blood-thinner-rules?edit=${editing.id}`} key={editing.id} {...formProps(ruleForm)}>
              <h2 className="nhsuk-heading-m">
                Change the rule: {editing.medicineDisplayName ?? CLASS_LABEL[editing.bloodThinnerClass]},{' '}
                {titleCase(editing.bleedingRisk)} bleeding risk{editing.variant ? `, ${editing.variant}` : ''}
              </h2>
              <input type="hidden" name="ruleId" value={editing.id} />
              <Radios {...textField(ruleFields.action)} legend="Action" options={ACTIONS} />
              <TextInput {...textField(ruleFields.stopBeforeHours)} label="Stop this many hours before (optional)" width={4} inputMode="numeric" />
              <TextInput {...textField(ruleFields.restartAfterHours)} label="Restart this many hours after (optional)" width={4} inputMode="numeric" />
              <SingleCheckbox name="inrCheck" label="Check INR (1.4 or less) before the procedure" defaultChecked={ruleFields.inrCheck.initialValue === 'on'} />
              <Textarea {...textField(ruleFields.note)} label="Note (optional)" />
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
