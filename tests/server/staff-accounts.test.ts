// Staff accounts (ADR 15): admins add and change staff, password links, own password change, session revocation.
import { describe, expect, it } from 'vitest';
import { usePasswordReset } from '~/auth/passwords.server';
import { getCurrentUser } from '~/auth/session.server';
import { getPrisma } from '~/db.server';
import { action as accountAction, loader as accountLoader } from '~/routes/account._index';
import { action as staffAction, loader as staffLoader } from '~/routes/admin.staff.$staffId';
import { action as newStaffAction, loader as newStaffLoader } from '~/routes/admin.staff.new';
import { action as resetAction, loader as resetLoader } from '~/routes/reset-password';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

const NEW_PASSWORD = 'plum kettle orbit 47 violin';

async function body(response: Response) {
  return JSON.parse(await response.text());
}

function postStaff(staffId: string, fields: Record<string, string>, cookie: string) {
  return respond(() => staffAction(routeArgs(formRequest(`/admin/staff/${staffId}`, fields, cookie), { staffId }) as never));
}

async function signedInAdmin() {
  const admin = await staffWithPassword('ADMIN');
  return { admin, cookie: await signInCookie(admin.email, admin.password) };
}

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token')!;
}

async function issueLink(staffId: string, cookie: string): Promise<string> {
  const response = await postStaff(staffId, { intent: 'password-reset' }, cookie);
  expect(response.status).toBe(200);
  return tokenOf((await body(response)).issued.link);
}

function resetPassword(token: string, password: string, confirm = password) {
  return respond(() =>
    resetAction(routeArgs(formRequest('/reset-password', { token, newPassword: password, confirmPassword: confirm })) as never),
  );
}

