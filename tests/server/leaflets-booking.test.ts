// Reading a procedure booking for its leaflets: every fact the model needs comes from the database, only a
// doctor-confirmed blood-thinner plan becomes an instruction (DESIGN rule 4), large print follows the recorded
// communication need (rule 6), and a consultation or a cancelled case gets no leaflet.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { readLeafletBooking } from '~/leaflets/leaflet-booking.server';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import { buildLeaflets } from '~/leaflets/leaflet-model';
import { createClinicWithSlots, createConsultation } from '../factories';
import { bloodThinnerPlan, leafletBooking, leafletText } from './leaflets-fixtures';

const parts = loadLeafletParts();

describe('reading a booking for its leaflets', () => {
  it('large print need, diabetes on medication, allergies, medicines with their catalogue facts and a confirmed plan', async () => {
    const { appointment, request, patient } = await leafletBooking({
      needs: ['LARGE_PRINT', 'INTERPRETER'],
      diabetes: 'ON_MEDICATION',
      medicines: ['apixaban', 'morphine', 'metformin'],
      allergies: [{ kind: 'LATEX' }, { kind: 'OTHER', detail: 'penicillin' }],
      sedation: true,
    });
    await bloodThinnerPlan(request.id, 'apixaban', { stopBeforeHours: 72, restartAfterHours: 24, doctorName: 'Dr Imogen Hale' });
    const prisma = await getPrisma();

    const booking = await readLeafletBooking(prisma, appointment.id);

    expect(booking).toMatchObject({
      appointmentId: appointment.id,
      patientId: patient.id,
      largePrint: true,
      unconfirmedBloodThinners: [],
      // Metformin around a fast needs a clinician's plan; none is recorded yet.
      unplannedDiabetesMedicines: ['metformin'],
    });
    expect(booking.input).toMatchObject({
      patient: { firstName: 'Agnieszka', lastName: 'Dąbrowska', nhsNumber: patient.nhsNumber, needs: ['LARGE_PRINT', 'INTERPRETER'] },
      procedure: { code: 'FACET_JOINT_INJECTION', side: 'LEFT', levels: 'L4/5', sedation: true },
      appointment: { start: appointment.startsAt, arrival: appointment.arrivalAt, siteCode: 'MAIDSTONE' },
      diabetes: 'ON_MEDICATION',
      diabetesPlan: [],
      allergies: ['latex', 'penicillin'],
      bloodThinnerPlan: [{ medicine: 'apixaban', action: 'STOP', stopBeforeHours: 72, restartAfterHours: 24, inrCheck: false, confirmedBy: 'Dr Imogen Hale' }],
    });
    expect(booking.input.medicines).toEqual([
      { name: 'apixaban', drivingCategory: 'NONE', drivingLimitMcgPerL: null, bloodThinnerClass: 'FACTOR_XA_INHIBITOR', diabetesClass: 'NONE' },
      { name: 'morphine', drivingCategory: 'SPECIFIED_LIMIT', drivingLimitMcgPerL: 80, bloodThinnerClass: 'NONE', diabetesClass: 'NONE' },
      { name: 'metformin', drivingCategory: 'NONE', drivingLimitMcgPerL: null, bloodThinnerClass: 'NONE', diabetesClass: 'METFORMIN' },
    ]);
    expect(booking.input.patient.dateOfBirth).toBe(patient.dateOfBirth.toISOString().slice(0, 10));

    // What the model makes of it: the patient's own dates, from the database's instants in Europe/London.
    const { before, after } = buildLeaflets(booking.input, parts);
    expect(before.largePrint).toBe(true);
    const text = leafletText(before);
    expect(text).toContain('Thursday 1 April 2027, arrive 8:30am');
    // 72 hours before 9am on Thursday 1 April 2027 (BST), written by day.
    expect(text).toContain('Take your last dose of apixaban on Sunday 28 March. Do not take any from Monday 29 March until after your procedure on Thursday 1 April.');
    expect(text).toContain('we will phone you by Thursday 25 March 2027 to agree what to do with your metformin');
    expect(text).toContain('Dr Imogen Hale');
    expect(text).toContain('latex and penicillin');
    expect(text).toContain('morphine');
    expect(before.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['shared/diabetes-steroid', 'shared/fasting', 'shared/blood-thinners']));
    expect(after.sections.map((s) => s.key)).toContain('shared/blood-thinners-restart');
  });

  it("prints the unit's address and phone number from the Site row, not from the code's reference data", async () => {
    const { appointment, list } = await leafletBooking({ medicines: [] });
    const prisma = await getPrisma();
    const { siteId } = await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id }, select: { siteId: true } });
    await prisma.site.update({ where: { id: siteId }, data: { phone: '01632 960999', unitName: 'Day Surgery Unit, level 2' } });

    const booking = await readLeafletBooking(prisma, appointment.id);
    const { before, after } = buildLeaflets(booking.input, parts);
    const text = leafletText(before);
    expect(text).toContain('Phone: 01632 960999');
    expect(text).toContain('Day Surgery Unit, level 2');
    expect(text).not.toContain('01632 960100');
    expect(after.unit.phone).toBe('01632 960999');
  });

  it('a proposed plan that no doctor confirmed gives no stop instruction and is reported as unconfirmed', async () => {
    const { appointment, request } = await leafletBooking({ medicines: ['apixaban', 'paracetamol'], diabetes: 'DIET_CONTROLLED' });
    await bloodThinnerPlan(request.id, 'apixaban', { stopBeforeHours: 72, confirmed: false });
    const prisma = await getPrisma();

    const booking = await readLeafletBooking(prisma, appointment.id);

    expect(booking.largePrint).toBe(false);
    expect(booking.unconfirmedBloodThinners).toEqual(['apixaban']);
    expect(booking.input.bloodThinnerPlan).toEqual([]);
    expect(booking.input.diabetes).toBe('DIET_CONTROLLED');
    expect(booking.input.allergies).toEqual([]);
    const { before, after } = buildLeaflets(booking.input, parts);
    const text = leafletText(before);
    expect(text).not.toMatch(/last dose/i);
    expect(text).toContain('we will contact you about your apixaban before your procedure');
    // Diet-controlled diabetes and a facet joint injection with steroid: the blood sugar advice, no fast.
    expect(before.sections.map((s) => s.key)).toContain('shared/diabetes-steroid');
    expect(before.sections.map((s) => s.key)).not.toContain('shared/fasting');
    expect(after.sections.map((s) => s.key)).not.toContain('shared/blood-thinners-restart');
  });

  it('a confirmed "continue" plan is not reported as unconfirmed; a plan for a medicine since stopped is left out', async () => {
    const { appointment, request, patient } = await leafletBooking({ medicines: ['aspirin', 'warfarin'] });
    await bloodThinnerPlan(request.id, 'aspirin', { action: 'CONTINUE', stopBeforeHours: null, restartAfterHours: null });
    await bloodThinnerPlan(request.id, 'warfarin', { stopBeforeHours: 120 });
    const prisma = await getPrisma();
    await prisma.patientMedicine.updateMany({
      where: { patientId: patient.id, medicine: { genericName: 'warfarin' } },
      data: { stoppedAt: new Date('2027-03-21T09:00:00.000Z') },
    });

    const booking = await readLeafletBooking(prisma, appointment.id);

    expect(booking.unconfirmedBloodThinners).toEqual([]);
    expect(booking.input.bloodThinnerPlan).toEqual([expect.objectContaining({ medicine: 'aspirin', action: 'CONTINUE' })]);
    expect(leafletText(buildLeaflets(booking.input, parts).before)).not.toContain('warfarin');
  });

  it('refuses a consultation (404), an unknown id (404) and a cancelled case (409)', async () => {
    const prisma = await getPrisma();
    const clinic = await createClinicWithSlots(prisma);
    const consultation = await createConsultation(prisma, { slotId: clinic.slots[0]!.id });
    const { appointment } = await leafletBooking();
    await prisma.appointment.update({ where: { id: appointment.id }, data: { status: 'CANCELLED_BY_PATIENT', cancelledAt: new Date() } });

    for (const [id, status] of [
      [consultation.id, 404],
      ['no-such-appointment', 404],
      [appointment.id, 409],
    ] as const) {
      const error = await readLeafletBooking(prisma, id).catch((e: unknown) => e);
      expect(error, id).toBeInstanceOf(DomainError);
      expect((error as DomainError).status, id).toBe(status);
    }
  });
});
