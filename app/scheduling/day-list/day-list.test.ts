import { describe, expect, it } from 'vitest';
import { buildDayList, type DayListCaseSource, type DayListSource } from './day-list';
import { csvField } from '~/utils/csv';
import { CSV_HEADER, dayListCsv } from './day-list-csv';
import { weekContaining } from './week';

function caseSource(overrides: Partial<DayListCaseSource> & { id: string; startsAt: Date }): DayListCaseSource {
  return {
    status: 'BOOKED',
    listPosition: null,
    arrivalAt: new Date(overrides.startsAt.getTime() - 30 * 60_000),
    minutes: 30,
    timingOverrideReason: null,
    patient: {
      firstName: 'Thi Hoa',
      lastName: 'Nguyễn',
      nhsNumber: '9990000026',
      dateOfBirth: new Date('1961-11-04T00:00:00Z'),
      diabetes: 'NONE',
      communicationNeeds: [],
      interpreterLanguage: null,
      allergies: [],
      medicines: [],
    },
    request: {
      side: 'LEFT',
      levels: 'L4/5, L5/S1',
      sedation: false,
      escortArranged: true,
      possiblePregnancy: false,
      recentInfection: false,
      implantedDevice: null,
      procedureType: { name: 'Facet joint injection', code: 'FACET_JOINT_INJECTION' },
      plans: [],
      diabetesPlans: [],
    },
    ...overrides,
  };
}

const plan = (medicineId: string) => ({ medicineId, deviatesFromRule: false, secondConfirmedAt: null });

// Sunday 28 March 2027: the clocks go forward at 01:00 UTC, so 08:30 BST is 07:30 UTC.
const source = (cases: DayListCaseSource[]): DayListSource => ({
  list: {
    id: 'list-1',
    startsAt: new Date('2027-03-28T07:30:00Z'),
    endsAt: new Date('2027-03-28T11:00:00Z'),
    sessionPart: 'MORNING',
    modality: 'XRAY',
    status: 'ACTIVE',
    capacityMinutes: 210,
    bookedMinutes: 60,
    cancellationReason: null,
    site: { name: 'Maidstone Hospital', unitName: 'Chronic Pain Unit, Hutchinson Suite, level 1' },
    operator: { name: "Dr Siobhán O'Brien" },
  },
  cases,
});

