// The audit trail through the real /admin/audit, /admin/audit/csv and patient page loaders: each filter
// narrows, filters combine, London days (BST) bound the date range, keyset pages neither repeat nor skip rows
// that share a timestamp, CSV export (content, formula escaping, audited, admins only), the patient page's
// access history (admins only), and hostile query values (a message, never a 500).
import { describe, expect, it } from 'vitest';
import { auditTrailPage } from '~/audit/audit-trail.server';
import { getPrisma } from '~/db.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { loader as auditLoader } from '~/routes/admin.audit';
import { loader as csvLoader } from '~/routes/admin.audit_.csv';
import { loader as patientLoader } from '~/routes/patients.$patientId';
import { createPatient } from '../factories';
import { load, signedIn } from './consultations-fixtures';
import { getRequest, respond, routeArgs } from './helpers';

type Page = {
  errors: { field: string; message: string }[];
  rows: { id: string; when: string; who: string; what: string; record: string; recordHref: string | null; patient: { id: string; name: string | null; nhsNumber: string | null } | null }[];
  newer: string | null;
  older: string | null;
  listed: boolean;
  patient: { id: string; name: string | null; nhsNumber: string | null } | null;
  patientChoices: { id: string; name: string; nhsNumber: string }[] | null;
};

const trail = (cookie: string, query: string) => load<Page>(auditLoader, `/admin/audit?${query}`, cookie);

async function event(data: { action: string; patientId?: string | null; actorId?: string | null; at?: string; entityType?: string; entityId?: string; details?: object }) {
  const prisma = await getPrisma();
  const actor = data.actorId ? await prisma.staffUser.findUniqueOrThrow({ where: { id: data.actorId }, select: { role: true } }) : null;
  const created = await prisma.auditEvent.create({
    data: {
      action: data.action,
      entityType: data.entityType ?? 'Patient',
      entityId: data.entityId ?? data.patientId ?? '-',
      patientId: data.patientId ?? null,
      actorId: data.actorId ?? null,
      actorRole: actor?.role ?? null,
      at: data.at ? new Date(data.at) : undefined,
      details: data.details,
    },
    select: { id: true },
  });
  return created.id.toString();
}

