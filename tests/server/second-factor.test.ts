// The second factor (docs/decisions/0016) through the real routes: the code step after the password, its
// limits, recovery codes, setting one up when the role needs it, the account page, the unit setting and an
// administrator's reset.
import { describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_SIGN_IN } from '~/auth/second-factor.server';
import { getCurrentUser } from '~/auth/session.server';
import { totpCode, totpStep } from '~/auth/totp';
import { getPrisma } from '~/db.server';
import { loader as homeLoader } from '~/routes/_index';
import { loader as accountRecoveryCodesLoader } from '~/routes/account.recovery-codes';
import { action as accountAction, loader as accountLoader } from '~/routes/account.two-factor';
import { loader as adminLoader } from '~/routes/admin._index';
import { action as settingsAction, loader as settingsLoader } from '~/routes/admin.settings';
import { action as resetAction, loader as resetLoader } from '~/routes/admin.staff.$staffId_.reset-second-factor';
import { loader as patientsLoader } from '~/routes/patients._index';
import { action as signInAction, loader as signInLoader } from '~/routes/sign-in';
import { action as codeAction, loader as codeLoader } from '~/routes/sign-in_.second-factor';
import { action as setUpAction, loader as setUpLoader } from '~/routes/sign-in_.set-up-second-factor';
import { action as signOutAction } from '~/routes/sign-out';
import { getUnitSetting } from '~/settings/unit-settings.server';
import { formRequest, freshTotpCode, getRequest, respond, routeArgs, setCookies, signInCookie, staffWithPassword } from './helpers';

type Staff = Awaited<ReturnType<typeof staffWithPassword>>;

/** The password step: returns the response and the cookies it set. */
async function password(staff: Staff, redirectTo = '/') {
  const response = await respond(() => signInAction(routeArgs(formRequest('/sign-in', { email: staff.email, password: staff.password, redirectTo })) as never));
  return { response, cookies: setCookies(response), location: response.headers.get('Location') };
}

async function enterCode(pendingCookie: string, fields: Record<string, string>) {
  const response = await respond(() => codeAction(routeArgs(formRequest('/sign-in/second-factor', fields, pendingCookie)) as never));
  return { response, cookies: setCookies(response), location: response.headers.get('Location'), body: response.status === 302 ? null : await response.clone().json() };
}

const wrongCode = (secret: string) => String((Number(totpCode(secret, Date.now())) + 500_000) % 1_000_000).padStart(6, '0');

async function location(loader: (args: never) => Promise<unknown>, path: string, cookie: string) {
  const response = await respond(() => loader(routeArgs(getRequest(path, cookie)) as never));
  return { status: response.status, location: response.headers.get('Location') };
}

/** Sets up a second factor through the sign-in set-up page; returns the session cookie, secret and codes. */
async function setUpAtSignIn(staff: Staff) {
  const { cookies, location: to } = await password(staff, '/patients');
  expect(to).toBe('/sign-in/set-up-second-factor');
  const pending = cookies[0];
  const page = await respond(() => setUpLoader(routeArgs(getRequest('/sign-in/set-up-second-factor', pending)) as never));
  const details = await page.json();
  const secret = (details.groupedSecret as string).replace(/\s/g, '');
  expect(details.uri).toContain(`secret=${secret}`);
  expect(details.qrSvg).toMatch(/^<svg/);
  const confirmed = await respond(() =>
    setUpAction(routeArgs(formRequest('/sign-in/set-up-second-factor', { code: totpCode(secret, Date.now()) }, pending)) as never),
  );
  expect(confirmed.status).toBe(302);
  expect(confirmed.headers.get('Location')).toBe('/account/recovery-codes');
  const set = setCookies(confirmed);
  const session = set.find((c) => c.startsWith('paindesk_session='))!;
  const codesCookie = set.find((c) => c.startsWith('paindesk_recovery_codes='))!;
  expect(set.find((c) => c.startsWith('paindesk_second_factor='))).toBe('paindesk_second_factor=');
  const shown = await respond(() => accountRecoveryCodesLoader(routeArgs(getRequest('/account/recovery-codes', `${session}; ${codesCookie}`)) as never));
  expect(shown.status).toBe(200);
  const { codes, next } = await shown.json();
  // Shown once: the page clears its cookie.
  expect(setCookies(shown)).toContain('paindesk_recovery_codes=');
  return { session, secret, codes: codes as string[], next: next as string, codesCookie };
}

