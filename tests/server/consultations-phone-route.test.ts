// DESIGN.md rule 11 for telephone consultations: no telephone appointment without a usable phone route. A
// patient with no phone number cannot be booked (nothing saved); one who needs an interpreter or uses BSL is
// booked, and the booking confirmation, the doctor's My clinic page and the clinics page say what to arrange.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { loader as appointmentLoader } from '~/routes/consultations.$appointmentId';
import { action as bookAction } from '~/routes/consultations.book';
import { loader as clinicsLoader } from '~/routes/clinics';
import { loader as myClinicLoader } from '~/routes/my-clinic';
import { NO_PHONE_NUMBER_MESSAGE } from '~/consultations/phone-route';
import { createClinicWithSlots, createPatient, createReferral } from '../factories';
import { appointmentIdFrom, load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027

const book = (cookie: string, fields: Record<string, string>) =>
  post(bookAction, `/consultations/book?referralId=${fields.referralId ?? ''}`, { intent: 'book', idempotencyKey: newKey(), ...fields }, cookie);

describe('telephone consultations and the phone route', () => {
  it('refuses a telephone consultation for a patient with no phone number, saving nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-23', kind: 'TELEPHONE' });
    const patient = await createPatient(prisma, { mobilePhone: null });
    const referral = await createReferral(prisma, { patientId: patient.id });

    const reply = await book(cookie, { slotId: clinic.slots[0].id, referralId: referral.id });

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ formError: NO_PHONE_NUMBER_MESSAGE });
    expect(await prisma.appointment.count({ where: { patientId: patient.id } })).toBe(0);

    // A face-to-face clinic needs no phone: the same patient can be booked there.
    const faceToFace = await createClinicWithSlots(prisma, { date: '2027-03-24', kind: 'FACE_TO_FACE', siteId: clinic.siteId });
    expect((await book(cookie, { slotId: faceToFace.slots[0].id, referralId: referral.id })).status).toBe(302);
  });

  it('books a patient who needs an interpreter and flags it on the confirmation, My clinic and the clinics page', async () => {
    const prisma = await getPrisma();
    const clerk = await signedIn('CLERK');
    const doctor = await signedIn('DOCTOR');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-23', clinicianId: doctor.staff.id });
    const patient = await createPatient(prisma, { communicationNeeds: ['INTERPRETER'], interpreterLanguage: 'Polish' });
    const bslPatient = await createPatient(prisma, { communicationNeeds: ['BSL'] });
    const referral = await createReferral(prisma, { patientId: patient.id });
    const bslReferral = await createReferral(prisma, { patientId: bslPatient.id });

    const reply = await book(clerk.cookie, { slotId: clinic.slots[0].id, referralId: referral.id });
    expect(reply.status).toBe(302);
    const id = appointmentIdFrom(reply.location);
    expect((await book(clerk.cookie, { slotId: clinic.slots[1].id, referralId: bslReferral.id })).status).toBe(302);

    const interpreter = 'Needs an interpreter (Polish): book an interpreter for the call';
    const bsl = 'Uses BSL: a phone call will not work, offer video or face to face';
    const confirmation = await load<{ phoneRoute: string[] }>(appointmentLoader, `/consultations/${id}?booked=1`, clerk.cookie, { appointmentId: id });
    expect(confirmation.data.phoneRoute).toEqual([interpreter]);

    const myClinic = await load<{ clinics: { slots: { consultation: { phoneRoute: string[] } | null }[] }[] }>(
      myClinicLoader,
      '/my-clinic?date=2027-03-23',
      doctor.cookie,
    );
    expect(myClinic.data.clinics[0].slots.slice(0, 2).map((s) => s.consultation?.phoneRoute)).toEqual([[interpreter], [bsl]]);

    const clinics = await load<{ clinics: { id: string; slots: { booking: { phoneRoute: string[] } | null }[] }[] }>(
      clinicsLoader,
      `/clinics?date=2027-03-23&siteId=${clinic.siteId}`,
      clerk.cookie,
    );
    const shown = clinics.data.clinics.find((c) => c.id === clinic.id)!;
    expect(shown.slots.slice(0, 3).map((s) => s.booking?.phoneRoute ?? null)).toEqual([[interpreter], [bsl], null]);
  });
});