describe('audit trail filters', () => {
  it('narrows by patient, staff member, action, and their combination; shows labels, names and NHS numbers', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const clerk = await signedIn('CLERK');
    const doctor = await signedIn('DOCTOR');
    const ada = await createPatient(prisma, { firstName: 'Adaline', lastName: 'Filterby' });
    const bob = await createPatient(prisma, { firstName: 'Bobbin', lastName: 'Otherly' });
    const e1 = await event({ action: 'patient.view', patientId: ada.id, actorId: clerk.staff.id });
    const e2 = await event({ action: 'appointment.book', patientId: ada.id, actorId: clerk.staff.id, entityType: 'Appointment', entityId: 'appt-1' });
    const e3 = await event({ action: 'patient.view', patientId: ada.id, actorId: doctor.staff.id });
    const e4 = await event({ action: 'patient.view', patientId: bob.id, actorId: clerk.staff.id });
    const e5 = await event({ action: 'message.sent', patientId: ada.id, actorId: null });

    const byPatient = await trail(admin.cookie, `patientId=${ada.id}`);
    expect(byPatient.status).toBe(200);
    expect(byPatient.data.rows.map((r) => r.id)).toEqual([e5, e3, e2, e1]);
    expect(byPatient.data.patient).toEqual({ id: ada.id, name: 'Adaline Filterby', nhsNumber: formatNhsNumber(ada.nhsNumber) });
    const booked = byPatient.data.rows.find((r) => r.id === e2)!;
    expect(booked).toMatchObject({
      who: `${(await prisma.staffUser.findUniqueOrThrow({ where: { id: clerk.staff.id } })).name} (Booking clerk)`,
      what: 'Booked an appointment',
      record: 'Appointment',
      recordHref: `/patients/${ada.id}`,
      patient: { id: ada.id, name: 'Adaline Filterby', nhsNumber: formatNhsNumber(ada.nhsNumber) },
    });
    expect(byPatient.data.rows.find((r) => r.id === e5)!.who).toBe('System');

    const byActor = await trail(admin.cookie, `actor=${clerk.staff.id}`);
    const signIn = await prisma.auditEvent.findFirstOrThrow({ where: { actorId: clerk.staff.id, action: 'session.sign-in' }, select: { id: true } });
    expect(byActor.data.rows.map((r) => r.id)).toEqual([e4, e2, e1, signIn.id.toString()]);
    expect(byActor.data.rows[3].what).toBe('Signed in');

    const bySystem = await trail(admin.cookie, `actor=system&patientId=${ada.id}`);
    expect(bySystem.data.rows.map((r) => r.id)).toEqual([e5]);

    const byAction = await trail(admin.cookie, `action=patient.view&patientId=${ada.id}`);
    expect(byAction.data.rows.map((r) => r.id)).toEqual([e3, e1]);

    const combined = await trail(admin.cookie, `action=patient.view&actor=${clerk.staff.id}&patientId=${ada.id}`);
    expect(combined.data.rows.map((r) => r.id)).toEqual([e1]);

    // The views were audited, with the filter (ids and codes only).
    const views = await prisma.auditEvent.findMany({ where: { actorId: admin.staff.id, action: 'audit.view' }, orderBy: { id: 'asc' }, select: { patientId: true, details: true } });
    expect(views).toHaveLength(5);
    expect(views[4]).toEqual({
      patientId: ada.id,
      details: { filter: { patientId: ada.id, actorId: clerk.staff.id, action: 'patient.view', from: null, to: null } },
    });
  });

  it('finds the patient by NHS number (with spaces) or by name, and offers a choice when several match', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const one = await createPatient(prisma, { firstName: 'Quentina', lastName: 'Searchwell' });
    const twinA = await createPatient(prisma, { firstName: 'Rowena', lastName: 'Twinning' });
    const twinB = await createPatient(prisma, { firstName: 'Roberta', lastName: 'Twinning' });
    const e = await event({ action: 'patient.view', patientId: one.id });

    const byNumber = await trail(admin.cookie, `patient=${encodeURIComponent(formatNhsNumber(one.nhsNumber))}`);
    expect(byNumber.data.patient?.id).toBe(one.id);
    expect(byNumber.data.rows.map((r) => r.id)).toEqual([e]);

    const byName = await trail(admin.cookie, 'patient=quentina%20searchwell');
    expect(byName.data.patient?.id).toBe(one.id);

    const several = await trail(admin.cookie, 'patient=Twinning');
    expect(several.status).toBe(200);
    expect(several.data.listed).toBe(false);
    expect(several.data.patientChoices!.map((p) => p.id).sort()).toEqual([twinA.id, twinB.id].sort());

    const bad = await trail(admin.cookie, 'patient=123%20456%207890');
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0].field).toBe('patient');
    const nobody = await trail(admin.cookie, 'patient=Zzyzxnobody');
    expect(nobody.status).toBe(400);
    expect(nobody.data.errors[0].message).toContain('No patient has this name');
  });

  it('a date range is whole Europe/London days: a BST day runs from 23:00 UTC the day before', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const p = await createPatient(prisma);
    await event({ action: 'patient.view', patientId: p.id, at: '2027-06-30T22:59:59.999Z' }); // 30 June, 23:59:59 BST
    const first = await event({ action: 'patient.view', patientId: p.id, at: '2027-06-30T23:00:00.000Z' }); // 1 July, 00:00 BST
    const last = await event({ action: 'patient.view', patientId: p.id, at: '2027-07-01T22:59:59.999Z' }); // 1 July, 23:59:59 BST
    const next = await event({ action: 'patient.view', patientId: p.id, at: '2027-07-01T23:00:00.000Z' }); // 2 July, 00:00 BST

    const oneDay = await trail(admin.cookie, `patientId=${p.id}&from=2027-07-01&to=2027-07-01`);
    expect(oneDay.data.rows.map((r) => r.id)).toEqual([last, first]);
    expect(oneDay.data.rows[0].when).toBe('Thursday 1 July 2027, 11:59pm');
    const fromOnly = await trail(admin.cookie, `patientId=${p.id}&from=2027-07-01`);
    expect(fromOnly.data.rows.map((r) => r.id)).toEqual([next, last, first]);

    const reversed = await trail(admin.cookie, `patientId=${p.id}&from=2027-07-02&to=2027-07-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.data.errors[0].message).toContain('is after the “to” date');
    expect(reversed.data.rows).toEqual([]);
  });
});

describe('keyset pages', () => {
  it('pages of 50 through 120 events with one timestamp: no duplicates, no gaps, newest first; Newer goes back', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const p = await createPatient(prisma);
    const at = new Date('2027-03-28T00:30:00.000Z');
    await prisma.auditEvent.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({ action: 'patient.view', entityType: 'Patient', entityId: `${p.id}-${i}`, patientId: p.id, at })),
    });
    const all = (await prisma.auditEvent.findMany({ where: { patientId: p.id }, orderBy: { id: 'desc' }, select: { id: true } })).map((e) => e.id.toString());
    expect(all).toHaveLength(120);
    const filter = `patientId=${p.id}&action=patient.view`;

    const page1 = await trail(admin.cookie, filter);
    expect(page1.data.rows).toHaveLength(50);
    expect(page1.data.newer).toBeNull();
    const page2 = await trail(admin.cookie, page1.data.older!);
    const page3 = await trail(admin.cookie, page2.data.older!);
    expect(page3.data.rows).toHaveLength(20);
    expect(page3.data.older).toBeNull();
    const seen = [...page1.data.rows, ...page2.data.rows, ...page3.data.rows].map((r) => r.id);
    expect(seen).toEqual(all);

    const back = await trail(admin.cookie, page3.data.newer!);
    expect(back.data.rows.map((r) => r.id)).toEqual(page2.data.rows.map((r) => r.id));
    const backAgain = await trail(admin.cookie, back.data.newer!);
    expect(backAgain.data.rows.map((r) => r.id)).toEqual(page1.data.rows.map((r) => r.id));
    expect(backAgain.data.newer).toBeNull();
    expect(page1.data.older).toContain('action=patient.view');
  });

  it('an exact multiple of the page size ends without an empty "Older" page; a cursor past the end links back', async () => {
    const prisma = await getPrisma();
    const p = await createPatient(prisma);
    for (let i = 0; i < 4; i++) await event({ action: 'patient.view', patientId: p.id });
    const first = await auditTrailPage({ patientId: p.id }, {}, 2);
    expect(first.rows).toHaveLength(2);
    const second = await auditTrailPage({ patientId: p.id }, first.older!, 2);
    expect(second.rows).toHaveLength(2);
    expect(second.older).toBeNull();
    expect(second.newer).not.toBeNull();
    const beyond = await auditTrailPage({ patientId: p.id }, { before: BigInt(second.rows[1].id) }, 2);
    expect(beyond.rows).toEqual([]);
    expect(beyond.older).toBeNull();
    expect(beyond.newer).not.toBeNull();
  });
});

describe('CSV export', () => {
  it('exports the filtered events with labels and names, escapes formulas, is audited with its filter, and is for admins only', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const clerk = await signedIn('CLERK');
    await prisma.staffUser.update({ where: { id: clerk.staff.id }, data: { name: '+Clerk Formula' } });
    const p = await createPatient(prisma, { firstName: '@Danger', lastName: '=HYPERLINK("http://x")' });
    await event({ action: 'patient.view', patientId: p.id, actorId: clerk.staff.id, details: { by: 'name' } });
    await event({ action: 'future.thing', patientId: p.id, entityType: 'Gadget', entityId: '-1' });

    const response = await respond(() => csvLoader(routeArgs(getRequest(`/admin/audit/csv?patientId=${p.id}`, admin.cookie)) as never));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="audit-trail.csv"');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const lines = (await response.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Event,When (Europe/London),Staff member,Role,Action,Action code,Record,Record id,Patient,NHS number,IP address,Details');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',System,,Other action (future.thing),future.thing,Gadget,\'-1,');
    expect(lines[2]).toContain(`,'+Clerk Formula,Booking clerk,Viewed the patient record,patient.view,Patient record,${p.id},"'@Danger =HYPERLINK(""http://x"")",${formatNhsNumber(p.nhsNumber)},,"{""by"":""name""}"`);

    const exported = await prisma.auditEvent.findFirstOrThrow({ where: { actorId: admin.staff.id, action: 'audit.export' }, select: { patientId: true, details: true } });
    expect(exported).toEqual({ patientId: p.id, details: { filter: { patientId: p.id, actorId: null, action: null, from: null, to: null }, rows: 2 } });

    for (const who of [clerk, await signedIn('DOCTOR')]) {
      const refused = await respond(() => csvLoader(routeArgs(getRequest(`/admin/audit/csv?patientId=${p.id}`, who.cookie)) as never));
      expect(refused.status).toBe(403);
      const page = await respond(() => auditLoader(routeArgs(getRequest('/admin/audit', who.cookie)) as never));
      expect(page.status).toBe(403);
    }
    expect(await prisma.auditEvent.count({ where: { action: 'audit.export' } })).toBe(1);
  });

  it('refuses a filter wider than 10,000 events with a message, and records no export', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const p = await createPatient(prisma);
    await prisma.$executeRaw`INSERT INTO "AuditEvent" ("action", "entityType", "entityId", "patientId") SELECT 'patient.view', 'Patient', 'bulk', ${p.id} FROM generate_series(1, 10001)`;
    const response = await respond(() => csvLoader(routeArgs(getRequest(`/admin/audit/csv?patientId=${p.id}`, admin.cookie)) as never));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('More than 10,000 events match this filter');
    expect(await prisma.auditEvent.count({ where: { actorId: admin.staff.id, action: 'audit.export' } })).toBe(0);
    const fine = await respond(() => csvLoader(routeArgs(getRequest(`/admin/audit/csv?patientId=${p.id}&action=patient.search`, admin.cookie)) as never));
    expect(fine.status).toBe(200);
  });

  it('refuses bad filter values with 400 and a message', async () => {
    const admin = await signedIn('ADMIN');
    const response = await respond(() => csvLoader(routeArgs(getRequest('/admin/audit/csv?from=2027-13-01', admin.cookie)) as never));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Enter the “from” date as a real date');
  });
});