describe('signing in with a second factor', () => {
  it('gives no session for the password alone: only a pending step, which no page accepts', async () => {
    const admin = await staffWithPassword('ADMIN');
    const prisma = await getPrisma();
    const { response, cookies, location: to } = await password(admin, '/patients');
    expect(response.status).toBe(302);
    expect(to).toBe('/sign-in/second-factor');
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^paindesk_second_factor=./);
    expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(0);
    // The pending cookie in place of a session cookie is nobody signed in.
    const pending = cookies[0];
    expect(await getCurrentUser(getRequest('/', pending))).toBeNull();
    for (const [loader, path] of [
      [homeLoader, '/'],
      [adminLoader, '/admin'],
      [patientsLoader, '/patients'],
    ] as const) {
      expect((await location(loader as never, path, pending)).location, path).toMatch(/^\/sign-in/);
    }
    // ... and the sign-in page sends them back to the code.
    expect(await location(signInLoader as never, '/sign-in', pending)).toEqual({ status: 302, location: '/sign-in/second-factor' });
    expect(await location(setUpLoader as never, '/sign-in/set-up-second-factor', pending)).toEqual({ status: 302, location: '/sign-in/second-factor' });
    // The database keeps only a hash of the pending token.
    const row = await prisma.pendingSignIn.findFirstOrThrow({ where: { userId: admin.id }, select: { tokenHash: true, enrolment: true } });
    expect(row.enrolment).toBe(false);
    expect(decodeURIComponent(pending)).not.toContain(row.tokenHash);
  });

  it('starts the session after a right code, going where the person was going; the same code never works twice', async () => {
    const admin = await staffWithPassword('ADMIN');
    const prisma = await getPrisma();
    const first = await password(admin, '/patients');
    const code = await freshTotpCode(admin.email, admin.totpSecret!);
    const done = await enterCode(first.cookies[0], { code });
    expect(done.response.status).toBe(302);
    expect(done.location).toBe('/patients');
    expect(done.cookies[0]).toMatch(/^paindesk_session=./);
    expect(done.cookies).toContain('paindesk_second_factor=');
    expect(await getCurrentUser(getRequest('/', done.cookies[0]))).toMatchObject({ id: admin.id, role: 'ADMIN' });
    expect(await prisma.pendingSignIn.count({ where: { userId: admin.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { actorId: admin.id, action: 'session.sign-in' } })).toBe(1);

    // Replaying the finished step's cookie does nothing.
    expect((await enterCode(first.cookies[0], { code })).location).toBe('/sign-in');
    // Someone who saw the code and has the password cannot use it again.
    const second = await password(admin);
    const replay = await enterCode(second.cookies[0], { code });
    expect(replay.response.status).toBe(401);
    expect(replay.body.error.code).toEqual(['That code has already been used. Wait for your app to show a new one.']);
    expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(1);
    // Refused and audited on its own, but not a wrong guess: it does not use up a try.
    expect((await prisma.pendingSignIn.findFirstOrThrow({ where: { userId: admin.id }, select: { failures: true } })).failures).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entityId: admin.id, action: 'second-factor.code-reused' } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { entityId: admin.id, action: 'second-factor.verify-failed' } })).toBe(0);
  });

  it('counts wrong codes, audits each, and after five sends the person back to their password', async () => {
    const admin = await staffWithPassword('ADMIN');
    const prisma = await getPrisma();
    const { cookies } = await password(admin);
    for (let n = 1; n < MAX_FAILURES_PER_SIGN_IN; n++) {
      const wrong = await enterCode(cookies[0], { code: wrongCode(admin.totpSecret!) });
      expect(wrong.response.status).toBe(401);
      const left = MAX_FAILURES_PER_SIGN_IN - n;
      expect(wrong.body.error.code).toEqual([`The code is not correct. You have ${left === 1 ? '1 more try' : `${left} more tries`}.`]);
      expect(wrong.cookies).toEqual([]);
    }
    const last = await enterCode(cookies[0], { code: 'not a code' });
    expect(last.response.status).toBe(401);
    expect(last.body.startAgain).toBe('Too many wrong codes. Sign in again with your password.');
    expect(last.cookies).toEqual(['paindesk_second_factor=']);
    expect(await prisma.pendingSignIn.count({ where: { userId: admin.id } })).toBe(0);
    // A right code is too late now.
    const late = await enterCode(cookies[0], { code: await freshTotpCode(admin.email, admin.totpSecret!) });
    expect(late.location).toBe('/sign-in');
    expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(0);
    const failures = await prisma.auditEvent.findMany({
      where: { entityType: 'StaffUser', entityId: admin.id, action: 'second-factor.verify-failed' },
      select: { actorId: true, details: true },
    });
    expect(failures).toHaveLength(MAX_FAILURES_PER_SIGN_IN);
    expect(failures[0]).toEqual({ actorId: admin.id, details: { context: 'sign-in' } });
    // The password again gives a fresh step, and the right code works.
    expect(await signInCookie(admin.email, admin.password)).toMatch(/^paindesk_session=/);
  });

  it('refuses a pending step after five minutes, and a code typed as nothing is a 400 that changes nothing', async () => {
    const admin = await staffWithPassword('ADMIN');
    const prisma = await getPrisma();
    const { cookies } = await password(admin);
    const empty = await enterCode(cookies[0], { code: '' });
    expect(empty.response.status).toBe(400);
    expect(empty.body.error.code).toEqual(['Enter the 6-digit code from your authenticator app']);
    expect((await prisma.pendingSignIn.findFirstOrThrow({ where: { userId: admin.id } })).failures).toBe(0);
    await prisma.pendingSignIn.updateMany({ where: { userId: admin.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await location(codeLoader as never, '/sign-in/second-factor', cookies[0])).toEqual({ status: 302, location: '/sign-in' });
    expect((await enterCode(cookies[0], { code: await freshTotpCode(admin.email, admin.totpSecret!) })).location).toBe('/sign-in');
    expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(0);
  });

  it('asks anyone who set one up for a code, whatever their role; others sign in with a password', async () => {
    const clerk = await staffWithPassword('CLERK');
    expect((await password(clerk)).location).toBe('/');
    const enrolled = await staffWithPassword('CLERK', undefined, { secondFactor: true });
    expect((await password(enrolled)).location).toBe('/sign-in/second-factor');
  });
});

