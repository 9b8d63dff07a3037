// The leaflet pages through the real route loaders: preview and download of a booking's PDFs (who may, what is in
// them, what is recorded and audited), the case page's leaflet summary, the patient's stored documents, and the
// admin's leaflet parts page.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { getLeafletAdminView } from '~/leaflets/leaflet-admin.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { loader as adminLeafletsLoader } from '~/routes/admin.leaflets';
import { loader as documentLoader } from '~/routes/documents.$file';
import { loader as patientLoader } from '~/routes/patients.$patientId';
import { loader as caseLoader } from '~/routes/procedure-bookings.$appointmentId';
import { loader as leafletLoader } from '~/routes/procedure-bookings.$appointmentId.leaflets.$file';
import { createClinicWithSlots, createConsultation, createSite } from '../factories';
import { load, signedIn, useFixedClock } from './consultations-fixtures';
import { getRequest, respond, routeArgs } from './helpers';
import { bloodThinnerPlan, leafletBooking, pdfText } from './leaflets-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, before the booking on Thursday 1 April

async function fetchLeaflet(appointmentId: string, file: string, cookie?: string, query = '') {
  const response = await respond(() =>
    leafletLoader(routeArgs(getRequest(`/procedure-bookings/${appointmentId}/leaflets/${file}${query}`, cookie), { appointmentId, file }) as never),
  );
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('leaflet PDFs of a booking', () => {
  it('a clerk previews and downloads both leaflets: the patient\'s NHS number and arrival time are in them, and each opening is recorded and audited', async () => {
    const { staff, cookie } = await signedIn('CLERK');
    const { appointment, patient } = await leafletBooking({ firstName: 'Nguyễn', lastName: 'Thị Lan' });
    const prisma = await getPrisma();

    const preview = await fetchLeaflet(appointment.id, 'before.pdf', cookie);
    expect(preview.response.status).toBe(200);
    expect(preview.response.headers.get('Content-Type')).toBe('application/pdf');
    expect(preview.response.headers.get('Content-Disposition')).toBe('inline; filename="before-your-procedure.pdf"');
    const text = pdfText(preview.bytes);
    expect(text).toContain(formatNhsNumber(patient.nhsNumber));
    expect(text).toContain('arrive 8:30am');
    expect(text).toContain('Thursday 1 April 2027');
    expect(text).toContain('Nguyễn Thị Lan');

    const download = await fetchLeaflet(appointment.id, 'before.pdf', cookie, '?download=1');
    expect(download.response.status).toBe(200);
    const disposition = download.response.headers.get('Content-Disposition')!;
    expect(disposition).toBe('attachment; filename="before-your-procedure.pdf"');
    expect(disposition).not.toMatch(/Nguy|Lan/);
    // Deterministic: the same booking gives the same bytes, recorded once.
    expect(Buffer.from(download.bytes).equals(Buffer.from(preview.bytes))).toBe(true);

    const after = await fetchLeaflet(appointment.id, 'after.pdf', cookie, '?download=1');
    expect(after.response.headers.get('Content-Disposition')).toBe('attachment; filename="after-your-procedure.pdf"');
    expect(pdfText(after.bytes)).toContain(formatNhsNumber(patient.nhsNumber));

    const documents = await prisma.sentDocument.findMany({ where: { appointmentId: appointment.id }, orderBy: { kind: 'asc' } });
    expect(documents.map((d) => [d.kind, d.generatedById])).toEqual([
      ['BEFORE_PROCEDURE', staff.id],
      ['AFTER_PROCEDURE', staff.id],
    ]);
    expect(documents[0]!.sha256).toBe(createHash('sha256').update(preview.bytes).digest('hex'));

    const views = await prisma.auditEvent.findMany({ where: { action: { in: ['leaflet.preview', 'leaflet.download'] }, patientId: patient.id }, orderBy: { id: 'asc' } });
    expect(views.map((v) => [v.action, v.entityId, v.actorId])).toEqual([
      ['leaflet.preview', documents[0]!.id, staff.id],
      ['leaflet.download', documents[0]!.id, staff.id],
      ['leaflet.download', documents[1]!.id, staff.id],
    ]);
    expect(views[0]!.ipAddress).not.toBeUndefined();
  });

  it('doctors and admins may open them; a visitor who is not signed in is sent to sign in', async () => {
    const { appointment } = await leafletBooking();
    for (const role of ['DOCTOR', 'ADMIN'] as const) {
      const { cookie } = await signedIn(role);
      const { response } = await fetchLeaflet(appointment.id, 'after.pdf', cookie);
      expect(response.status, role).toBe(200);
    }
    const { response } = await fetchLeaflet(appointment.id, 'before.pdf');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it('404 for a consultation, an unknown booking or an unknown file; 409 for a cancelled case; nothing recorded', async () => {
    const { cookie } = await signedIn('CLERK');
    const prisma = await getPrisma();
    const clinic = await createClinicWithSlots(prisma);
    const consultation = await createConsultation(prisma, { slotId: clinic.slots[0]!.id });
    const { appointment } = await leafletBooking();

    expect((await fetchLeaflet(consultation.id, 'before.pdf', cookie)).response.status).toBe(404);
    expect((await fetchLeaflet('no-such-booking', 'before.pdf', cookie)).response.status).toBe(404);
    expect((await fetchLeaflet(appointment.id, 'middle.pdf', cookie)).response.status).toBe(404);

    await prisma.appointment.update({ where: { id: appointment.id }, data: { status: 'CANCELLED_BY_PATIENT', cancelledAt: new Date() } });
    const cancelled = await fetchLeaflet(appointment.id, 'before.pdf', cookie);
    expect(cancelled.response.status).toBe(409);
    expect(new TextDecoder().decode(cancelled.bytes)).toContain('cancelled');
    expect(await prisma.sentDocument.count({ where: { appointmentId: { in: [appointment.id, consultation.id] } } })).toBe(0);
  });
});

describe('the case page and the patient page', () => {
  it('the case page shows the large-print variant and warns of a blood thinner without a confirmed plan', async () => {
    const { cookie } = await signedIn('CLERK');
    const { appointment, request } = await leafletBooking({ needs: ['LARGE_PRINT'], medicines: ['apixaban', 'clopidogrel'] });
    await bloodThinnerPlan(request.id, 'clopidogrel', { stopBeforeHours: 168 });
    await bloodThinnerPlan(request.id, 'apixaban', { stopBeforeHours: 72, confirmed: false });

    const { status, data } = await load<{ leaflets: { available: boolean; largePrint: boolean; unconfirmedBloodThinners: string[]; problem: string | null } }>(
      caseLoader,
      `/procedure-bookings/${appointment.id}`,
      cookie,
      { appointmentId: appointment.id },
    );

    expect(status).toBe(200);
    expect(data.leaflets).toEqual({ available: true, largePrint: true, unconfirmedBloodThinners: ['Apixaban'], problem: null, blocked: [] });
  });

  it('the case page says when the leaflets cannot be made, and that a cancelled case has none', async () => {
    const { cookie } = await signedIn('CLERK');
    const prisma = await getPrisma();
    const summary = async (appointmentId: string) =>
      (await load<{ leaflets: Record<string, unknown> }>(caseLoader, `/procedure-bookings/${appointmentId}`, cookie, { appointmentId })).data.leaflets;

    const elsewhere = await leafletBooking();
    const site = await createSite(prisma, { hasInterventionalSuite: false });
    await prisma.procedureList.update({ where: { id: elsewhere.list.id }, data: { siteId: site.id } });
    expect(await summary(elsewhere.appointment.id)).toMatchObject({ available: true, problem: expect.stringContaining('has no interventional suite') });

    const cancelled = await leafletBooking();
    await prisma.appointment.update({ where: { id: cancelled.appointment.id }, data: { status: 'CANCELLED_BY_HOSPITAL', cancelledAt: new Date() } });
    expect(await summary(cancelled.appointment.id)).toMatchObject({ available: false, problem: null });
  });

  it('the patient page lists generated documents; the stored bytes download unchanged and the download is audited', async () => {
    const { staff, cookie } = await signedIn('CLERK');
    const { appointment, patient } = await leafletBooking({ needs: ['LARGE_PRINT'] });
    const { bytes } = await fetchLeaflet(appointment.id, 'before.pdf', cookie);
    const prisma = await getPrisma();
    const stored = await prisma.sentDocument.findFirstOrThrow({ where: { appointmentId: appointment.id, kind: 'BEFORE_PROCEDURE' } });

    const page = await load<{ documents: { id: string; title: string; largePrint: boolean; generatedBy: string; sha256: string }[] }>(
      patientLoader,
      `/patients/${patient.id}`,
      cookie,
      { patientId: patient.id },
    );
    expect(page.status).toBe(200);
    expect(page.data.documents).toHaveLength(2);
    expect(page.data.documents.find((d) => d.id === stored.id)).toMatchObject({
      title: 'Before your procedure',
      largePrint: true,
      sha256: stored.sha256.slice(0, 12),
      generatedBy: (await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).name,
    });

    const response = await respond(() => documentLoader(routeArgs(getRequest(`/documents/${stored.id}.pdf`, cookie), { file: `${stored.id}.pdf` }) as never));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="before-your-procedure-${stored.sha256.slice(0, 12)}.pdf"`);
    const downloaded = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(downloaded).equals(Buffer.from(bytes))).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: 'document.download', entityId: stored.id, actorId: staff.id, patientId: patient.id } })).toBe(1);

    const missing = await respond(() => documentLoader(routeArgs(getRequest('/documents/nothing.pdf', cookie), { file: 'nothing.pdf' }) as never));
    expect(missing.status).toBe(404);
  });
});

describe('admin leaflets page', () => {
  it('lists every leaflet part for admins and doctors (who may approve), not for clerks', async () => {
    const { cookie } = await signedIn('ADMIN');
    const { status, data } = await load<{ rows: { key: string; reviewState: string }[]; today: string; canApprove: boolean }>(adminLeafletsLoader, '/admin/leaflets', cookie);
    expect(status).toBe(200);
    expect(data.today).toBe('2027-03-22');
    expect(data.canApprove).toBe(false);
    expect(data.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['shared/appointment', 'shared/driving-and-medicines', 'plexus-block/afterwards']));
    const doctor = await signedIn('DOCTOR');
    const asDoctor = await load<{ canApprove: boolean }>(adminLeafletsLoader, '/admin/leaflets', doctor.cookie);
    expect(asDoctor.status).toBe(200);
    expect(asDoctor.data.canApprove).toBe(true);
    const clerk = await signedIn('CLERK');
    expect((await load(adminLeafletsLoader, '/admin/leaflets', clerk.cookie)).status).toBe(403);
  });

  it('flags a part past its review date and one due within 60 days, against today in Europe/London', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-leaflets-'));
    try {
      fs.mkdirSync(path.join(root, 'shared'));
      const write = (name: string, review: string, extra = '') =>
        fs.writeFileSync(
          path.join(root, 'shared', `${name}.md`),
          `---\ntitle: "${name}"\nreference: "T/${name}"\nversion: "2.0"\nupdated: "2026-01-01"\nreview: "${review}"\nowner: "Test owner"\n${extra}---\nText.\n`,
        );
      write('old', '2027-03-31');
      // A file's own claim to be signed off counts for nothing: approval is recorded in the app.
      write('soon', '2027-05-30', 'signOff: signed\n');
      write('fresh', '2028-01-01', 'unconfirmed:\n  - "A fact to check"\n');

      // 23:30 UTC on 31 March 2027 is already 1 April in London (BST): the 31 March review date is past.
      const view = await getLeafletAdminView(new Date('2027-03-31T23:30:00.000Z'), root);

      expect(view.today).toBe('2027-04-01');
      expect(view.rows.map((r) => [r.key, r.reviewState, r.approval.status])).toEqual([
        ['shared/fresh', 'IN_DATE', 'NOT_APPROVED'],
        ['shared/old', 'PAST_REVIEW', 'NOT_APPROVED'],
        ['shared/soon', 'REVIEW_DUE', 'NOT_APPROVED'],
      ]);
      expect(view).toMatchObject({ pastReview: 1, reviewDue: 1, blocked: 3 });
      expect(view.withUnconfirmed.map((r) => r.key)).toEqual(['shared/fresh']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
