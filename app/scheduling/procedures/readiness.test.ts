import { describe, expect, it } from 'vitest';
import { assessReadiness, implantedDeviceText, notReadySummary, planCounts, type ReadinessSource } from './readiness';
import { stopsTooSoon, tooSoonMessage } from './stop-timing';

const confirmed = new Date('2027-03-01T10:00:00Z');
const warfarin = { medicineId: 'm-warfarin', displayName: 'Warfarin', bloodThinnerClass: 'WARFARIN', diabetesClass: 'NONE' } as const;
const gliclazide = { medicineId: 'm-gliclazide', displayName: 'Gliclazide', bloodThinnerClass: 'NONE', diabetesClass: 'SULFONYLUREA' } as const;
const stopPlan = {
  medicineId: 'm-warfarin',
  action: 'STOP',
  stopBeforeHours: 120,
  confirmedAt: confirmed,
  deviatesFromRule: false,
  secondConfirmedAt: null,
};

const ready: ReadinessSource = {
  sedation: false,
  escortArranged: false,
  procedureCode: 'FACET_JOINT_INJECTION',
  implantedDevice: null,
  medicines: [],
  plans: [],
  diabetesPlanMedicineIds: [],
};
const codes = (source: ReadinessSource) => assessReadiness(source).reasons.map((r) => r.code);

describe('assessReadiness', () => {
  it('is ready with nothing outstanding, and an unsedated patient needs no confirmed escort for it', () => {
    expect(assessReadiness(ready)).toEqual({ ready: true, reasons: [], warnings: [] });
  });

  it('a sedated patient without a confirmed escort is not ready; with one they are', () => {
    expect(codes({ ...ready, sedation: true })).toEqual(['NO_ESCORT']);
    expect(assessReadiness({ ...ready, sedation: true }).reasons[0].text).toMatch(/no adult escort home confirmed/);
    expect(codes({ ...ready, sedation: true, escortArranged: true })).toEqual([]);
  });

  it('a blood thinner needs a confirmed plan: none, or only proposed, is not ready', () => {
    expect(codes({ ...ready, medicines: [warfarin] })).toEqual(['BLOOD_THINNER_NO_PLAN']);
    expect(codes({ ...ready, medicines: [warfarin], plans: [{ ...stopPlan, confirmedAt: null }] })).toEqual(['BLOOD_THINNER_NO_PLAN']);
    expect(assessReadiness({ ...ready, medicines: [warfarin] }).reasons[0].text).toBe(
      'Blood thinner: no confirmed plan for Warfarin. Ask a doctor to confirm whether to stop it.',
    );
    expect(codes({ ...ready, medicines: [warfarin], plans: [stopPlan] })).toEqual([]);
    expect(codes({ ...ready, medicines: [warfarin], plans: [{ ...stopPlan, action: 'CONTINUE', stopBeforeHours: null }] })).toEqual([]);
  });

  it('a confirmed "shared decision" is not yet an instruction: not ready, as the leaflet still says we will contact them', () => {
    const shared = { ...stopPlan, action: 'SHARED_DECISION', stopBeforeHours: null };
    expect(codes({ ...ready, medicines: [warfarin], plans: [shared] })).toEqual(['BLOOD_THINNER_NO_PLAN']);
    expect(assessReadiness({ ...ready, medicines: [warfarin], plans: [shared] }).reasons[0].text).toMatch(/decision still to be made with the prescriber/);
  });

  it('a plan that departs from the rule waits for a second clinician, as its own reason', () => {
    const deviating = { ...stopPlan, deviatesFromRule: true };
    expect(codes({ ...ready, medicines: [warfarin], plans: [deviating] })).toEqual(['AWAITING_SECOND_CLINICIAN']);
    expect(codes({ ...ready, medicines: [warfarin], plans: [{ ...deviating, secondConfirmedAt: confirmed }] })).toEqual([]);
    expect(planCounts(deviating)).toBe(false);
  });

  it('a stop confirmed too late for the booked date is not ready (the patient could not stop in time), unless a clinician agreed', () => {
    // Warfarin, stop 5 days, confirmed on Monday 1 March 2027 at 10:00 UTC.
    const source = { ...ready, medicines: [warfarin], plans: [stopPlan] };
    const booked = new Date('2027-02-20T09:00:00Z');
    const inTime = { startsAt: new Date('2027-03-10T09:30:00Z'), bookedAt: booked };
    const tooLate = { startsAt: new Date('2027-03-04T09:30:00Z'), bookedAt: booked };
    expect(codes({ ...source, booking: inTime })).toEqual([]);
    expect(codes({ ...source, booking: tooLate })).toEqual(['PLAN_TOO_LATE_TO_STOP']);
    expect(assessReadiness({ ...source, booking: tooLate }).reasons[0].text).toMatch(/plan to stop Warfarin was made too late for this date/);
    // Booked (or moved) after the plan: the booking time counts.
    expect(codes({ ...source, booking: { startsAt: new Date('2027-03-10T09:30:00Z'), bookedAt: new Date('2027-03-07T12:00:00Z') } })).toEqual([
      'PLAN_TOO_LATE_TO_STOP',
    ]);
    expect(codes({ ...source, booking: tooLate, timingOverrideReason: 'Agreed with haematology' })).toEqual([]);
    // On the day itself a plan made in good time is still ready: what counts is when the patient was told.
    expect(codes({ ...source, booking: inTime })).toEqual([]);
  });

  it('a diabetes medicine needs a plan around the fast only when there is a fast (sedation)', () => {
    const sedated = { ...ready, sedation: true, escortArranged: true, medicines: [gliclazide] };
    expect(codes(sedated)).toEqual(['DIABETES_NO_PLAN']);
    expect(assessReadiness(sedated).reasons[0].text).toBe('Diabetes: no plan for Gliclazide around the fast. Ask a doctor to write one.');
    expect(codes({ ...sedated, diabetesPlanMedicineIds: ['m-gliclazide'] })).toEqual([]);
    expect(codes({ ...ready, medicines: [gliclazide] }), 'no fast, no plan needed').toEqual([]);
  });

  it('radiofrequency denervation is not ready until the implanted-device question is answered', () => {
    const rf = { ...ready, procedureCode: 'RADIOFREQUENCY_DENERVATION' };
    expect(codes(rf)).toEqual(['DEVICE_NOT_ASKED']);
    expect(codes({ ...rf, implantedDevice: 'NONE' })).toEqual([]);
    expect(codes({ ...rf, implantedDevice: 'PACEMAKER' }), 'answered: the operator sees the answer').toEqual([]);
    expect(codes(ready), 'other procedures do not ask').toEqual([]);
    expect(implantedDeviceText('RADIOFREQUENCY_DENERVATION', null)).toBe('Not asked yet');
    expect(implantedDeviceText('RADIOFREQUENCY_DENERVATION', 'PACEMAKER')).toBe('Pacemaker');
    expect(implantedDeviceText('FACET_JOINT_INJECTION', null)).toBe('');
  });

  it('lists every reason, and shows a recorded timing override as a warning', () => {
    const all = assessReadiness({
      ...ready,
      sedation: true,
      procedureCode: 'RADIOFREQUENCY_DENERVATION',
      medicines: [warfarin, gliclazide],
      timingOverrideReason: 'Dr Shah agreed a 3-day stop',
    });
    expect(all.reasons.map((r) => r.code)).toEqual(['NO_ESCORT', 'BLOOD_THINNER_NO_PLAN', 'DIABETES_NO_PLAN', 'DEVICE_NOT_ASKED']);
    expect(all.warnings).toEqual(['Booked too soon for a planned medicine stop, agreed by a clinician: Dr Shah agreed a 3-day stop']);
  });

  it('counts the cases not ready', () => {
    const yes = assessReadiness(ready);
    const no = assessReadiness({ ...ready, sedation: true });
    expect(notReadySummary([yes, no, yes, no, yes, yes])).toBe('2 of 6 cases not ready');
    expect(notReadySummary([yes, yes])).toBeNull();
  });
});

