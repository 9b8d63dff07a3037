// Booking, moving and cancelling telephone consultations through the real routes: what is stored, what is
// refused (and that a refusal changes nothing), and the audit trail.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as appointmentAction, loader as appointmentLoader } from '~/routes/consultations.$appointmentId';
import { action as bookAction, loader as bookLoader } from '~/routes/consultations.book';
import { SLOT_TAKEN_MESSAGE } from '~/scheduling/booking-conflicts.server';
import { STALE_APPOINTMENT_MESSAGE } from '~/appointments/appointment-rules';
import {
  createClinicWithSlots,
  createConsultation,
  createProcedureBooking,
  createProcedureList,
  createProcedureRequest,
  createReferral,
  createSite,
} from '../factories';
import { appointmentIdFrom, load, newKey, post, setClock, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, 10:00 GMT

const book = (cookie: string, fields: Record<string, string>) =>
  post(bookAction, `/consultations/book?referralId=${fields.referralId ?? ''}`, { intent: 'book', idempotencyKey: newKey(), ...fields }, cookie);

const onAppointment = (cookie: string, appointmentId: string, fields: Record<string, string>) =>
  post(appointmentAction, `/consultations/${appointmentId}`, fields, cookie, { appointmentId });

type SlotRow = { id: string; when: string; siteName: string; clinicianName: string };

describe('booking a telephone consultation', () => {
  it('books the chosen slot with the slot’s times, the referral, the clerk and the key, and audits it', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-23', startTime: '09:00', endTime: '12:00', slotMinutes: 20 });
    const slot = clinic.slots[1]; // 09:20
    const referral = await createReferral(prisma);
    const key = newKey();

    const reply = await book(cookie, { slotId: slot.id, referralId: referral.id, idempotencyKey: key });

    expect(reply.status).toBe(302);
    const id = appointmentIdFrom(reply.location);
    expect(reply.location).toBe(`/consultations/${id}?booked=1`);
    const stored = await prisma.appointment.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      kind: 'CONSULTATION',
      status: 'BOOKED',
      slotId: slot.id,
      referralId: referral.id,
      patientId: referral.patientId,
      minutes: 20,
      bookedById: staff.id,
      idempotencyKey: key,
      version: 1,
      procedureListId: null,
    });
    expect(stored.startsAt.toISOString()).toBe('2027-03-23T09:20:00.000Z');
    expect(stored.endsAt.toISOString()).toBe('2027-03-23T09:40:00.000Z');
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'appointment.book', entityId: id } });
    expect(audit).toMatchObject({ actorId: staff.id, actorRole: 'CLERK', entityType: 'Appointment', patientId: referral.patientId, ipAddress: '192.0.2.10' });
    expect(audit.details).toMatchObject({ slotId: slot.id, clinicId: clinic.id, referralId: referral.id });

    const page = await load<{ when: string; statusLabel: string; changeable: boolean }>(appointmentLoader, `/consultations/${id}`, cookie, { appointmentId: id });
    expect(page.data).toMatchObject({ when: 'Tuesday 23 March 2027, 9:20am', statusLabel: 'Booked', changeable: true });
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.view', entityId: id, actorId: staff.id } })).toBe(1);
  });

  it('refuses a slot that has already started, with a clear message, and books nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    // Today 09:00-12:00: at 10:00 the 09:40 slot has started, the 10:20 one has not.
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-22', startTime: '09:00', endTime: '12:00', slotMinutes: 20 });
    const referral = await createReferral(prisma);
    for (const slot of [clinic.slots[0], clinic.slots[2], clinic.slots[3]]) {
      const reply = await book(cookie, { slotId: slot.id, referralId: referral.id });
      expect(reply.status, slot.startsAt.toISOString()).toBe(400);
      expect(reply.body?.formError).toBe('This slot is in the past. Choose a slot later than now.');
    }
    expect(await prisma.appointment.count({ where: { referralId: referral.id } })).toBe(0);
    expect((await book(cookie, { slotId: clinic.slots[4].id, referralId: referral.id })).status).toBe(302);
  });

  it('refuses a slot of a cancelled clinic (409) and never offers it', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const site = await createSite(prisma);
    const clinic = await createClinicWithSlots(prisma, { siteId: site.id, date: '2027-03-24' });
    await prisma.clinic.update({ where: { id: clinic.id }, data: { status: 'CANCELLED', cancelledAt: new Date(), cancellationReason: 'Doctor unwell' } });
    const referral = await createReferral(prisma);

    const reply = await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id });
    expect(reply.status).toBe(409);
    expect(reply.body?.formError).toBe('This clinic has been cancelled, so its slots cannot be booked. Choose another slot.');
    expect(await prisma.appointment.count({ where: { referralId: referral.id } })).toBe(0);

    const page = await load<{ slots: SlotRow[] }>(bookLoader, `/consultations/book?referralId=${referral.id}&siteId=${site.id}`, cookie);
    expect(page.data.slots).toEqual([]);
  });

  it('refuses a slot another patient holds with 409 and the slot-taken message', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const first = await createReferral(prisma);
    const second = await createReferral(prisma);
    expect((await book(cookie, { slotId: clinic.slots[0].id, referralId: first.id })).status).toBe(302);
    const reply = await book(cookie, { slotId: clinic.slots[0].id, referralId: second.id });
    expect(reply.status).toBe(409);
    expect(reply.body?.formError).toBe(SLOT_TAKEN_MESSAGE);
    expect(await prisma.appointment.count({ where: { referralId: second.id } })).toBe(0);
  });

  it('refuses a consultation that overlaps the patient’s procedure booking (one rule for every kind of appointment)', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const referral = await createReferral(prisma);
    const list = await createProcedureList(prisma, { date: '2027-03-24', startTime: '09:00', endTime: '12:30' });
    const request = await createProcedureRequest(prisma, { patientId: referral.patientId, referralId: referral.id });
    await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: request.id }); // 09:00-09:30
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24', startTime: '09:20', endTime: '10:00', slotMinutes: 20 });
    const overlapping = await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body?.formError).toMatch(/^This patient already has an appointment at that time/);
    expect((await book(cookie, { slotId: clinic.slots[1].id, referralId: referral.id })).status).toBe(302);
  });

  it('refuses a second consultation for a referral that already has one booked', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const referral = await createReferral(prisma);
    expect((await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id })).status).toBe(302);
    const again = await book(cookie, { slotId: clinic.slots[5].id, referralId: referral.id });
    expect(again.status).toBe(409);
    expect(again.body?.formError).toMatch(/already has a telephone consultation booked/);
    expect(await prisma.appointment.count({ where: { referralId: referral.id } })).toBe(1);
  });

  it('answers a form without a slot or key with 400 and field messages', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const referral = await createReferral(prisma);
    const reply = await post(bookAction, '/consultations/book', { intent: 'book', referralId: referral.id }, cookie);
    expect(reply.status).toBe(400);
    expect(reply.body?.error).toMatchObject({ slotId: ['Choose a slot'], idempotencyKey: ['This form is out of date. Reload the page and try again.'] });
  });

  it('lets only clerks book', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('DOCTOR');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const referral = await createReferral(prisma);
    expect((await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id })).status).toBe(403);
    expect(await prisma.appointment.count({ where: { referralId: referral.id } })).toBe(0);
  });
});