describe('staff pages are for admins only', () => {
  it('refuses clerks and doctors with 403, loaders and actions alike', async () => {
    const target = await staffWithPassword('CLERK');
    for (const role of ['CLERK', 'DOCTOR'] as const) {
      const staff = await staffWithPassword(role);
      const cookie = await signInCookie(staff.email, staff.password);
      const responses = [
        await respond(() => newStaffLoader(routeArgs(getRequest('/admin/staff/new', cookie)) as never)),
        await respond(() => newStaffAction(routeArgs(formRequest('/admin/staff/new', { name: 'X', email: 'x@nhs.net', role: 'ADMIN' }, cookie)) as never)),
        await respond(() => staffLoader(routeArgs(getRequest(`/admin/staff/${target.id}`, cookie), { staffId: target.id }) as never)),
        await postStaff(target.id, { intent: 'deactivate' }, cookie),
        await postStaff(staff.id, { intent: 'details', name: 'Me', role: 'ADMIN' }, cookie),
      ];
      expect(responses.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    }
    const prisma = await getPrisma();
    expect(await prisma.staffUser.count({ where: { email: 'x@nhs.net' } })).toBe(0);
    expect(await prisma.staffUser.count({ where: { role: 'ADMIN', name: 'Me' } })).toBe(0);
  });

  it('answers 404 for an unknown member of staff', async () => {
    const { cookie } = await signedInAdmin();
    const response = await respond(() => staffLoader(routeArgs(getRequest('/admin/staff/nobody', cookie), { staffId: 'nobody' }) as never));
    expect(response.status).toBe(404);
  });
});

describe('adding a member of staff', () => {
  it('creates them with a one-time link; they set a password from it and sign in', async () => {
    const { admin, cookie } = await signedInAdmin();
    const email = `dr.new-${Math.random().toString(36).slice(2, 8)}@nhs.example`;
    const response = await respond(() =>
      newStaffAction(
        routeArgs(formRequest('/admin/staff/new', { name: 'Dr Priya New', email: email.toUpperCase(), role: 'DOCTOR', gmcNumber: '7654321' }, cookie)) as never,
      ),
    );
    expect(response.status).toBe(200);
    const { created } = await body(response);
    expect(created.link).toMatch(/^http:\/\/paindesk\.test\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    const prisma = await getPrisma();
    const user = await prisma.staffUser.findUnique({ where: { email }, select: { id: true, role: true, gmcNumber: true, name: true } });
    expect(user).toEqual({ id: created.id, role: 'DOCTOR', gmcNumber: '7654321', name: 'Dr Priya New' });
    // Only the hash of the token is stored.
    const token = tokenOf(created.link);
    const stored = await prisma.passwordReset.findMany({ where: { userId: user!.id }, select: { tokenHash: true } });
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).not.toContain(token);
    expect(
      await prisma.auditEvent.findMany({ where: { entityId: user!.id, actorId: admin.id }, orderBy: { id: 'asc' }, select: { action: true } }),
    ).toEqual([{ action: 'staff.create' }, { action: 'staff.password-reset-issued' }]);

    // Until they set one, no password works.
    await expect(signInCookie(email, 'correct horse battery')).rejects.toThrow(/401/);
    const page = await respond(() => resetLoader(routeArgs(getRequest(`/reset-password?token=${token}`)) as never));
    expect(page.status).toBe(200);
    expect(await body(page)).toMatchObject({ valid: true, email });
    expect((await resetPassword(token, NEW_PASSWORD)).headers.get('Location')).toBe('/sign-in?passwordSet=1');
    const staffCookie = await signInCookie(email, NEW_PASSWORD);
    expect(await getCurrentUser(getRequest('/', staffCookie))).toMatchObject({ id: user!.id, role: 'DOCTOR' });
  });

  it('refuses a duplicate email and a doctor without a GMC number with field messages, creating nothing', async () => {
    const { cookie } = await signedInAdmin();
    const existing = await staffWithPassword('CLERK');
    const prisma = await getPrisma();
    const before = await prisma.staffUser.count();
    const duplicate = await respond(() =>
      newStaffAction(routeArgs(formRequest('/admin/staff/new', { name: 'Someone', email: existing.email, role: 'CLERK' }, cookie)) as never),
    );
    expect(duplicate.status).toBe(409);
    expect((await body(duplicate)).error.email).toEqual(['A member of staff already has this email address']);
    const noGmc = await respond(() =>
      newStaffAction(routeArgs(formRequest('/admin/staff/new', { name: 'Dr A', email: 'dr.a@nhs.example', role: 'DOCTOR' }, cookie)) as never),
    );
    expect(noGmc.status).toBe(400);
    expect((await body(noGmc)).error.gmcNumber).toEqual(['Enter the doctor’s GMC number']);
    expect(await prisma.staffUser.count()).toBe(before);
  });
});

describe('password links', () => {
  it('work once', async () => {
    const { cookie } = await signedInAdmin();
    const clerk = await staffWithPassword('CLERK');
    const token = await issueLink(clerk.id, cookie);
    const [first, second] = await Promise.all([resetPassword(token, NEW_PASSWORD), resetPassword(token, 'another fine passphrase')]);
    expect([first.status, second.status].sort()).toEqual([302, 410]);
    const again = await resetPassword(token, 'yet another passphrase');
    expect(again.status).toBe(410);
    expect((await body(again)).formError).toMatch(/already been used, has expired/);
    const page = await respond(() => resetLoader(routeArgs(getRequest(`/reset-password?token=${token}`)) as never));
    expect(page.status).toBe(410);
    const prisma = await getPrisma();
    expect(await prisma.auditEvent.count({ where: { action: 'staff.password-reset-used', entityId: clerk.id } })).toBe(1);
  });

  it('expire after 24 hours, and a new link replaces the old one', async () => {
    const { cookie } = await signedInAdmin();
    const clerk = await staffWithPassword('CLERK');
    const old = await issueLink(clerk.id, cookie);
    const token = await issueLink(clerk.id, cookie);
    expect((await resetPassword(old, NEW_PASSWORD)).status).toBe(410);
    const prisma = await getPrisma();
    const { createdAt } = (await prisma.passwordReset.findFirst({ where: { userId: clerk.id }, select: { createdAt: true } }))!;
    const hours = (h: number) => new Date(createdAt.getTime() + h * 60 * 60 * 1000);
    await expect(usePasswordReset(token, NEW_PASSWORD, null, hours(24))).rejects.toMatchObject({ code: 'RESET_LINK_NOT_VALID' });
    await usePasswordReset(token, NEW_PASSWORD, null, hours(23.9));
    expect(await signInCookie(clerk.email, NEW_PASSWORD)).toMatch(/^paindesk_session=/);
  });

  it('apply the password rules, leaving the link usable', async () => {
    const { cookie } = await signedInAdmin();
    const clerk = await staffWithPassword('CLERK');
    const token = await issueLink(clerk.id, cookie);
    for (const [password, confirm, field, message] of [
      ['short', 'short', 'newPassword', 'Enter a password of at least 12 characters'],
      ['1qaz2wsx3EDC', '1qaz2wsx3EDC', 'newPassword', 'That password is commonly used and easy to guess: choose a different one'],
      [clerk.email, clerk.email, 'newPassword', 'Your password must not be your email address'],
      [NEW_PASSWORD, 'something else entirely', 'confirmPassword', 'The passwords do not match'],
    ]) {
      const response = await resetPassword(token, password, confirm);
      expect(response.status, password).toBe(400);
      const reply = await body(response);
      expect(reply.error[field]).toEqual([message]);
      expect(JSON.stringify(reply)).not.toContain(password);
    }
    expect((await resetPassword(token, NEW_PASSWORD)).status).toBe(302);
  });

  it('end every session of the person and lift a lock', async () => {
    const { cookie } = await signedInAdmin();
    const doctor = await staffWithPassword('DOCTOR');
    const doctorCookie = await signInCookie(doctor.email, doctor.password);
    const prisma = await getPrisma();
    await prisma.staffUser.update({ where: { id: doctor.id }, data: { failedSignInCount: 10, lockedUntil: new Date(Date.now() + 60 * 60 * 1000) } });
    const token = await issueLink(doctor.id, cookie);
    expect((await resetPassword(token, NEW_PASSWORD)).status).toBe(302);
    expect(await getCurrentUser(getRequest('/', doctorCookie))).toBeNull();
    expect(await prisma.session.count({ where: { userId: doctor.id } })).toBe(0);
    expect(await signInCookie(doctor.email, NEW_PASSWORD)).toMatch(/^paindesk_session=/);
  });
});

describe('changing your own password', () => {
  it('needs the current password; ends your other sessions but not this one', async () => {
    const clerk = await staffWithPassword('CLERK');
    const here = await signInCookie(clerk.email, clerk.password);
    const elsewhere = await signInCookie(clerk.email, clerk.password);
    const page = await respond(() => accountLoader(routeArgs(getRequest('/account', here)) as never));
    expect(page.status).toBe(200);

    const change = (fields: Record<string, string>) => respond(() => accountAction(routeArgs(formRequest('/account', fields, here)) as never));
    const wrong = await change({ currentPassword: 'not my password', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect((await body(wrong)).error.currentPassword).toEqual(['Your current password is not correct']);
    expect(await getCurrentUser(getRequest('/', elsewhere))).not.toBeNull();

    const ok = await change({ currentPassword: clerk.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('Location')).toBe('/account?changed=1');
    expect(await getCurrentUser(getRequest('/', here))).toMatchObject({ id: clerk.id });
    expect(await getCurrentUser(getRequest('/', elsewhere))).toBeNull();
    await expect(signInCookie(clerk.email, clerk.password)).rejects.toThrow(/401/);
    expect(await signInCookie(clerk.email, NEW_PASSWORD)).toMatch(/^paindesk_session=/);
    const prisma = await getPrisma();
    expect(
      await prisma.auditEvent.findMany({ where: { entityId: clerk.id, action: { startsWith: 'staff.password-change' } }, orderBy: { id: 'asc' }, select: { action: true } }),
    ).toEqual([{ action: 'staff.password-change-failed' }, { action: 'staff.password-change' }]);
  });
});

describe('role changes and deactivation', () => {
  it('a role change takes effect at once: the person is signed out; audited with from and to', async () => {
    const { admin, cookie } = await signedInAdmin();
    const clerk = await staffWithPassword('CLERK');
    const clerkCookie = await signInCookie(clerk.email, clerk.password);
    const response = await postStaff(clerk.id, { intent: 'details', name: 'Dr Former Clerk', role: 'DOCTOR', gmcNumber: '1234567' }, cookie);
    expect(response.status).toBe(302);
    expect(await getCurrentUser(getRequest('/', clerkCookie))).toBeNull();
    const prisma = await getPrisma();
    const event = await prisma.auditEvent.findFirst({ where: { action: 'staff.role-change', entityId: clerk.id }, select: { actorId: true, details: true } });
    expect(event).toEqual({ actorId: admin.id, details: { from: 'CLERK', to: 'DOCTOR', sessionsEnded: 1 } });
    expect(await prisma.staffUser.findUnique({ where: { id: clerk.id }, select: { role: true, gmcNumber: true } })).toEqual({ role: 'DOCTOR', gmcNumber: '1234567' });
  });

  it('deactivating signs the person out everywhere and withdraws their link; reactivating lets them in again', async () => {
    const { admin, cookie } = await signedInAdmin();
    const doctor = await staffWithPassword('DOCTOR');
    const doctorCookie = await signInCookie(doctor.email, doctor.password);
    const token = await issueLink(doctor.id, cookie);
    expect((await postStaff(doctor.id, { intent: 'deactivate' }, cookie)).status).toBe(302);
    const prisma = await getPrisma();
    expect(await prisma.session.count({ where: { userId: doctor.id } })).toBe(0);
    expect(await getCurrentUser(getRequest('/', doctorCookie))).toBeNull();
    expect((await resetPassword(token, NEW_PASSWORD)).status).toBe(410);
    await expect(signInCookie(doctor.email, doctor.password)).rejects.toThrow(/401/);

    expect((await postStaff(doctor.id, { intent: 'reactivate' }, cookie)).status).toBe(302);
    expect(await signInCookie(doctor.email, doctor.password)).toMatch(/^paindesk_session=/);
    expect(
      await prisma.auditEvent.findMany({
        where: { entityId: doctor.id, actorId: admin.id, action: { in: ['staff.deactivate', 'staff.reactivate'] } },
        orderBy: { id: 'asc' },
        select: { action: true },
      }),
    ).toEqual([{ action: 'staff.deactivate' }, { action: 'staff.reactivate' }]);
  });

  it('the last active admin cannot deactivate or demote themselves; with another admin they can', async () => {
    const prisma = await getPrisma();
    // Only this admin is active in this test's world.
    const { admin, cookie } = await signedInAdmin();
    const others = await prisma.staffUser.findMany({ where: { role: 'ADMIN', active: true, id: { not: admin.id } }, select: { id: true } });
    await prisma.staffUser.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });

    for (const fields of [{ intent: 'deactivate' }, { intent: 'details', name: 'Me', role: 'CLERK' }] as Record<string, string>[]) {
      const response = await postStaff(admin.id, fields, cookie);
      expect(response.status, fields.intent).toBe(409);
      expect((await body(response)).formError).toBe(
        'This is the last active administrator: PainDesk needs at least one. Make another member of staff an administrator first.',
      );
    }
    expect(await prisma.staffUser.findUnique({ where: { id: admin.id }, select: { role: true, active: true } })).toEqual({ role: 'ADMIN', active: true });

    const second = await staffWithPassword('ADMIN');
    // Two admins demoting themselves at the same moment: one of them must stay.
    const secondCookie = await signInCookie(second.email, second.password);
    const replies = await Promise.all([
      postStaff(admin.id, { intent: 'details', name: 'Me', role: 'CLERK' }, cookie),
      postStaff(second.id, { intent: 'deactivate' }, secondCookie),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await prisma.staffUser.count({ where: { role: 'ADMIN', active: true } })).toBe(1);
    await prisma.staffUser.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
  });
});