describe('setting up a second factor', () => {
  it('keeps an administrator without one out of every page until they set one up, then shows ten recovery codes once', async () => {
    const admin = await staffWithPassword('ADMIN', undefined, { secondFactor: false });
    const prisma = await getPrisma();
    const { cookies, location: to } = await password(admin);
    expect(to).toBe('/sign-in/set-up-second-factor');
    const pending = cookies[0];
    for (const [loader, path] of [
      [homeLoader, '/'],
      [adminLoader, '/admin'],
      [accountLoader, '/account/two-factor'],
    ] as const) {
      expect((await location(loader as never, path, pending)).location, path).toMatch(/^\/sign-in/);
    }
    expect(await location(signInLoader as never, '/sign-in', pending)).toEqual({ status: 302, location: '/sign-in/set-up-second-factor' });
    expect(await location(codeLoader as never, '/sign-in/second-factor', pending)).toEqual({ status: 302, location: '/sign-in/set-up-second-factor' });

    // The page shows the same secret until it is confirmed; it is stored encrypted.
    const page = async () => (await respond(() => setUpLoader(routeArgs(getRequest('/sign-in/set-up-second-factor', pending)) as never))).json();
    const details = await page();
    expect((await page()).groupedSecret).toBe(details.groupedSecret);
    const secret = (details.groupedSecret as string).replace(/\s/g, '');
    const stored = await prisma.secondFactor.findUniqueOrThrow({ where: { userId: admin.id } });
    expect(stored.confirmedAt).toBeNull();
    expect(stored.encryptedSecret).not.toContain(secret);

    // A wrong code is counted; the unconfirmed secret gives no session.
    const wrong = await respond(() => setUpAction(routeArgs(formRequest('/sign-in/set-up-second-factor', { code: wrongCode(secret) }, pending)) as never));
    expect(wrong.status).toBe(401);
    expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(0);
    await prisma.pendingSignIn.deleteMany({ where: { userId: admin.id } });

    const { session, codes, next } = await setUpAtSignIn(admin);
    expect(next).toBe('/patients');
    expect(codes).toHaveLength(10);
    expect(await getCurrentUser(getRequest('/', session))).toMatchObject({ id: admin.id });
    expect((await prisma.secondFactor.findUniqueOrThrow({ where: { userId: admin.id } })).confirmedAt).not.toBeNull();
    const storedCodes = await prisma.recoveryCode.findMany({ where: { userId: admin.id }, select: { codeHash: true } });
    expect(storedCodes).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(storedCodes)).not.toContain(code.replace(/-/g, ''));
    // Reloading the page does not show them again.
    expect(await location(accountRecoveryCodesLoader as never, '/account/recovery-codes', session)).toEqual({ status: 302, location: '/account/two-factor' });
    const enrolAudit = await prisma.auditEvent.findFirst({ where: { entityId: admin.id, action: 'second-factor.enrol' }, select: { actorId: true, details: true } });
    expect(enrolAudit).toEqual({ actorId: admin.id, details: { recoveryCodes: 10 } });
  });

  it('lets each recovery code sign in once, audited with the codes left', async () => {
    const admin = await staffWithPassword('ADMIN', undefined, { secondFactor: false });
    const prisma = await getPrisma();
    const { codes, session } = await setUpAtSignIn(admin);
    await respond(() => signOutAction(routeArgs(formRequest('/sign-out', {}, session)) as never));

    const first = await password(admin, '/admin');
    const used = await enterCode(first.cookies[0], { recoveryCode: codes[3].toLowerCase() });
    expect(used.location).toBe('/admin');
    expect(used.cookies[0]).toMatch(/^paindesk_session=./);
    const audit = await prisma.auditEvent.findFirst({ where: { entityId: admin.id, action: 'second-factor.recovery-used' }, select: { details: true } });
    expect(audit?.details).toEqual({ recoveryCodesLeft: 9 });

    const again = await password(admin);
    const refused = await enterCode(again.cookies[0], { recoveryCode: codes[3] });
    expect(refused.response.status).toBe(401);
    expect(refused.body.error.recoveryCode[0]).toContain('The recovery code is not correct, or has been used');
    expect((await enterCode(again.cookies[0], { recoveryCode: codes[4] })).location).toBe('/');
  });

  it('lets a clerk set one up from their account page, get new recovery codes and turn it off, each with a current code', async () => {
    const clerk = await staffWithPassword('CLERK');
    const prisma = await getPrisma();
    const cookie = await signInCookie(clerk.email, clerk.password);
    const account = async () => (await respond(() => accountLoader(routeArgs(getRequest('/account/two-factor?set-up=1', cookie)) as never))).json();
    const before = await account();
    expect(before).toMatchObject({ enrolled: false, required: false });
    const secret = (before.setUp.groupedSecret as string).replace(/\s/g, '');
    const post = (fields: Record<string, string>) => respond(() => accountAction(routeArgs(formRequest('/account/two-factor', fields, cookie)) as never));

    const wrong = await post({ intent: 'enrol', code: wrongCode(secret) });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.code).toEqual(['The code is not correct']);
    const enrolCode = totpCode(secret, Date.now());
    const enrolled = await post({ intent: 'enrol', code: enrolCode });
    expect(enrolled.headers.get('Location')).toBe('/account/recovery-codes');
    const firstCodes = setCookies(enrolled)[0];
    expect(firstCodes).toMatch(/^paindesk_recovery_codes=./);
    expect(await account()).toMatchObject({ enrolled: true, required: false, recoveryCodesLeft: 10, setUp: null });

    // New codes need a current code, not a used or wrong one; the old codes stop working.
    const oldHashes = (await prisma.recoveryCode.findMany({ where: { userId: clerk.id }, select: { codeHash: true } })).map((r) => r.codeHash);
    const reused = await post({ intent: 'regenerate', code: enrolCode });
    expect(reused.status).toBe(400);
    expect((await reused.json()).error.code).toEqual(['That code has already been used. Wait for your app to show a new one']);
    expect((await post({ intent: 'regenerate', code: wrongCode(secret) })).status).toBe(400);
    const regenerated = await post({ intent: 'regenerate', code: await freshTotpCode(clerk.email, secret) });
    expect(regenerated.headers.get('Location')).toBe('/account/recovery-codes');
    const newHashes = (await prisma.recoveryCode.findMany({ where: { userId: clerk.id }, select: { codeHash: true } })).map((r) => r.codeHash);
    expect(newHashes).toHaveLength(10);
    expect(newHashes.filter((h) => oldHashes.includes(h))).toEqual([]);
    // The wrong codes (one when enrolling, one here) are audited; the reused one is audited apart.
    expect(await prisma.auditEvent.count({ where: { entityId: clerk.id, action: 'second-factor.verify-failed' } })).toBe(2);
    expect(await prisma.auditEvent.count({ where: { entityId: clerk.id, action: 'second-factor.code-reused' } })).toBe(1);

    // Turning off needs a code too; afterwards the password alone signs in.
    expect((await post({ intent: 'disable', code: wrongCode(secret) })).status).toBe(400);
    const off = await post({ intent: 'disable', code: await freshTotpCode(clerk.email, secret) });
    expect(off.headers.get('Location')).toBe('/account/two-factor?turnedOff=1');
    expect(await prisma.secondFactor.count({ where: { userId: clerk.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: clerk.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entityId: clerk.id, action: 'second-factor.disable' } })).toBe(1);
    expect((await password(clerk)).location).toBe('/');
  });

  it('refuses to turn off an administrator’s second factor', async () => {
    const admin = await staffWithPassword('ADMIN');
    const prisma = await getPrisma();
    const cookie = await signInCookie(admin.email, admin.password);
    const response = await respond(() =>
      accountAction(routeArgs(formRequest('/account/two-factor', { intent: 'disable', code: wrongCode(admin.totpSecret!) }, cookie)) as never),
    );
    expect(response.status).toBe(403);
    expect(await prisma.secondFactor.count({ where: { userId: admin.id, confirmedAt: { not: null } } })).toBe(1);
  });
});

