// Rule 4 after booking: a patient booked before a doctor confirmed their blood-thinner plan was sent leaflets
// that say "keep taking it until we contact you". When the doctor confirms the plan, the patient is sent new
// leaflets with the stop instruction, saying they replace the earlier ones; a leaflet email still waiting to go
// is simply made with the confirmed plan; re-confirming the same instruction sends nothing more.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UPDATED_LEAFLETS_SUBJECT } from '~/communications/email-content';
import { getPrisma } from '~/db.server';
import { generateLeafletDocuments } from '~/leaflets/leaflet-documents.server';
import { seedBloodThinnerRules } from '~/medicines/blood-thinner-rule-repo.server';
import { confirmBloodThinnerPlans } from '~/medicines/confirm-blood-thinner-plans.server';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { approveCurrentLeafletParts, createPatient, createPatientMedicine, createProcedureList, createProcedureRequest, createStaff } from '../factories';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { smtpWorker, testClock } from './communications-fixtures';
import { load, newKey, signedIn } from './consultations-fixtures';
import { loader as caseLoader } from '~/routes/procedure-bookings.$appointmentId';
import { maidstone, pdfText } from './leaflets-fixtures';

// Rule 10: leaflets go only from approved parts; here the unit's doctors have approved the current ones.
beforeAll(async () => {
  await approveCurrentLeafletParts(await getPrisma());
});

const T0 = '2027-03-22T10:00:00.000Z';
const IP = '192.0.2.40';
const STOP_LINE = 'Take your last dose of apixaban on';

let smtp: SmtpTestServer;
beforeAll(async () => {
  await seedBloodThinnerRules(await getPrisma());
});
beforeEach(async () => {
  smtp = await startSmtpTestServer();
});
afterEach(async () => {
  await smtp.stop();
});

/** A consenting patient on apixaban, booked for an interlaminar epidural on 1 April 2027 with no plan yet. */
async function bookedWithoutPlan(n: number, now: Date) {
  const prisma = await getPrisma();
  const site = await maidstone();
  const clerk = await createStaff(prisma, { role: 'CLERK' });
  const doctor = await createStaff(prisma, { role: 'DOCTOR', name: `Dr Plan ${n}` });
  const patient = await createPatient(prisma, { email: `plan.${n}@example.com`, emailConsent: true, preferredChannel: 'EMAIL' });
  await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'apixaban', dose: '5 mg twice a day' });
  const list = await createProcedureList(prisma, { siteId: site.id, date: '2027-04-01', modality: 'XRAY' });
  const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'INTERLAMINAR_EPIDURAL', guidance: 'XRAY', minutes: 30 });
  const { appointmentId } = await bookProcedure({ requestId: request.id, listId: list.id, idempotencyKey: newKey() }, { id: clerk.id, role: 'CLERK' }, IP, now);
  const apixaban = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'apixaban' } });
  const confirm = (stopBeforeHours: number, at: Date) =>
    confirmBloodThinnerPlans(
      request.id,
      [{ medicineId: apixaban.id, variant: '', action: 'STOP', stopBeforeHours, restartAfterHours: 24, inrCheck: false, note: null }],
      { id: doctor.id, role: 'DOCTOR' },
      IP,
      at,
    );
  return { appointmentId, confirm };
}

function beforeLeafletText(index: number): string {
  const pdf = smtp.received[index]!.parsed.attachments.find((a) => a.filename === 'before-your-procedure.pdf');
  return pdfText(pdf!.content).replace(/\s+/g, ' ');
}

describe('a blood-thinner plan confirmed after booking', () => {
  it('sends new leaflets that replace the ones already sent, once', async () => {
    const clock = testClock(T0);
    const { appointmentId, confirm } = await bookedWithoutPlan(1, clock.now());
    const worker = smtpWorker(smtp.url, clock, { leaflets: generateLeafletDocuments });
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(1);
    expect(beforeLeafletText(0)).not.toContain(STOP_LINE);

    clock.advance(60 * 60_000);
    await confirm(120, clock.now());
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(2);
    const update = smtp.received[1]!;
    expect(update.parsed.subject).toBe(UPDATED_LEAFLETS_SUBJECT);
    expect(update.parsed.text).toContain('The attached leaflets replace the ones we sent you before.');
    // 120 hours before the 9am start on Thursday 1 April 2027, written by day.
    expect(beforeLeafletText(1)).toContain(`${STOP_LINE} Friday 26 March.`);

    // The same instruction confirmed again (say by a colleague) sends nothing more.
    clock.advance(60 * 60_000);
    await confirm(120, clock.now());
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(2);
    const prisma = await getPrisma();
    expect(await prisma.outboxMessage.count({ where: { appointmentId, purpose: 'PRE_PROCEDURE_LEAFLET' } })).toBe(2);

    // The clerk sees both on the case page.
    const { cookie } = await signedIn('CLERK');
    const page = await load<{ messages: { what: string; how: string; statusLabel: string }[] }>(caseLoader, `/procedure-bookings/${appointmentId}`, cookie, { appointmentId });
    const leafletMessages = page.data.messages.filter((m) => m.what === 'Leaflets before the procedure');
    expect(leafletMessages).toEqual([
      expect.objectContaining({ how: 'Email', statusLabel: 'Sent' }),
      expect.objectContaining({ how: 'Email', statusLabel: 'Sent' }),
    ]);
  });

  it('queues nothing extra while the first leaflet email is still waiting: it is made with the confirmed plan', async () => {
    const clock = testClock(T0);
    const { appointmentId, confirm } = await bookedWithoutPlan(2, clock.now());
    await confirm(144, clock.now());
    const prisma = await getPrisma();
    expect(await prisma.outboxMessage.count({ where: { appointmentId, purpose: 'PRE_PROCEDURE_LEAFLET' } })).toBe(1);

    const worker = smtpWorker(smtp.url, clock, { leaflets: generateLeafletDocuments });
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.parsed.subject).not.toBe(UPDATED_LEAFLETS_SUBJECT);
    expect(beforeLeafletText(0)).toContain(`${STOP_LINE} Thursday 25 March.`);
  });
});