describe('buildDayList', () => {
  it('shows the list header and each case with local arrival and start times on a clock-change day', () => {
    const dayList = buildDayList(
      source([
        caseSource({ id: 'b', startsAt: new Date('2027-03-28T08:00:00Z'), listPosition: 2 }),
        caseSource({ id: 'a', startsAt: new Date('2027-03-28T07:30:00Z'), listPosition: 1, patient: { ...caseSource({ id: 'x', startsAt: new Date() }).patient, firstName: 'Agnieszka', lastName: 'Dąbrowska' } }),
      ]),
    );
    expect(dayList.title).toBe('Procedure list: Maidstone Hospital, Sunday 28 March 2027, morning');
    expect(dayList.session).toBe('Morning, 8:30am to 12pm');
    expect(dayList.site).toBe('Maidstone Hospital, Chronic Pain Unit, Hutchinson Suite, level 1');
    expect(dayList.modality).toBe('X-ray');
    expect(dayList.booked).toBe('60 of 210 minutes booked, 2 cases');
    expect(dayList.fileName).toBe('procedure-list-2027-03-28-morning');
    expect(dayList.rows.map((r) => [r.position, r.arrival, r.start, r.patient])).toEqual([
      [1, '8am', '8:30am', 'DĄBROWSKA, Agnieszka'],
      [2, '8:30am', '9am', 'NGUYỄN, Thi Hoa'],
    ]);
    expect(dayList.rows[0]).toMatchObject({
      nhsNumber: '999 000 0026',
      age: '65',
      procedure: 'Facet joint injection',
      sideAndLevels: 'Left, L4/5, L5/S1',
      sedation: 'No',
      escort: 'Confirmed',
      status: '',
      flags: [],
    });
  });

  it('flags blood thinner plans, diabetes on medication, allergies, interpreter and communication needs', () => {
    const base = caseSource({ id: 'a', startsAt: new Date('2027-03-28T07:30:00Z') });
    const [row] = buildDayList(
      source([
        {
          ...base,
          patient: {
            ...base.patient,
            diabetes: 'ON_MEDICATION',
            communicationNeeds: ['INTERPRETER', 'LARGE_PRINT'],
            interpreterLanguage: 'Vietnamese',
            allergies: [{ kind: 'LATEX', detail: null }, { kind: 'IODINE_CONTRAST', detail: 'Rash after CT' }],
            medicines: [{ freeTextName: null, medicine: { id: 'm-apixaban', displayName: 'Apixaban', bloodThinnerClass: 'FACTOR_XA_INHIBITOR', diabetesClass: 'NONE' } }],
          },
          request: {
            ...base.request,
            sedation: true,
            escortArranged: false,
            plans: [
              { ...plan('m-apixaban'), action: 'STOP', stopBeforeHours: 72, restartAfterHours: 24, inrCheck: false, confirmedAt: new Date('2027-03-01T10:00:00Z'), medicine: { displayName: 'Apixaban' } },
            ],
          },
        },
      ]),
    ).rows;
    expect(row.sedation).toBe('Yes');
    expect(row.escort).toBe('Not confirmed');
    // Sedated without a confirmed escort: no longer passed silently, the case is flagged not ready.
    expect(row.readiness.ready).toBe(false);
    expect(row.printedFlags[0]).toBe('NOT READY: Sedation: no adult escort home confirmed. Confirm an escort with the patient.');
    expect(row.flags).toEqual([
      'Blood thinner: Apixaban stop 72 h before, restart 24 h after',
      'Diabetes on medication',
      'Allergy: Latex; Iodine contrast (Rash after CT)',
      'Interpreter needed: Vietnamese',
      'Communication: Large print',
    ]);
  });

  it('flags a blood thinner the patient takes when no plan has been recorded, and an unconfirmed plan', () => {
    const base = caseSource({ id: 'a', startsAt: new Date('2027-03-28T07:30:00Z') });
    const medicines = [
      { freeTextName: null, medicine: { id: 'm-warfarin', displayName: 'Warfarin', bloodThinnerClass: 'WARFARIN', diabetesClass: 'NONE' } },
      { freeTextName: null, medicine: { id: 'm-paracetamol', displayName: 'Paracetamol', bloodThinnerClass: 'NONE', diabetesClass: 'NONE' } },
    ] satisfies DayListCaseSource['patient']['medicines'];
    const noPlan = buildDayList(source([{ ...base, patient: { ...base.patient, medicines } }])).rows[0];
    expect(noPlan.flags).toEqual(['Blood thinner: takes Warfarin; no plan recorded']);
    const unconfirmed = buildDayList(
      source([
        {
          ...base,
          patient: { ...base.patient, medicines },
          request: { ...base.request, plans: [{ ...plan('m-warfarin'), action: 'SHARED_DECISION', stopBeforeHours: null, restartAfterHours: null, inrCheck: true, confirmedAt: null, medicine: { displayName: 'Warfarin' } }] },
        },
      ]),
    ).rows[0];
    expect(unconfirmed.flags).toEqual(['Blood thinner: Warfarin shared decision, INR check on the day (plan not confirmed by a doctor)']);
  });

  it('flags each case that is not ready, counts them, and shows the implanted-device answer for radiofrequency', () => {
    const base = caseSource({ id: 'a', startsAt: new Date('2027-03-28T07:30:00Z') });
    const rf = (id: string, implantedDevice: string | null, at: string) => ({
      ...caseSource({ id, startsAt: new Date(at) }),
      request: { ...base.request, implantedDevice, procedureType: { name: 'Radiofrequency denervation', code: 'RADIOFREQUENCY_DENERVATION' } },
    });
    const dayList = buildDayList(
      source([
        { ...base, request: { ...base.request, sedation: true, escortArranged: false } },
        rf('rf-unasked', null, '2027-03-28T08:00:00Z'),
        rf('rf-pacemaker', 'PACEMAKER', '2027-03-28T08:30:00Z'),
        { ...caseSource({ id: 'ready', startsAt: new Date('2027-03-28T09:00:00Z') }) },
        { ...caseSource({ id: 'override', startsAt: new Date('2027-03-28T09:30:00Z') }), timingOverrideReason: 'Dr Shah: 3-day stop is enough' },
        { ...caseSource({ id: 'cancelled', startsAt: new Date('2027-03-28T10:00:00Z'), status: 'CANCELLED_BY_PATIENT' }), request: { ...base.request, sedation: true, escortArranged: false } },
      ]),
    );
    expect(dayList.notReady).toBe('2 of 5 cases not ready');
    expect(dayList.rows.map((r) => [r.appointmentId, r.readiness.ready, r.implantedDevice])).toEqual([
      ['a', false, ''],
      ['rf-unasked', false, 'Not asked yet'],
      ['rf-pacemaker', true, 'Pacemaker'],
      ['ready', true, ''],
      ['override', true, ''],
    ]);
    expect(dayList.rows[1].printedFlags).toEqual([
      'NOT READY: Implanted device: nobody has asked whether the patient has a pacemaker, ICD or spinal cord stimulator. Ask a doctor to record the answer.',
      'Implanted device: Not asked yet',
    ]);
    expect(dayList.rows[2].flags).toEqual(['Implanted device: Pacemaker']);
    expect(dayList.rows[4].printedFlags).toEqual(['Booked too soon for a planned medicine stop, agreed by a clinician: Dr Shah: 3-day stop is enough']);
    expect(dayListCsv(dayList)).toContain('NOT READY: Sedation: no adult escort home confirmed');
    expect(buildDayList(source([base])).notReady).toBeNull();
  });

  it('leaves cancelled cases out of the printed rows but lists them for the page', () => {
    const dayList = buildDayList(
      source([
        caseSource({ id: 'kept', startsAt: new Date('2027-03-28T08:00:00Z'), listPosition: 1 }),
        caseSource({ id: 'gone', startsAt: new Date('2027-03-28T07:30:00Z'), status: 'CANCELLED_BY_PATIENT' }),
      ]),
    );
    expect(dayList.rows.map((r) => r.appointmentId)).toEqual(['kept']);
    expect(dayList.cancelledCases).toEqual([{ appointmentId: 'gone', patient: 'NGUYỄN, Thi Hoa', start: '8:30am', status: 'Cancelled by patient' }]);
  });

  it('shows afternoon times after the clocks go back (31 October 2027, GMT)', () => {
    const dayList = buildDayList({
      ...source([caseSource({ id: 'a', startsAt: new Date('2027-10-31T13:30:00Z') })]),
      list: { ...source([]).list, sessionPart: 'AFTERNOON', startsAt: new Date('2027-10-31T13:30:00Z'), endsAt: new Date('2027-10-31T17:00:00Z') },
    });
    expect(dayList.title).toBe('Procedure list: Maidstone Hospital, Sunday 31 October 2027, afternoon');
    expect(dayList.session).toBe('Afternoon, 1:30pm to 5pm');
    expect([dayList.rows[0].arrival, dayList.rows[0].start]).toEqual(['1pm', '1:30pm']);
  });
});

