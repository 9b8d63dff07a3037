// Doctors and clinics (ADR 0019): a doctor logs calls and records outcomes in their own clinic; in a
// colleague's clinic only when covering it, declared for that colleague, and then audited and shown as covering.
// Through the real /my-clinic and /consultations/:id/outcome routes.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as clinicAction, loader as clinicLoader } from '~/routes/my-clinic';
import { action as outcomeAction, loader as outcomeLoader } from '~/routes/consultations.$appointmentId_.outcome';
import { createClinicWithSlots, createConsultation, createReferral } from '../factories';
import { load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, 10:00 GMT

async function colleaguesClinic() {
  const prisma = await getPrisma();
  const owner = await signedIn('DOCTOR');
  const cover = await signedIn('DOCTOR');
  const clinic = await createClinicWithSlots(prisma, { clinicianId: owner.staff.id, date: '2027-03-22', startTime: '09:00', endTime: '10:00', slotMinutes: 20 });
  const referral = await createReferral(prisma, {});
  const appointment = await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId: referral.id });
  const names = async (id: string) => (await prisma.staffUser.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;
  return { owner, cover, appointment, ownerName: await names(owner.staff.id), coverName: await names(cover.staff.id) };
}

const call = (cookie: string, appointmentId: string, version: number, result: 'NO_ANSWER' | 'ANSWERED', extra: Record<string, string> = {}) =>
  post(clinicAction, '/my-clinic?date=2027-03-22', { intent: 'call', appointmentId, version: String(version), result, ...extra }, cookie);

const outcome = (cookie: string, appointmentId: string, extra: Record<string, string> = {}) =>
  post(
    outcomeAction,
    `/consultations/${appointmentId}/outcome`,
    { intent: 'outcome', idempotencyKey: newKey(), expectedVersion: '0', kinds: 'PSYCHOLOGY', ...extra },
    cookie,
    { appointmentId },
  );

describe('calls in a colleague’s clinic', () => {
  it('are refused unless the doctor declares they are covering that colleague; nothing is logged', async () => {
    const prisma = await getPrisma();
    const { cover, owner, appointment, ownerName } = await colleaguesClinic();
    const other = await signedIn('DOCTOR');

    const declarations: Record<string, string>[] = [{}, { coveringFor: other.staff.id }, { coveringFor: '' }, { coveringFor: cover.staff.id }];
    for (const extra of declarations) {
      const refused = await call(cover.cookie, appointment.id, 1, 'NO_ANSWER', extra);
      expect(refused.status, JSON.stringify(extra)).toBe(409);
      expect(refused.body!.formError).toBe(
        `This consultation is in ${ownerName}’s clinic. To log calls while covering it, open their clinic from My clinic (“Cover a colleague’s clinic”).`,
      );
    }
    expect(await prisma.callAttempt.count({ where: { appointmentId: appointment.id } })).toBe(0);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).version).toBe(1);

    // The clinic's own doctor needs no declaration, and nothing marks it as covering.
    const own = await call(owner.cookie, appointment.id, 1, 'NO_ANSWER');
    expect(own.status).toBe(302);
    const ownEvent = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'consultation.call-attempt', entityId: appointment.id }, select: { details: true } });
    expect(ownEvent.details).not.toHaveProperty('coveringForId');
  });

  it('are logged when covering, audited with coveringForId (the DNA too), and the page says whose clinic it is', async () => {
    const prisma = await getPrisma();
    const { cover, owner, appointment, ownerName } = await colleaguesClinic();

    type Clinic = { covering: { id: string; name: string } | null; coveringUnknown: boolean; colleagues: { id: string; name: string }[]; clinics: { slots: { consultation: { id: string } | null }[] }[] };
    const own = await load<Clinic>(clinicLoader, '/my-clinic?date=2027-03-22', cover.cookie);
    expect(own.data.covering).toBeNull();
    expect(own.data.clinics).toEqual([]);
    expect(own.data.colleagues).toContainEqual({ id: owner.staff.id, name: ownerName });

    const covering = await load<Clinic>(clinicLoader, `/my-clinic?date=2027-03-22&doctor=${owner.staff.id}`, cover.cookie);
    expect(covering.data.covering).toEqual({ id: owner.staff.id, name: ownerName });
    expect(covering.data.clinics[0].slots[0].consultation!.id).toBe(appointment.id);
    const unknown = await load<Clinic>(clinicLoader, '/my-clinic?date=2027-03-22&doctor=nobody%27', cover.cookie);
    expect(unknown.status).toBe(200);
    expect(unknown.data).toMatchObject({ covering: null, coveringUnknown: true });

    const first = await call(cover.cookie, appointment.id, 1, 'NO_ANSWER', { coveringFor: owner.staff.id });
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/my-clinic?date=2027-03-22&doctor=${owner.staff.id}&logged=no-answer#consultation-${appointment.id}`);
    const second = await call(cover.cookie, appointment.id, 2, 'NO_ANSWER', { coveringFor: owner.staff.id });
    expect(second.location).toContain('logged=dna');

    const attempts = await prisma.callAttempt.findMany({ where: { appointmentId: appointment.id }, select: { byId: true } });
    expect(attempts).toEqual([{ byId: cover.staff.id }, { byId: cover.staff.id }]);
    const events = await prisma.auditEvent.findMany({
      where: { entityId: appointment.id, action: { in: ['consultation.call-attempt', 'appointment.dna'] } },
      orderBy: { id: 'asc' },
      select: { action: true, actorId: true, details: true },
    });
    expect(events.map((e) => [e.action, e.actorId, (e.details as { coveringForId?: string }).coveringForId])).toEqual([
      ['consultation.call-attempt', cover.staff.id, owner.staff.id],
      ['consultation.call-attempt', cover.staff.id, owner.staff.id],
      ['appointment.dna', cover.staff.id, owner.staff.id],
    ]);
  });
});