describe('the unit setting for roles that need a second factor', () => {
  it('is audited, always keeps administrators, and signs out staff of an added role who have none', async () => {
    const admin = await staffWithPassword('ADMIN');
    const prisma = await getPrisma();
    const cookie = await signInCookie(admin.email, admin.password);
    const doctor = await staffWithPassword('DOCTOR');
    const doctorCookie = await signInCookie(doctor.email, doctor.password);
    const enrolledDoctor = await staffWithPassword('DOCTOR', undefined, { secondFactor: true });
    const enrolledCookie = await signInCookie(enrolledDoctor.email, enrolledDoctor.password);
    const form = (roles: string[]) => ({ unansweredAttemptsBeforeDna: '2', dnasBeforeDischargeOffered: '2', reminderDaysBefore: '7, 2', secondFactorRoles: roles });
    const save = (roles: string[]) => respond(() => settingsAction(routeArgs(formRequest('/admin/settings', form(roles), cookie)) as never));

    expect((await save(['DOCTOR'])).status).toBe(302);
    expect(await getUnitSetting(prisma, 'auth.secondFactorRoles')).toEqual(['DOCTOR', 'ADMIN']);
    expect(await getCurrentUser(getRequest('/', doctorCookie))).toBeNull();
    expect(await getCurrentUser(getRequest('/', enrolledCookie))).toMatchObject({ id: enrolledDoctor.id });
    expect(await getCurrentUser(getRequest('/', cookie))).toMatchObject({ id: admin.id });
    expect((await password(doctor)).location).toBe('/sign-in/set-up-second-factor');

    // Unticking everything leaves administrators in.
    expect((await save([])).status).toBe(302);
    expect(await getUnitSetting(prisma, 'auth.secondFactorRoles')).toEqual(['ADMIN']);
    const audits = await prisma.auditEvent.findMany({
      where: { action: 'unit-setting.update', entityId: 'auth.secondFactorRoles' },
      orderBy: { id: 'asc' },
      select: { actorId: true, details: true },
    });
    expect(audits).toEqual([
      { actorId: admin.id, details: { value: ['DOCTOR', 'ADMIN'] } },
      { actorId: admin.id, details: { value: ['ADMIN'] } },
    ]);
    // A role that is not a role changes nothing.
    const bad = await save(['DOCTOR', 'PATIENT']);
    expect(bad.status).toBe(400);
    expect(await getUnitSetting(prisma, 'auth.secondFactorRoles')).toEqual(['ADMIN']);
    expect((await respond(() => settingsLoader(routeArgs(getRequest('/admin/settings', cookie)) as never)).then((r) => r.json())).secondFactorRoles).toEqual(['ADMIN']);

    // Even a stored value without administrators (written by hand) keeps them.
    await prisma.unitSetting.update({ where: { key: 'auth.secondFactorRoles' }, data: { value: ['CLERK'] } });
    expect(await getUnitSetting(prisma, 'auth.secondFactorRoles')).toEqual(['CLERK', 'ADMIN']);
    await prisma.unitSetting.delete({ where: { key: 'auth.secondFactorRoles' } });
  });
});