describe('moving a consultation', () => {
  async function booked() {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24', startTime: '09:00', endTime: '10:00', slotMinutes: 20 });
    const referral = await createReferral(prisma);
    const reply = await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id });
    return { prisma, staff, cookie, clinic, referral, id: appointmentIdFrom(reply.location) };
  }

  it('cancels the old booking as moved and books the new slot, in one step, freeing the old slot', async () => {
    const { prisma, staff, cookie, clinic, referral, id } = await booked();
    const reply = await onAppointment(cookie, id, {
      intent: 'move',
      slotId: clinic.slots[2].id,
      version: '1',
      idempotencyKey: newKey(),
      requestedBy: 'PATIENT',
      moveReason: 'Patient at work that morning',
    });
    expect(reply.status).toBe(302);
    const newId = appointmentIdFrom(reply.location);
    expect(reply.location).toBe(`/consultations/${newId}?moved=1`);
    const [old, moved] = await Promise.all([
      prisma.appointment.findUniqueOrThrow({ where: { id } }),
      prisma.appointment.findUniqueOrThrow({ where: { id: newId } }),
    ]);
    expect(old).toMatchObject({ status: 'CANCELLED_BY_PATIENT', cancellationReason: 'Patient at work that morning', cancelledById: staff.id, version: 2 });
    expect(moved).toMatchObject({ status: 'BOOKED', slotId: clinic.slots[2].id, rebookedFromId: id, referralId: referral.id, patientId: referral.patientId });
    expect(moved.startsAt.toISOString()).toBe('2027-03-24T09:40:00.000Z');
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.move', entityId: id, patientId: referral.patientId, actorId: staff.id } })).toBe(1);
    // The old slot is free again.
    const other = await createReferral(prisma);
    expect((await book(cookie, { slotId: clinic.slots[0].id, referralId: other.id })).status).toBe(302);
  });

  it('moves to an overlapping slot of another clinic (the old booking no longer counts)', async () => {
    const { prisma, cookie, id } = await booked();
    const other = await createClinicWithSlots(prisma, { date: '2027-03-24', startTime: '09:10', endTime: '09:30', slotMinutes: 20 });
    const reply = await onAppointment(cookie, id, { intent: 'move', slotId: other.slots[0].id, version: '1', idempotencyKey: newKey(), requestedBy: 'HOSPITAL' });
    expect(reply.status).toBe(302);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe('CANCELLED_BY_HOSPITAL');
  });

  it('changes nothing when the new slot has been taken (409)', async () => {
    const { prisma, cookie, clinic, id } = await booked();
    await createConsultation(prisma, { slotId: clinic.slots[1].id });
    const reply = await onAppointment(cookie, id, { intent: 'move', slotId: clinic.slots[1].id, version: '1', idempotencyKey: newKey(), requestedBy: 'PATIENT' });
    expect(reply.status).toBe(409);
    expect(reply.body?.formError).toBe(SLOT_TAKEN_MESSAGE);
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'BOOKED', version: 1, cancelledAt: null });
    expect(await prisma.appointment.count({ where: { rebookedFromId: id } })).toBe(0);
  });

  it('refuses a stale form (the appointment changed since the page was opened) with 409 and changes nothing', async () => {
    const { prisma, cookie, clinic, id } = await booked();
    // Someone else moves it first, from a page they opened at the same time.
    const first = await onAppointment(cookie, id, { intent: 'move', slotId: clinic.slots[1].id, version: '1', idempotencyKey: newKey(), requestedBy: 'PATIENT' });
    expect(first.status).toBe(302);
    const before = await prisma.appointment.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, version: true, slotId: true } });

    const staleMove = await onAppointment(cookie, id, { intent: 'move', slotId: clinic.slots[2].id, version: '1', idempotencyKey: newKey(), requestedBy: 'PATIENT' });
    expect(staleMove.status).toBe(409);
    expect(staleMove.body?.formError).toBe(STALE_APPOINTMENT_MESSAGE);
    const staleCancel = await onAppointment(cookie, id, { intent: 'cancel', version: '1', cancelledBy: 'PATIENT', reason: 'Feeling better' });
    expect(staleCancel.status).toBe(409);
    expect(staleCancel.body?.formError).toBe(STALE_APPOINTMENT_MESSAGE);

    expect(await prisma.appointment.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, version: true, slotId: true } })).toEqual(before);
  });

  it('moves once when the same move form is submitted twice', async () => {
    const { prisma, cookie, clinic, id } = await booked();
    const fields = { intent: 'move', slotId: clinic.slots[2].id, version: '1', idempotencyKey: newKey(), requestedBy: 'PATIENT' };
    const [a, b] = await Promise.all([onAppointment(cookie, id, fields), onAppointment(cookie, id, fields)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(appointmentIdFrom(a.location)).toBe(appointmentIdFrom(b.location));
    expect(await prisma.appointment.count({ where: { rebookedFromId: id } })).toBe(1);
  });

  it('asks for a new time and who asked, with field messages', async () => {
    const { cookie, id } = await booked();
    const reply = await onAppointment(cookie, id, { intent: 'move', version: '1', idempotencyKey: newKey() });
    expect(reply.status).toBe(400);
    expect(reply.body?.error).toMatchObject({ slotId: ['Choose a new time for the consultation'], requestedBy: ['Select who asked for the move'] });
  });
});

