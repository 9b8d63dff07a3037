// A message held (for example until a leaflet part is approved) past the start of its appointment would tell the
// patient to get ready for something already over: it is withdrawn, never sent. The aftercare leaflet still goes.
import { describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '~/communications/mail-transport.server';
import { createOutboxWorker } from '~/communications/worker.server';
import { getPrisma } from '~/db.server';
import { LEAFLET_HOLD_CODE } from '~/leaflets/leaflet-approval';
import { generateLeafletDocuments } from '~/leaflets/leaflet-documents.server';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { approveCurrentLeafletParts, createPatient, createProcedureList, createProcedureRequest, createStaff } from '../factories';
import { testDatabase } from '../setup/database';
import { MAIL_FROM, noSms } from './communications-fixtures';
import { newKey } from './consultations-fixtures';
import { maidstone } from './leaflets-fixtures';

const NOW = new Date('2027-03-22T10:00:00.000Z');
const IP = '192.0.2.62';

describe('a held message whose appointment has begun', () => {
  it('is withdrawn when its appointment has started, and nothing is emailed', async () => {
    const prisma = await getPrisma();
    await prisma.leafletApproval.deleteMany();
    const site = await maidstone();
    const clerk = await createStaff(prisma, { role: 'CLERK' });
    const patient = await createPatient(prisma, { email: 'late.patient@example.com', emailConsent: true, preferredChannel: 'EMAIL' });
    const list = await createProcedureList(prisma, { siteId: site.id, date: '2027-04-01', modality: 'XRAY' });
    const request = await createProcedureRequest(prisma, { patientId: patient.id, guidance: 'XRAY', side: 'LEFT', levels: 'L4/5', minutes: 30 });
    const { appointmentId } = await bookProcedure({ requestId: request.id, listId: list.id, idempotencyKey: newKey() }, { id: clerk.id, role: 'CLERK' }, IP, NOW);
    const held = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId, purpose: 'PRE_PROCEDURE_LEAFLET' } });
    expect(held).toMatchObject({ status: 'QUEUED', lastError: LEAFLET_HOLD_CODE });

    // The parts are approved only after the procedure day has begun.
    const appointment = await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } });
    const after = new Date(appointment.startsAt.getTime() + 60 * 60_000);
    await approveCurrentLeafletParts(prisma);
    await prisma.outboxMessage.update({ where: { id: held.id }, data: { nextAttemptAt: after } });

    const sent: OutgoingEmail[] = [];
    const worker = createOutboxWorker({
      db: testDatabase(),
      mail: { kind: 'mail-dir', send: async (email: OutgoingEmail) => (sent.push(email), { providerMessageId: `<${email.outboxId}@test>` }), close() {} },
      sms: noSms,
      leaflets: generateLeafletDocuments,
      mailFrom: MAIL_FROM,
      clock: () => after,
    });
    await worker.runWorkerOnce({ now: after });
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: 'CANCELLED', lastError: 'APPOINTMENT_PASSED' });
    expect(sent.filter((m) => m.outboxId === held.id)).toHaveLength(0);
  });
});
