import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { seedBloodThinnerRules } from '~/medicines/blood-thinner-rule-repo.server';
import { BLOOD_THINNER_RULES } from '~/medicines/blood-thinner-rules';
import { action as rulesAction, loader as rulesLoader } from '~/routes/admin.blood-thinner-rules';
import { loader as planLoader } from '~/routes/procedure-requests.$requestId.plan';
import { createPatient, createPatientMedicine, createProcedureRequest } from '../factories';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

async function signedIn(role: 'DOCTOR' | 'CLERK' | 'ADMIN') {
  const user = await staffWithPassword(role);
  return { user, cookie: await signInCookie(user.email, user.password) };
}

async function warfarinHighRule() {
  const prisma = await getPrisma();
  return prisma.bloodThinnerRule.findFirstOrThrow({ where: { bloodThinnerClass: 'WARFARIN', medicineId: null, bleedingRisk: 'INTERMEDIATE', variant: '' } });
}

describe('seeding the blood-thinner rule table', () => {
  it('loads every row once, with the drug-specific rows tied to their medicines; running it again changes nothing and keeps edits', async () => {
    const prisma = await getPrisma();
    const first = await seedBloodThinnerRules(prisma);
    expect(first.created).toBe(BLOOD_THINNER_RULES.length);
    const rule = await warfarinHighRule();
    await prisma.bloodThinnerRule.update({ where: { id: rule.id }, data: { stopBeforeHours: 96 } });

    const again = await seedBloodThinnerRules(prisma);
    expect(again.created).toBe(0);
    expect(await prisma.bloodThinnerRule.count()).toBe(BLOOD_THINNER_RULES.length);
    expect((await warfarinHighRule()).stopBeforeHours).toBe(96);
    await prisma.bloodThinnerRule.update({ where: { id: rule.id }, data: { stopBeforeHours: 120 } });

    const ticagrelor = await prisma.bloodThinnerRule.findMany({ where: { medicine: { genericName: 'ticagrelor' } } });
    // Ticagrelor 5 days; after a recent coronary stent none is proposed (ask cardiology).
    expect(ticagrelor.map((r) => [r.bleedingRisk, r.variant, r.stopBeforeHours]).sort()).toEqual([
      ['HIGH', 'no recent coronary stent', 120],
      ['HIGH', 'recent coronary stent', null],
      ['INTERMEDIATE', 'no recent coronary stent', 120],
      ['INTERMEDIATE', 'recent coronary stent', null],
    ]);
  });
});

