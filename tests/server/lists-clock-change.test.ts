// Europe/London on the clock-change Sundays (DESIGN.md rule 3): morning and afternoon cases booked on
// 2027-03-28 (clocks go forward) and 2027-10-31 (clocks go back) through the real routes, then listed,
// printed (PDF, read back with pdftotext) and exported (CSV), each showing the right local times.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { loader as caseLoader } from '~/routes/procedure-bookings.$appointmentId';
import { action as bookAction } from '~/routes/procedures.$requestId.book';
import { loader as listLoader } from '~/routes/lists.$listId';
import { loader as csvLoader } from '~/routes/lists.$listId.csv';
import { loader as pdfLoader } from '~/routes/lists.$listId.pdf';
import {
  createMedicine,
  createPatient,
  createPatientMedicine,
  createProcedureBooking,
  createProcedureList,
  createProcedureRequest,
  createSite,
  createStaff,
} from '../factories';
import { getRequest, respond, routeArgs } from './helpers';
import { load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-lists-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function download(loader: typeof pdfLoader, listId: string, cookie: string, kind: 'pdf' | 'csv') {
  const response = await respond(() => loader(routeArgs(getRequest(`/lists/${listId}/${kind}`, cookie), { listId }) as never));
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

function pdfText(bytes: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfInfo(bytes: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
}

const CASES = [
  { day: '2027-03-28', part: 'MORNING' as const, utcStart: '2027-03-28T07:30:00.000Z', times: [['8am', '8:30am'], ['8:30am', '9am']] },
  { day: '2027-03-28', part: 'AFTERNOON' as const, utcStart: '2027-03-28T12:30:00.000Z', times: [['1pm', '1:30pm'], ['1:30pm', '2pm']] },
  { day: '2027-10-31', part: 'MORNING' as const, utcStart: '2027-10-31T08:30:00.000Z', times: [['8am', '8:30am'], ['8:30am', '9am']] },
  { day: '2027-10-31', part: 'AFTERNOON' as const, utcStart: '2027-10-31T13:30:00.000Z', times: [['1pm', '1:30pm'], ['1:30pm', '2pm']] },
];

describe('procedure lists on the clock-change Sundays', () => {
  for (const { day, part, utcStart, times } of CASES) {
    it(`${day} ${part.toLowerCase()}: books, lists, prints and exports the local times`, async () => {
      const prisma = await getPrisma();
      const { cookie } = await signedIn('CLERK');
      const maidstone = (await prisma.site.findUnique({ where: { code: 'MAIDSTONE' } })) ?? (await createSite(prisma, { code: 'MAIDSTONE' }));
      const operator = await createStaff(prisma, { role: 'DOCTOR', name: "Dr Siobhán O'Brien" });
      const list = await createProcedureList(prisma, {
        siteId: maidstone.id,
        operatorId: operator.id,
        date: day,
        sessionPart: part,
        startTime: part === 'MORNING' ? '08:30' : '13:30',
        endTime: part === 'MORNING' ? '12:00' : '17:00',
        capacityMinutes: 180,
      });
      expect(list.startsAt.toISOString()).toBe(utcStart);

      const agnieszka = await createPatient(prisma, {
        firstName: 'Agnieszka',
        lastName: 'Dąbrowska',
        communicationNeeds: ['INTERPRETER'],
        interpreterLanguage: 'Polish',
        diabetes: 'ON_MEDICATION',
      });
      await prisma.patientAllergy.create({ data: { patientId: agnieszka.id, kind: 'LATEX' } });
      const nguyen = await createPatient(prisma, { firstName: 'Thi Hoa', lastName: 'Nguyễn' });
      await createPatientMedicine(prisma, { patientId: nguyen.id, genericName: 'apixaban' });
      const apixaban = await createMedicine(prisma, { genericName: 'apixaban' });

      const first = await createProcedureRequest(prisma, { patientId: agnieszka.id, procedureCode: 'FACET_JOINT_INJECTION', guidance: 'XRAY', side: 'LEFT', levels: 'L4/5, L5/S1', minutes: 30, sedation: true, escortArranged: true });
      const second = await createProcedureRequest(prisma, { patientId: nguyen.id, procedureCode: 'TRANSFORAMINAL_EPIDURAL', guidance: 'XRAY', side: 'RIGHT', levels: 'L5', minutes: 30 });
      await prisma.bloodThinnerPlan.create({
        data: { procedureRequestId: second.id, medicineId: apixaban.id, action: 'STOP', stopBeforeHours: 72, restartAfterHours: 24, confirmedById: operator.id, confirmedAt: new Date('2027-03-01T10:00:00Z') },
      });

      const ids = [];
      for (const request of [first, second]) {
        const reply = await post(bookAction, `/procedures/${request.id}/book`, { listId: list.id, idempotencyKey: newKey() }, cookie, { requestId: request.id });
        expect(reply.status).toBe(302);
        ids.push(/^\/procedure-bookings\/([^/?]+)/.exec(reply.location!)![1]);
      }

      // Stored as UTC instants, real minutes apart.
      const stored = await prisma.appointment.findUniqueOrThrow({ where: { id: ids[0] } });
      expect(stored.startsAt.toISOString()).toBe(utcStart);
      expect(stored.arrivalAt!.getTime()).toBe(stored.startsAt.getTime() - 30 * 60_000);

      // The case page.
      const casePage = await load<{ appointment: { arrival: string; start: string } }>(caseLoader, `/procedure-bookings/${ids[0]}`, cookie, { appointmentId: ids[0] });
      const longDay = day === '2027-03-28' ? 'Sunday 28 March 2027' : 'Sunday 31 October 2027';
      expect(casePage.data.appointment.arrival).toBe(`${longDay}, ${times[0][0]}`);
      expect(casePage.data.appointment.start).toBe(`${longDay}, ${times[0][1]}`);

      // The day list page.
      const page = await load<{ dayList: { title: string; session: string; rows: { arrival: string; start: string; patient: string; flags: string[] }[] } }>(
        listLoader,
        `/lists/${list.id}`,
        cookie,
        { listId: list.id },
      );
      const partWord = part === 'MORNING' ? 'morning' : 'afternoon';
      expect(page.data.dayList.title).toBe(`Procedure list: Maidstone Hospital, ${longDay}, ${partWord}`);
      expect(page.data.dayList.session).toBe(part === 'MORNING' ? 'Morning, 8:30am to 12pm' : 'Afternoon, 1:30pm to 5pm');
      expect(page.data.dayList.rows.map((r) => [r.arrival, r.start])).toEqual(times);
      expect(page.data.dayList.rows[0].flags).toEqual(['Diabetes on medication', 'Allergy: Latex', 'Interpreter needed: Polish']);
      expect(page.data.dayList.rows[1].flags).toEqual(['Blood thinner: Apixaban stop 72 h before, restart 24 h after']);

      // The printed list.
      const pdf = await download(pdfLoader, list.id, cookie, 'pdf');
      expect(pdf.response.status).toBe(200);
      expect(pdf.response.headers.get('Content-Type')).toBe('application/pdf');
      expect(pdf.response.headers.get('Content-Disposition')).toBe(`attachment; filename="procedure-list-${day}-${partWord}.pdf"`);
      const text = pdfText(pdf.bytes, `${day}-${part}`);
      expect(text).toContain(`Procedure list: Maidstone Hospital, ${longDay}, ${partWord}`);
      expect(text).toContain(part === 'MORNING' ? 'Session: Morning, 8:30am to 12pm' : 'Session: Afternoon, 1:30pm to 5pm');
      expect(text).toContain("Operator: Dr Siobhán O'Brien");
      expect(text).toContain('Modality: X-ray');
      expect(text).toContain('Page 1 of 1');
      const rowOf = (nhsNumber: string) => text.split('\n').find((line) => line.includes(formatNhsNumber(nhsNumber)));
      const firstRow = rowOf(agnieszka.nhsNumber);
      const secondRow = rowOf(nguyen.nhsNumber);
      expect(firstRow).toMatch(new RegExp(`^\\s*1\\s+${times[0][0]}\\s+${times[0][1]}\\s+DĄBROWSKA, Agnieszka\\s+${formatNhsNumber(agnieszka.nhsNumber)}`));
      expect(secondRow).toMatch(new RegExp(`^\\s*2\\s+${times[1][0]}\\s+${times[1][1]}\\s+NGUYỄN, Thi Hoa\\s+${formatNhsNumber(nguyen.nhsNumber)}`));
      expect(text).toContain('Interpreter needed: Polish');
      expect(text).toContain('Blood thinner: Apixaban stop 72 h');
      expect(pdfInfo(pdf.bytes, `${day}-${part}-info`)).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
      // Deterministic: the same list prints to the same bytes.
      expect((await download(pdfLoader, list.id, cookie, 'pdf')).bytes.equals(pdf.bytes)).toBe(true);

      // The CSV export.
      const csv = await download(csvLoader, list.id, cookie, 'csv');
      expect(csv.response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines[1]).toContain(`,1,${times[0][0]},${times[0][1]},"DĄBROWSKA, Agnieszka",${formatNhsNumber(agnieszka.nhsNumber)},`);
      expect(lines[2]).toContain(`,2,${times[1][0]},${times[1][1]},"NGUYỄN, Thi Hoa",${formatNhsNumber(nguyen.nhsNumber)},`);
      expect(lines[1].startsWith(`${longDay},"${page.data.dayList.session}",`)).toBe(true);

      // Viewing, printing and exporting are each audited once per patient on the list.
      for (const action of ['procedure-list.view', 'procedure-list.print', 'procedure-list.export']) {
        const events = await prisma.auditEvent.findMany({ where: { action, entityId: list.id }, select: { patientId: true } });
        expect(new Set(events.map((e) => e.patientId))).toEqual(new Set([agnieszka.id, nguyen.id]));
      }
    });
  }
});

describe('a long printed list', () => {
  it('runs onto a second page with the table header repeated and page numbers', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', startTime: '08:30', endTime: '12:00', capacityMinutes: 210 });
    for (let i = 0; i < 14; i++) {
      const patient = await createPatient(prisma, { communicationNeeds: ['INTERPRETER', 'LARGE_PRINT'], interpreterLanguage: 'Tigrinya' });
      const request = await createProcedureRequest(prisma, { patientId: patient.id, guidance: 'XRAY', minutes: 15, possiblePregnancy: true, recentInfection: true });
      await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: request.id });
    }

    const pdf = await download(pdfLoader, list.id, cookie, 'pdf');
    const text = pdfText(pdf.bytes, 'long');
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((pageText, i) => {
      expect(pageText).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(pageText).toMatch(/#\s+Arrive\s+Start\s+Patient\s+NHS number/);
    });
    expect(pages[1]).toContain('(continued)');
    // Every case printed once: 08:30 to 11:45, arriving 30 minutes before each.
    expect(text).toMatch(/\b14\s+11:15am\s+11:45am\b/);
  });
});
