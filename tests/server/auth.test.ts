import { describe, expect, it } from 'vitest';
import { getCurrentUser, requireUser } from '~/auth/session.server';
import { getPrisma } from '~/db.server';
import { action as signInAction } from '~/routes/sign-in';
import { action as signOutAction } from '~/routes/sign-out';
import { loader as adminLoader } from '~/routes/admin._index';
import { loader as auditLoader } from '~/routes/admin.audit';
import { loader as newPatientLoader } from '~/routes/patients.new';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

describe('sign-in', () => {
  it('starts a server-side session: the cookie is httpOnly and SameSite, the database keeps only a hash', async () => {
    const clerk = await staffWithPassword('CLERK');
    const response = await respond(() =>
      signInAction(routeArgs(formRequest('/sign-in', { email: clerk.email.toUpperCase(), password: clerk.password, redirectTo: '/patients' })) as never),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/patients');
    const setCookie = response.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const prisma = await getPrisma();
    const sessions = await prisma.session.findMany({ where: { userId: clerk.id }, select: { tokenHash: true } });
    expect(sessions).toHaveLength(1);
    expect(setCookie).not.toContain(sessions[0].tokenHash);
    const user = await getCurrentUser(getRequest('/', setCookie.split(';')[0]));
    expect(user).toMatchObject({ id: clerk.id, role: 'CLERK' });

    const audit = await prisma.auditEvent.findFirst({ where: { actorId: clerk.id, action: 'session.sign-in' }, select: { id: true } });
    expect(audit).not.toBeNull();
  });

  it('gives the same message for a wrong password and an unknown email, and starts no session', async () => {
    const clerk = await staffWithPassword('CLERK');
    const prisma = await getPrisma();
    for (const fields of [
      { email: clerk.email, password: 'not the password' },
      { email: 'nobody@test.paindesk', password: clerk.password },
    ]) {
      const response = await respond(() => signInAction(routeArgs(formRequest('/sign-in', fields)) as never));
      expect(response.status).toBe(401);
      expect(response.headers.get('Set-Cookie')).toBeNull();
      const body = JSON.parse(await response.text());
      expect(body.error['']).toEqual(['The email address or password is not correct']);
      expect(JSON.stringify(body)).not.toContain(fields.password);
    }
    expect(await prisma.session.count({ where: { userId: clerk.id } })).toBe(0);
  });

  it('refuses a deactivated member of staff', async () => {
    const doctor = await staffWithPassword('DOCTOR');
    const cookie = await signInCookie(doctor.email, doctor.password);
    const prisma = await getPrisma();
    await prisma.staffUser.update({ where: { id: doctor.id }, data: { active: false } });
    expect(await getCurrentUser(getRequest('/', cookie))).toBeNull();
    const response = await respond(() => signInAction(routeArgs(formRequest('/sign-in', { email: doctor.email, password: doctor.password })) as never));
    expect(response.status).toBe(401);
  });

  it('does not redirect off-site after sign-in', async () => {
    const clerk = await staffWithPassword('CLERK');
    const response = await respond(() =>
      signInAction(routeArgs(formRequest('/sign-in', { email: clerk.email, password: clerk.password, redirectTo: '//evil.example/' })) as never),
    );
    expect(response.headers.get('Location')).toBe('/');
    // Browsers read a backslash or a tab in these as "//evil.example"; a CR/LF or non-Latin-1 character must not
    // break the header either (the session is made by then).
    for (const [redirectTo, location] of [
      ['/\\evil.example', '/'],
      ['/\t/evil.example', '/'],
      ['/\\/evil.example', '/'],
      ['/patients\r\nSet-Cookie: x=1', '/'],
      ['/patients?q=Dąbrowska', '/patients?q=D%C4%85browska'],
    ]) {
      const again = await respond(() => signInAction(routeArgs(formRequest('/sign-in', { email: clerk.email, password: clerk.password, redirectTo })) as never));
      expect(again.status, redirectTo).toBe(302);
      expect(again.headers.get('Location'), redirectTo).toBe(location);
    }
  });
});

describe('sessions', () => {
  it('treats an expired session as signed out', async () => {
    const clerk = await staffWithPassword('CLERK');
    const cookie = await signInCookie(clerk.email, clerk.password);
    const prisma = await getPrisma();
    await prisma.session.updateMany({ where: { userId: clerk.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getCurrentUser(getRequest('/', cookie))).toBeNull();
  });

  it('sends a signed-out visitor to sign-in, remembering where they were going', async () => {
    const response = await respond(() => requireUser(getRequest('/patients?q=smith')));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/sign-in?redirectTo=%2Fpatients%3Fq%3Dsmith');
  });

  it('ignores a forged cookie', async () => {
    const forged = `paindesk_session=${Buffer.from(JSON.stringify('x'.repeat(43))).toString('base64')}`;
    expect(await getCurrentUser(getRequest('/', forged))).toBeNull();
  });

  it('ends the session on sign-out: the old cookie no longer works', async () => {
    const admin = await staffWithPassword('ADMIN');
    const cookie = await signInCookie(admin.email, admin.password);
    const response = await respond(() => signOutAction(routeArgs(formRequest('/sign-out', {}, cookie)) as never));
    expect(response.status).toBe(302);
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/i);
    const prisma = await getPrisma();
    expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(0);
    expect(await getCurrentUser(getRequest('/', cookie))).toBeNull();
  });
});

describe('roles', () => {
  it('refuses a clerk the admin pages with 403', async () => {
    const clerk = await staffWithPassword('CLERK');
    const cookie = await signInCookie(clerk.email, clerk.password);
    for (const loader of [adminLoader, auditLoader]) {
      const response = await respond(() => loader(routeArgs(getRequest('/admin', cookie)) as never));
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('You do not have permission');
    }
  });

  it('refuses a doctor and an admin the clerk-only patient registration page', async () => {
    for (const role of ['DOCTOR', 'ADMIN'] as const) {
      const staff = await staffWithPassword(role);
      const cookie = await signInCookie(staff.email, staff.password);
      const response = await respond(() => newPatientLoader(routeArgs(getRequest('/patients/new', cookie)) as never));
      expect(response.status).toBe(403);
    }
  });

  it('lets an admin open the admin pages', async () => {
    const admin = await staffWithPassword('ADMIN');
    const cookie = await signInCookie(admin.email, admin.password);
    const response = await respond(() => adminLoader(routeArgs(getRequest('/admin', cookie)) as never));
    expect(response.status).toBe(200);
  });
});