describe('the admin blood-thinner rules page', () => {
  it('lists every rule to an admin and a doctor (who may approve changes), refuses clerks (403); only an admin proposes', async () => {
    const { cookie } = await signedIn('ADMIN');
    const page = await respond(() => rulesLoader(routeArgs(getRequest('/admin/blood-thinner-rules', cookie)) as never));
    expect(page.status).toBe(200);
    expect((await page.json()).rules).toHaveLength(BLOOD_THINNER_RULES.length);
    const { cookie: doctor } = await signedIn('DOCTOR');
    const doctorView = await respond(() => rulesLoader(routeArgs(getRequest('/admin/blood-thinner-rules', doctor)) as never));
    expect(doctorView.status).toBe(200);
    expect((await doctorView.json()).canEdit).toBe(false);
    const { cookie: clerk } = await signedIn('CLERK');
    expect((await respond(() => rulesLoader(routeArgs(getRequest('/admin/blood-thinner-rules', clerk)) as never))).status).toBe(403);
    const prisma = await getPrisma();
    for (const other of [clerk, doctor]) {
      const rule = await warfarinHighRule();
      const post = await respond(() =>
        rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { ruleId: rule.id, action: 'CONTINUE' }, other)) as never),
      );
      expect(post.status).toBe(403);
      expect((await warfarinHighRule()).action).toBe('STOP');
      expect(await prisma.bloodThinnerRuleChange.count({ where: { ruleId: rule.id, status: 'PENDING', values: { path: ['action'], equals: 'CONTINUE' } } })).toBe(0);
    }
  });

  it('an edit waits for a second person; once approved the rule has the new values, audited with proposer and approver, and the plan page proposes from it', async () => {
    const { user: admin, cookie } = await signedIn('ADMIN');
    const rule = await warfarinHighRule();
    const response = await respond(() =>
      rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { ruleId: rule.id, action: 'STOP', stopBeforeHours: '144', restartAfterHours: '12', inrCheck: 'on', note: 'Local policy: 6 days' }, cookie)) as never),
    );
    expect(response.status).toBe(302);
    // Not yet in effect.
    expect(await warfarinHighRule()).toMatchObject({ stopBeforeHours: 120, restartAfterHours: 6 });
    const prisma = await getPrisma();
    const change = await prisma.bloodThinnerRuleChange.findFirstOrThrow({ where: { ruleId: rule.id, status: 'PENDING' }, orderBy: { proposedAt: 'desc' } });
    expect(change).toMatchObject({ proposedById: admin.id, values: { stopBeforeHours: 144, restartAfterHours: 12, inrCheck: true } });
    const listed = await respond(() => rulesLoader(routeArgs(getRequest('/admin/blood-thinner-rules', cookie)) as never));
    expect((await listed.json()).pending).toEqual(expect.arrayContaining([expect.objectContaining({ id: change.id, proposedById: admin.id })]));

    // The proposer cannot approve their own change.
    const own = await respond(() => rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { intent: 'approve', changeId: change.id }, cookie)) as never));
    expect(own.status).toBe(400);
    expect((await own.json()).formError).toContain('different administrator or doctor');
    expect((await warfarinHighRule()).stopBeforeHours).toBe(120);

    // A doctor approves: applied in the same transaction.
    const { user: approver, cookie: doctorCookie } = await signedIn('DOCTOR');
    const approved = await respond(() => rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { intent: 'approve', changeId: change.id }, doctorCookie)) as never));
    expect(approved.status).toBe(302);
    const saved = await warfarinHighRule();
    expect(saved).toMatchObject({ stopBeforeHours: 144, restartAfterHours: 12, inrCheck: true, note: 'Local policy: 6 days', updatedById: admin.id });
    expect(saved.updatedAt.getTime()).toBeGreaterThan(rule.updatedAt.getTime());
    expect(await prisma.bloodThinnerRuleChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({ status: 'APPROVED', decidedById: approver.id });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'blood-thinner-rule.update', entityId: rule.id }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actorId: approver.id, actorRole: 'DOCTOR', entityType: 'BloodThinnerRule' });
    expect(audit.details).toMatchObject({ proposedById: admin.id, decidedById: approver.id, before: { stopBeforeHours: 120, restartAfterHours: 6 }, after: { stopBeforeHours: 144, restartAfterHours: 12 } });

    // Approving twice is a stale form, not a second change.
    const again = await respond(() => rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { intent: 'approve', changeId: change.id }, doctorCookie)) as never));
    expect(again.status).toBe(409);

    const page = await respond(() => rulesLoader(routeArgs(getRequest('/admin/blood-thinner-rules', cookie)) as never));
    expect((await page.json()).rules.find((r: { id: string }) => r.id === rule.id).updatedByName).toMatch(/^Test ADMIN/);

    // The rule table is data: the plan page now proposes 6 days for warfarin before an intermediate-risk procedure.
    const patient = await createPatient(prisma);
    await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'warfarin' });
    const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'TRANSFORAMINAL_EPIDURAL' });
    const plan = await respond(() => planLoader(routeArgs(getRequest(`/procedure-requests/${request.id}/plan`, doctorCookie), { requestId: request.id }) as never));
    expect((await plan.json()).items[0].proposal).toMatchObject({ action: 'STOP', stopBeforeHours: 144, restartAfterHours: 12, inrCheck: true, ruleId: rule.id });
    await prisma.bloodThinnerRule.update({ where: { id: rule.id }, data: { stopBeforeHours: 120, restartAfterHours: 6, note: null } });
  });

  it('a rejected change leaves the rule as it was', async () => {
    const { cookie } = await signedIn('ADMIN');
    const { user: other, cookie: otherCookie } = await signedIn('ADMIN');
    const rule = await warfarinHighRule();
    await respond(() => rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { ruleId: rule.id, action: 'CONTINUE' }, cookie)) as never));
    const prisma = await getPrisma();
    const change = await prisma.bloodThinnerRuleChange.findFirstOrThrow({ where: { ruleId: rule.id, status: 'PENDING' }, orderBy: { proposedAt: 'desc' } });
    const rejected = await respond(() => rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { intent: 'reject', changeId: change.id }, otherCookie)) as never));
    expect(rejected.status).toBe(302);
    expect((await warfarinHighRule()).action).toBe('STOP');
    expect(await prisma.bloodThinnerRuleChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({ status: 'REJECTED', decidedById: other.id });
    expect(await prisma.auditEvent.count({ where: { action: 'blood-thinner-rule.reject', entityId: rule.id, actorId: other.id } })).toBe(1);
  });

  it('refuses bad input with field messages and changes nothing', async () => {
    const { cookie } = await signedIn('ADMIN');
    const rule = await warfarinHighRule();
    const before = await warfarinHighRule();
    const bad = await respond(() =>
      rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { ruleId: rule.id, action: 'STOP', stopBeforeHours: '-3' }, cookie)) as never),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.stopBeforeHours).toEqual(['Stop before cannot be negative']);
    const noHours = await respond(() =>
      rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { ruleId: rule.id, action: 'STOP' }, cookie)) as never),
    );
    expect(noHours.status).toBe(400);
    const missing = await respond(() =>
      rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { ruleId: 'no-such-rule', action: 'CONTINUE' }, cookie)) as never),
    );
    expect(missing.status).toBe(404);
    expect(await warfarinHighRule()).toEqual(before);
  });
});