describe('hostile query values', () => {
  it('never give a 500: each bad value gets a 400 and a message; unknown ones are ignored', async () => {
    const admin = await signedIn('ADMIN');
    const cases: [string, string][] = [
      ['from=2027-02-29', 'from'],
      ['from=0000-01-01', 'from'],
      ['to=0000-01-01', 'to'],
      ['to=9999-12-31', 'to'],
      ['to=yesterday', 'to'],
      ['from=%00%00', 'from'],
      ['action=patient.view%27%3B%20DROP%20TABLE%20%22AuditEvent%22%3B--', 'action'],
      ['action=__proto__', 'action'],
      ['actor=%27%20OR%201%3D1', 'actor'],
      ['actor=nosuchstaffmember', 'actor'],
      ['patientId=..%2F..%2Fetc', 'patient'],
      ['before=-5', 'page'],
      ['after=1e400', 'page'],
      ['before=99999999999999999999999', 'page'],
      ['before=1&after=2', 'page'],
      [`patient=${'x'.repeat(5000)}`, 'patient'],
      ['patient=%F0%9F%92%A9', 'patient'],
    ];
    for (const [query, field] of cases) {
      const { status, data } = await trail(admin.cookie, query);
      expect(status, query).toBe(400);
      expect(data.errors.map((e) => e.field), query).toContain(field);
      expect(data.rows, query).toEqual([]);
    }
    for (const query of ['patientId=cunknownpatient0000', 'action=patient.view&action=outcome.record', 'page=2&sort=desc', 'before=1']) {
      const { status } = await trail(admin.cookie, query);
      expect(status, query).toBe(200);
    }
  });
});