describe('stopsTooSoon', () => {
  const now = new Date('2027-03-22T10:00:00Z'); // Monday
  const plan = { ...stopPlan, medicine: { displayName: 'Warfarin' } };

  it('refuses a case whose last dose day is past or within a day, and names the earliest day that works', () => {
    // 5 days before Friday 26 March 09:00: last dose Saturday 20 March, already past.
    const problems = stopsTooSoon(now, new Date('2027-03-26T09:00:00Z'), [plan]);
    expect(problems).toHaveLength(1);
    expect(problems[0].medicine).toBe('Warfarin');
    // Last dose day must end at least 24 h from now: Tuesday 23 March, so the case on Monday 29 March, at the
    // same local time: 9am, which is BST after the clocks change on 28 March.
    expect(problems[0].earliestDate.toISOString()).toBe('2027-03-29T08:00:00.000Z');
    expect(tooSoonMessage(problems)).toBe(
      'This list is too soon for the patient to stop Warfarin (stop 5 days before) as planned. Choose a list on or after Monday 29 March 2027, or record why a clinician agrees to book it anyway.',
    );
    expect(stopsTooSoon(now, new Date('2027-03-29T09:00:00Z'), [plan])).toEqual([]);
  });

  it('checks only counting stop plans', () => {
    const soon = new Date('2027-03-24T09:00:00Z');
    expect(stopsTooSoon(now, soon, [{ ...plan, confirmedAt: null }])).toEqual([]);
    expect(stopsTooSoon(now, soon, [{ ...plan, action: 'CONTINUE' }])).toEqual([]);
    expect(stopsTooSoon(now, soon, [{ ...plan, deviatesFromRule: true }])).toEqual([]);
    expect(stopsTooSoon(now, soon, [{ ...plan, deviatesFromRule: true, secondConfirmedAt: confirmed }])).toHaveLength(1);
  });
});