describe('outcomes in a colleague’s clinic', () => {
  type OutcomePage = { canRecord: boolean; covering: { clinicianId: string; name: string; confirmed: boolean } | null; calls: string[]; versions: { recorded: string }[] };

  it('the form asks the covering doctor to confirm; without it nothing is recorded; with it the outcome is audited and shown as covering', async () => {
    const prisma = await getPrisma();
    const { cover, owner, appointment, ownerName, coverName } = await colleaguesClinic();
    const answered = await call(cover.cookie, appointment.id, 1, 'ANSWERED', { coveringFor: owner.staff.id });
    expect(answered.location).toBe(`/consultations/${appointment.id}/outcome?covering=${owner.staff.id}`);

    const asOwner = await load<OutcomePage>(outcomeLoader, `/consultations/${appointment.id}/outcome`, owner.cookie, { appointmentId: appointment.id });
    expect(asOwner.data).toMatchObject({ canRecord: true, covering: null });
    const asCover = await load<OutcomePage>(outcomeLoader, `/consultations/${appointment.id}/outcome?covering=${owner.staff.id}`, cover.cookie, {
      appointmentId: appointment.id,
    });
    expect(asCover.data).toMatchObject({ canRecord: true, covering: { clinicianId: owner.staff.id, name: ownerName, confirmed: true } });
    expect(asCover.data.calls[0]).toBe(`Answered at 10am (${coverName}, covering for ${ownerName})`);
    const clerk = await signedIn('CLERK');
    const asClerk = await load<OutcomePage>(outcomeLoader, `/consultations/${appointment.id}/outcome`, clerk.cookie, { appointmentId: appointment.id });
    expect(asClerk.data).toMatchObject({ canRecord: false, covering: null });

    const unconfirmed = await outcome(cover.cookie, appointment.id);
    expect(unconfirmed.status).toBe(409);
    expect((unconfirmed.body!.error as Record<string, string[]>).coveringFor[0]).toBe(
      `This consultation is in ${ownerName}’s clinic. Confirm that you are covering their clinic to record the outcome.`,
    );
    const wrong = await outcome(cover.cookie, appointment.id, { coveringFor: cover.staff.id });
    expect(wrong.status).toBe(409);
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(0);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('BOOKED');

    const recorded = await outcome(cover.cookie, appointment.id, { coveringFor: owner.staff.id });
    expect(recorded.status).toBe(302);
    const record = await prisma.outcomeRecord.findFirstOrThrow({ where: { appointmentId: appointment.id }, select: { id: true, recordedById: true } });
    expect(record.recordedById).toBe(cover.staff.id);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'outcome.record', entityId: record.id }, select: { actorId: true, details: true } });
    expect(event.actorId).toBe(cover.staff.id);
    expect(event.details).toMatchObject({ coveringForId: owner.staff.id });
    const after = await load<OutcomePage>(outcomeLoader, `/consultations/${appointment.id}/outcome`, owner.cookie, { appointmentId: appointment.id });
    expect(after.data.versions[0].recorded).toBe(`Monday 22 March 2027, 10am by ${coverName}, covering for ${ownerName}`);

    // The clinic's own doctor edits without a declaration, and it is not marked as covering.
    const edit = await post(
      outcomeAction,
      `/consultations/${appointment.id}/outcome`,
      { intent: 'outcome', idempotencyKey: newKey(), expectedVersion: '1', kinds: 'SURGICAL_REFERRAL' },
      owner.cookie,
      { appointmentId: appointment.id },
    );
    expect(edit.status).toBe(302);
    const editEvent = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'outcome.edit', actorId: owner.staff.id }, select: { details: true } });
    expect(editEvent.details).not.toHaveProperty('coveringForId');
  });
});