describe('dayListCsv', () => {
  it('is UTF-8 with a byte-order mark, CRLF lines and RFC 4180 quoting, with local times', () => {
    const base = caseSource({ id: 'a', startsAt: new Date('2027-03-28T07:30:00Z'), listPosition: 1 });
    const csv = dayListCsv(
      buildDayList(source([{ ...base, patient: { ...base.patient, allergies: [{ kind: 'OTHER', detail: 'Penicillin: "rash", hives' }] } }])),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[1]).toBe(
      'Sunday 28 March 2027,"Morning, 8:30am to 12pm","Maidstone Hospital, Chronic Pain Unit, Hutchinson Suite, level 1",1,8am,8:30am,"NGUYỄN, Thi Hoa",999 000 0026,65,Facet joint injection,"Left, L4/5, L5/S1",No,Confirmed,,"Allergy: Other (Penicillin: ""rash"", hives)"',
    );
  });

  it('keeps a value a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+44')).toBe("'+44");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('plain')).toBe('plain');
  });
});

describe('weekContaining', () => {
  it('gives Monday to Sunday around a date, across the clock change', () => {
    expect(weekContaining('2027-03-28')).toEqual({ monday: '2027-03-22', sunday: '2027-03-28', previous: '2027-03-15', next: '2027-03-29' });
    expect(weekContaining('2027-11-01').monday).toBe('2027-11-01');
  });
});