describe('cancelling a consultation', () => {
  it('by the patient: records who, when and why; the referral is waiting for first contact again', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const referral = await createReferral(prisma);
    const id = appointmentIdFrom((await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id })).location);

    const missing = await onAppointment(cookie, id, { intent: 'cancel', version: '1' });
    expect(missing.status).toBe(400);
    expect(missing.body?.error).toMatchObject({ cancelledBy: ['Select who cancelled the appointment'], reason: ['Enter the reason for cancelling'] });

    const reply = await onAppointment(cookie, id, { intent: 'cancel', version: '1', cancelledBy: 'PATIENT', reason: 'Pain has settled' });
    expect(reply.status).toBe(302);
    expect(reply.location).toBe(`/consultations/${id}?cancelled=1`);
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'CANCELLED_BY_PATIENT',
      cancellationReason: 'Pain has settled',
      cancelledById: staff.id,
      version: 2,
    });
    expect(await prisma.task.count({ where: { appointmentId: id } })).toBe(0);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'appointment.cancel', entityId: id } });
    expect(audit).toMatchObject({ actorId: staff.id, patientId: referral.patientId, ipAddress: '192.0.2.10' });
    // The reason is free text: it is not copied into the audit trail.
    expect(JSON.stringify(audit.details)).not.toContain('Pain');
    // The slot is free again, and the referral can be booked again.
    expect((await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id })).status).toBe(302);
  });

  it('by the hospital: opens a rebooking task; rebooking closes it and links the new booking to the old', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const referral = await createReferral(prisma);
    const id = appointmentIdFrom((await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id })).location);
    expect((await onAppointment(cookie, id, { intent: 'cancel', version: '1', cancelledBy: 'HOSPITAL', reason: 'Doctor called to theatre' })).status).toBe(302);
    const task = await prisma.task.findFirstOrThrow({ where: { appointmentId: id } });
    expect(task).toMatchObject({ kind: 'REBOOK_CONSULTATION', status: 'OPEN', patientId: referral.patientId, dedupeKey: `rebook-consultation:${id}` });

    const rebook = await post(bookAction, `/consultations/book?rebook=${id}`, { intent: 'book', slotId: clinic.slots[3].id, rebookFromId: id, idempotencyKey: newKey() }, cookie);
    expect(rebook.status).toBe(302);
    const newId = appointmentIdFrom(rebook.location);
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: newId } })).toMatchObject({ rebookedFromId: id, referralId: referral.id, status: 'BOOKED' });
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'DONE', doneById: staff.id });
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.rebook', entityId: newId } })).toBe(1);

    // Rebooking the same cancelled consultation again, from another page, is refused.
    await onAppointment(cookie, newId, { intent: 'cancel', version: '1', cancelledBy: 'PATIENT', reason: 'Away' });
    const again = await post(bookAction, `/consultations/book?rebook=${id}`, { intent: 'book', slotId: clinic.slots[4].id, rebookFromId: id, idempotencyKey: newKey() }, cookie);
    expect(again.status).toBe(409);
    expect(again.body?.formError).toMatch(/already been rebooked/);
  });

  it('refuses to cancel a consultation that has already taken place', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const referral = await createReferral(prisma);
    const id = appointmentIdFrom((await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id })).location);
    setClock('2027-03-25T10:00:00.000Z');
    // A day later the old session has expired: sign in again.
    const later = await signedIn('CLERK');
    const reply = await onAppointment(later.cookie, id, { intent: 'cancel', version: '1', cancelledBy: 'PATIENT', reason: 'Late' });
    expect(reply.status).toBe(400);
    expect(reply.body?.formError).toBe('This consultation has already taken place, so it cannot be cancelled.');
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe('BOOKED');
  });
});