describe('an administrator resets a lost second factor', () => {
  it('removes the second factor, the recovery codes and every session, audited; the person sets one up again', async () => {
    const admin = await staffWithPassword('ADMIN');
    const other = await staffWithPassword('ADMIN', undefined, { secondFactor: false });
    const prisma = await getPrisma();
    const { codes, secret } = await setUpAtSignIn(other);
    // A second session, in another browser.
    const again = await password(other);
    expect((await enterCode(again.cookies[0], { code: await freshTotpCode(other.email, secret) })).location).toBe('/');
    expect(await prisma.session.count({ where: { userId: other.id } })).toBe(2);
    expect(codes).toHaveLength(10);

    const cookie = await signInCookie(admin.email, admin.password);
    const page = await respond(() => resetLoader(routeArgs(getRequest(`/admin/staff/${other.id}/reset-second-factor`, cookie), { staffId: other.id }) as never));
    expect(await page.json()).toMatchObject({ id: other.id, self: false });
    const reset = await respond(() => resetAction(routeArgs(formRequest(`/admin/staff/${other.id}/reset-second-factor`, {}, cookie), { staffId: other.id }) as never));
    expect(reset.status).toBe(302);
    expect(reset.headers.get('Location')).toBe(`/admin/staff/${other.id}/reset-second-factor?done=1`);

    expect(await prisma.secondFactor.count({ where: { userId: other.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: other.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: other.id } })).toBe(0);
    const audit = await prisma.auditEvent.findFirst({ where: { action: 'second-factor.reset', entityId: other.id }, select: { actorId: true, details: true } });
    expect(audit).toEqual({ actorId: admin.id, details: { hadSecondFactor: true, recoveryCodesRemoved: 10, sessionsEnded: 2 } });
    // Their next sign-in sets up a new one; the old recovery codes are gone.
    expect((await password(other)).location).toBe('/sign-in/set-up-second-factor');
    // The admin's own session is untouched.
    expect(await getCurrentUser(getRequest('/', cookie))).toMatchObject({ id: admin.id });
  });

  it('is refused for one’s own account, for other roles, and for someone who does not exist', async () => {
    const admin = await staffWithPassword('ADMIN');
    const prisma = await getPrisma();
    const cookie = await signInCookie(admin.email, admin.password);
    const post = (staffId: string, as = cookie) =>
      respond(() => resetAction(routeArgs(formRequest(`/admin/staff/${staffId}/reset-second-factor`, {}, as), { staffId }) as never));
    const self = await post(admin.id);
    expect(self.status).toBe(403);
    expect(await self.text()).toContain('You cannot reset your own second factor');
    expect((await post('no-such-person')).status).toBe(404);
    const doctor = await staffWithPassword('DOCTOR');
    expect((await post(admin.id, await signInCookie(doctor.email, doctor.password))).status).toBe(403);
    expect(await prisma.secondFactor.count({ where: { userId: admin.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: 'second-factor.reset', entityId: admin.id } })).toBe(0);
  });
});

describe('replay across sign-ins', () => {
  it('records the step each accepted code was for', async () => {
    const admin = await staffWithPassword('ADMIN');
    const prisma = await getPrisma();
    await signInCookie(admin.email, admin.password);
    const { lastUsedStep } = await prisma.secondFactor.findUniqueOrThrow({ where: { userId: admin.id }, select: { lastUsedStep: true } });
    expect(Math.abs(lastUsedStep! - totpStep(Date.now()))).toBeLessThanOrEqual(1);
  });
});
