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
    expect(ticagrelor.map((r) => [r.bleedingRisk, r.stopBeforeHours]).sort()).toEqual([['HIGH', 120], ['INTERMEDIATE', 120]]);
  });
});

describe('the admin blood-thinner rules page', () => {
  it('lists every rule to an admin, and refuses clerks and doctors (403)', async () => {
    const { cookie } = await signedIn('ADMIN');
    const page = await respond(() => rulesLoader(routeArgs(getRequest('/admin/blood-thinner-rules', cookie)) as never));
    expect(page.status).toBe(200);
    expect((await page.json()).rules).toHaveLength(BLOOD_THINNER_RULES.length);
    for (const role of ['CLERK', 'DOCTOR'] as const) {
      const { cookie: other } = await signedIn(role);
      const view = await respond(() => rulesLoader(routeArgs(getRequest('/admin/blood-thinner-rules', other)) as never));
      expect(view.status).toBe(403);
      const rule = await warfarinHighRule();
      const post = await respond(() =>
        rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { ruleId: rule.id, action: 'CONTINUE' }, other)) as never),
      );
      expect(post.status).toBe(403);
      expect((await warfarinHighRule()).action).toBe('STOP');
    }
  });

  it('saves an edit with who and when, audits the before and after values, and the plan page proposes from the edited row', async () => {
    const { user: admin, cookie } = await signedIn('ADMIN');
    const rule = await warfarinHighRule();
    const response = await respond(() =>
      rulesAction(routeArgs(formRequest('/admin/blood-thinner-rules', { ruleId: rule.id, action: 'STOP', stopBeforeHours: '144', restartAfterHours: '12', inrCheck: 'on', note: 'Local policy: 6 days' }, cookie)) as never),
    );
    expect(response.status).toBe(302);
    const saved = await warfarinHighRule();
    expect(saved).toMatchObject({ stopBeforeHours: 144, restartAfterHours: 12, inrCheck: true, note: 'Local policy: 6 days', updatedById: admin.id });
    expect(saved.updatedAt.getTime()).toBeGreaterThan(rule.updatedAt.getTime());
    const prisma = await getPrisma();
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'blood-thinner-rule.update', entityId: rule.id } });
    expect(audit).toMatchObject({ actorId: admin.id, actorRole: 'ADMIN', entityType: 'BloodThinnerRule' });
    expect(audit.details).toMatchObject({ before: { stopBeforeHours: 120, restartAfterHours: 6 }, after: { stopBeforeHours: 144, restartAfterHours: 12 } });

    const page = await respond(() => rulesLoader(routeArgs(getRequest('/admin/blood-thinner-rules', cookie)) as never));
    const listed = (await page.json()).rules.find((r: { id: string }) => r.id === rule.id);
    expect(listed.updatedByName).toMatch(/^Test ADMIN/);

    // The rule table is data: the plan page now proposes 6 days for warfarin before an intermediate-risk procedure.
    const patient = await createPatient(prisma);
    await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'warfarin' });
    const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'TRANSFORAMINAL_EPIDURAL' });
    const { cookie: doctor } = await signedIn('DOCTOR');
    const plan = await respond(() => planLoader(routeArgs(getRequest(`/procedure-requests/${request.id}/plan`, doctor), { requestId: request.id }) as never));
    expect((await plan.json()).items[0].proposal).toMatchObject({ action: 'STOP', stopBeforeHours: 144, restartAfterHours: 12, inrCheck: true, ruleId: rule.id });
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