describe('who has looked at this record (patient page)', () => {
  it('administrators see the latest events with staff names and labels, their own view first; clerks and doctors do not', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const clerk = await signedIn('CLERK');
    const doctor = await signedIn('DOCTOR');
    const p = await createPatient(prisma);
    type PatientPage = { accessHistory: { id: string; who: string; what: string; when: string }[] | null };

    const byClerk = await load<PatientPage>(patientLoader, `/patients/${p.id}`, clerk.cookie, { patientId: p.id });
    expect(byClerk.status).toBe(200);
    expect(byClerk.data.accessHistory).toBeNull();
    const byDoctor = await load<PatientPage>(patientLoader, `/patients/${p.id}`, doctor.cookie, { patientId: p.id });
    expect(byDoctor.data.accessHistory).toBeNull();
    for (let i = 0; i < 25; i++) await event({ action: 'patient.search', patientId: p.id, actorId: clerk.staff.id });

    const byAdmin = await load<PatientPage>(patientLoader, `/patients/${p.id}`, admin.cookie, { patientId: p.id });
    const history = byAdmin.data.accessHistory!;
    expect(history).toHaveLength(20);
    const adminName = (await prisma.staffUser.findUniqueOrThrow({ where: { id: admin.staff.id } })).name;
    const clerkName = (await prisma.staffUser.findUniqueOrThrow({ where: { id: clerk.staff.id } })).name;
    expect(history[0]).toMatchObject({ who: `${adminName} (Administrator)`, what: 'Viewed the patient record' });
    expect(history[1]).toMatchObject({ who: `${clerkName} (Booking clerk)`, what: 'Searched for a patient' });
    // The admin's view is itself in the trail, as before.
    expect(await prisma.auditEvent.count({ where: { actorId: admin.staff.id, action: 'patient.view', patientId: p.id } })).toBe(1);
  });
});
