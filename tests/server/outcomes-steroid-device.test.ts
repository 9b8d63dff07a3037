// The doctor's "with steroid" and "pacemaker, ICD or spinal cord stimulator" answers at the outcome: stored on
// the procedure request it creates, and carried into the leaflet (issue 10, leaflet content item 6).
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { readLeafletBooking } from '~/leaflets/leaflet-booking.server';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import { buildLeaflets } from '~/leaflets/leaflet-model';
import { action } from '~/routes/consultations.$appointmentId_.outcome';
import { createProcedureBooking, createProcedureList, createProcedureType } from '../factories';
import { answeredConsultation, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';
import { leafletText } from './leaflets-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z');

const parts = loadLeafletParts();

const listing = (procedureCode: string, extra: Record<string, string> = {}) => ({
  kinds: 'LIST_FOR_PROCEDURE',
  procedureCode,
  side: 'LEFT',
  levels: 'L4/5',
  guidance: 'XRAY',
  sedation: 'no',
  priority: 'ROUTINE',
  ...extra,
});

const submit = (cookie: string, appointmentId: string, fields: Record<string, string>) =>
  post(action, `/consultations/${appointmentId}/outcome`, { intent: 'outcome', idempotencyKey: newKey(), expectedVersion: '0', ...fields }, cookie, { appointmentId });

async function bookAndRead(requestId: string) {
  const prisma = await getPrisma();
  const list = await createProcedureList(prisma, { date: '2027-04-12' });
  const appointment = await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: requestId });
  return readLeafletBooking(prisma, appointment.id);
}

describe('steroid and implanted device at the outcome', () => {
  it('radiofrequency with steroid and a pacemaker: stored on the request, in the leaflet input and the leaflet', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'RADIOFREQUENCY_DENERVATION' });
    const { appointment } = await answeredConsultation(staff.id);

    const reply = await submit(cookie, appointment.id, listing('RADIOFREQUENCY_DENERVATION', { withSteroid: 'yes', implantedDevice: 'PACEMAKER' }));

    expect(reply.status).toBe(302);
    const request = await prisma.procedureRequest.findFirstOrThrow({ where: { patientId: appointment.patientId } });
    expect(request).toMatchObject({ withSteroid: true, implantedDevice: 'PACEMAKER' });
    const booking = await bookAndRead(request.id);
    expect(booking.input.procedure).toMatchObject({ code: 'RADIOFREQUENCY_DENERVATION', withSteroid: true, implantedDevice: 'PACEMAKER' });
    const text = leafletText(buildLeaflets(booking.input, parts).before);
    expect(text).toContain('We have a note that you have a pacemaker.');
    expect(text).toContain('The doctor may also put in some steroid.');
  });

  it('radiofrequency by default, device not yet asked: null on the request, no steroid wording, the device question asked', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'RADIOFREQUENCY_DENERVATION' });
    const { appointment } = await answeredConsultation(staff.id);

    expect((await submit(cookie, appointment.id, listing('RADIOFREQUENCY_DENERVATION', { withSteroid: 'default', implantedDevice: 'NOT_ASKED' }))).status).toBe(302);

    const request = await prisma.procedureRequest.findFirstOrThrow({ where: { patientId: appointment.patientId } });
    expect(request).toMatchObject({ withSteroid: null, implantedDevice: null });
    const booking = await bookAndRead(request.id);
    expect(booking.input.procedure.withSteroid).toBeUndefined();
    expect(booking.input.procedure.implantedDevice).toBeNull();
    const text = leafletText(buildLeaflets(booking.input, parts).before);
    expect(text).toContain('Phone us before the day if you have a pacemaker');
    expect(text).not.toContain('off-label');
  });

  it('an epidural recorded without steroid, with a device answer sent: no steroid, and no device kept for a procedure that does not ask', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'INTERLAMINAR_EPIDURAL' });
    const { appointment } = await answeredConsultation(staff.id);

    expect((await submit(cookie, appointment.id, listing('INTERLAMINAR_EPIDURAL', { withSteroid: 'no', implantedDevice: 'ICD' }))).status).toBe(302);

    const request = await prisma.procedureRequest.findFirstOrThrow({ where: { patientId: appointment.patientId } });
    expect(request).toMatchObject({ withSteroid: false, implantedDevice: null });
    const booking = await bookAndRead(request.id);
    expect(booking.input.procedure).toMatchObject({ withSteroid: false, implantedDevice: null });
    const { before } = buildLeaflets(booking.input, parts);
    expect(before.sections.find((s) => s.key === 'interlaminar-epidural/about')!.blocks.map((b) => ('text' in b ? b.text : b.items.join(' '))).join(' ')).not.toMatch(/steroid/i);
  });

  it('refuses an answer that is not one of the choices, changing nothing', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'RADIOFREQUENCY_DENERVATION' });
    const { appointment } = await answeredConsultation(staff.id);

    const reply = await submit(cookie, appointment.id, listing('RADIOFREQUENCY_DENERVATION', { implantedDevice: 'TOASTER' }));

    expect(reply.status).toBe(400);
    expect((reply.body!.error as Record<string, string[]>).implantedDevice[0]).toBe('Choose the implanted device answer, or "Not yet asked"');
    expect(await prisma.procedureRequest.count({ where: { patientId: appointment.patientId } })).toBe(0);
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(0);
  });
});
