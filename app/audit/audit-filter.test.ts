import { describe, expect, it } from 'vitest';
import { auditCsvTime, auditFilterQuery, auditTimeRange, parseAuditQuery } from './audit-filter';

const parse = (query: string) => parseAuditQuery(new URLSearchParams(query));

describe('parseAuditQuery', () => {
  it('reads every filter and the cursor', () => {
    const q = parse('patientId=cpat1&actor=cstaff1&action=patient.view&from=2027-03-01&to=2027-03-31&before=12345');
    expect(q.errors).toEqual([]);
    expect(q.filter).toEqual({ patientId: 'cpat1', actorId: 'cstaff1', action: 'patient.view', from: '2027-03-01', to: '2027-03-31' });
    expect(q.cursor).toEqual({ before: 12345n });
  });

  it('keeps a patient search as text, and "system" as events without a staff member', () => {
    expect(parse('patient=%20Ada%20Example%20&actor=system').filter).toEqual({ patientQuery: 'Ada Example', actorId: null });
  });

  it('refuses unknown actions, bad ids, unreal dates and bad cursors with messages', () => {
    const q = parse("action=patient.delete&actor=x'%20OR%201=1&from=2027-02-30&to=28/03/2027&after=-1&patientId=%3Cscript%3E");
    expect(q.errors.map((e) => e.field).sort()).toEqual(['action', 'actor', 'from', 'page', 'patient', 'to']);
    expect(q.filter).toEqual({});
    for (const cursor of ['abc', '0', '1e5', '99999999999999999999', '9223372036854775808']) {
      expect(parse(`before=${cursor}`).errors.map((e) => e.field), cursor).toEqual(['page']);
    }
    expect(parse('before=9223372036854775807').cursor).toEqual({ before: 9223372036854775807n });
    expect(parse('before=5&after=3').errors.map((e) => e.field)).toEqual(['page']);
    expect(parse(`patient=${'a'.repeat(101)}`).errors.map((e) => e.field)).toEqual(['patient']);
    expect(parse('action=constructor').errors.map((e) => e.field)).toEqual(['action']);
    // Real ISO dates the database cannot sensibly search: refused, not passed on.
    expect(parse('from=0000-01-01&to=9999-12-31').errors.map((e) => e.field)).toEqual(['from', 'to']);
  });

  it('explains a reversed date range and filters on neither date', () => {
    const q = parse('from=2027-03-31&to=2027-03-01');
    expect(q.errors).toEqual([
      { field: 'from', message: 'The “from” date (31 March 2027) is after the “to” date (1 March 2027). Swap them to see the events between the two days.' },
    ]);
    expect(q.filter).toEqual({});
    expect(parse('from=2027-03-28&to=2027-03-28').errors).toEqual([]);
  });
});

describe('auditTimeRange: Europe/London days', () => {
  it('a winter (GMT) day is midnight to midnight UTC', () => {
    expect(auditTimeRange({ from: '2027-01-04', to: '2027-01-04' })).toEqual({
      gte: new Date('2027-01-04T00:00:00.000Z'),
      lt: new Date('2027-01-05T00:00:00.000Z'),
    });
  });

  it('a summer (BST) day starts at 23:00 UTC the day before', () => {
    expect(auditTimeRange({ from: '2027-07-01', to: '2027-07-01' })).toEqual({
      gte: new Date('2027-06-30T23:00:00.000Z'),
      lt: new Date('2027-07-01T23:00:00.000Z'),
    });
  });

  it('the spring clock-change day (28 March 2027) is 23 hours long', () => {
    const { gte, lt } = auditTimeRange({ from: '2027-03-28', to: '2027-03-28' });
    expect(gte).toEqual(new Date('2027-03-28T00:00:00.000Z'));
    expect(lt).toEqual(new Date('2027-03-28T23:00:00.000Z'));
  });

  it('an open-ended range has one bound', () => {
    expect(auditTimeRange({ from: '2027-07-01' })).toEqual({ gte: new Date('2027-06-30T23:00:00.000Z') });
    expect(auditTimeRange({})).toEqual({});
  });
});

describe('auditFilterQuery and auditCsvTime', () => {
  it('round-trips a filter and a cursor through the query string', () => {
    const filter = { patientId: 'cpat1', actorId: null, action: 'outcome.record', from: '2027-03-01', to: '2027-03-31' };
    const query = auditFilterQuery(filter, { after: 99n });
    const back = parse(query);
    expect(back.filter).toEqual(filter);
    expect(back.cursor).toEqual({ after: 99n });
  });

  it('prints London wall-clock times', () => {
    expect(auditCsvTime(new Date('2027-07-01T08:30:05.000Z'))).toBe('2027-07-01 09:30:05');
    expect(auditCsvTime(new Date('2027-01-04T08:30:05.000Z'))).toBe('2027-01-04 08:30:05');
  });
});
