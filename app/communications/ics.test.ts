import { describe, expect, it } from 'vitest';
import { buildCalendarFile, escapeText, foldLine, type CalendarEvent } from './ics';

const base: CalendarEvent = {
  uid: 'appointment-abc123@paindesk',
  sequence: 2,
  method: 'REQUEST',
  startsAt: new Date('2027-01-04T09:30:00Z'),
  endsAt: new Date('2027-01-04T10:00:00Z'),
  stamp: new Date('2026-12-01T12:00:00.000Z'),
  summary: 'Chronic Pain Unit appointment',
  location: 'Maidstone Hospital, Hermitage Lane, Maidstone, ME16 9QQ',
  description: 'Please arrive at 9am.\nCall 01622 224596 if you cannot come.',
  organizer: { name: 'Chronic Pain Unit', email: 'no-reply@paindesk.invalid' },
  attendeeEmail: 'patient@example.com',
};

function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('buildCalendarFile', () => {
  it('writes a REQUEST with a stable UID, the sequence, a Europe/London VTIMEZONE and CRLF line endings', () => {
    const ics = buildCalendarFile(base);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics);
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain('UID:appointment-abc123@paindesk');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('DTSTAMP:20261201T120000Z');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('TZID:Europe/London');
    expect(lines).toContain('DTSTART;TZID=Europe/London:20270104T093000');
    expect(lines).toContain('DTEND;TZID=Europe/London:20270104T100000');
    expect(lines).toContain('DESCRIPTION:Please arrive at 9am.\\nCall 01622 224596 if you cannot come.');
    expect(lines).toContain('LOCATION:Maidstone Hospital\\, Hermitage Lane\\, Maidstone\\, ME16 9QQ');
    expect(lines).toContain('ORGANIZER;CN="Chronic Pain Unit":mailto:no-reply@paindesk.invalid');
    expect(lines).toContain('ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:patient@example.com');
  });

  it('gives the same bytes for the same input (a retried email sends the same file)', () => {
    expect(buildCalendarFile(base)).toBe(buildCalendarFile({ ...base }));
  });

  it('writes a CANCEL with STATUS:CANCELLED for the same UID', () => {
    const lines = unfold(buildCalendarFile({ ...base, method: 'CANCEL', sequence: 3 }));
    expect(lines).toContain('METHOD:CANCEL');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('UID:appointment-abc123@paindesk');
    expect(lines).toContain('SEQUENCE:3');
  });

  // BST starts at 01:00 UTC on Sunday 28 March 2027 and ends at 01:00 UTC on Sunday 31 October 2027.
  it.each([
    ['morning after the clocks go forward', '2027-03-28T08:30:00Z', '2027-03-28T09:00:00Z', '20270328T093000', '20270328T100000'],
    ['afternoon after the clocks go forward', '2027-03-28T12:30:00Z', '2027-03-28T13:15:00Z', '20270328T133000', '20270328T141500'],
    ['the day before the clocks go forward', '2027-03-27T09:30:00Z', '2027-03-27T10:00:00Z', '20270327T093000', '20270327T100000'],
    ['morning after the clocks go back', '2027-10-31T09:30:00Z', '2027-10-31T10:00:00Z', '20271031T093000', '20271031T100000'],
    ['afternoon after the clocks go back', '2027-10-31T13:30:00Z', '2027-10-31T14:15:00Z', '20271031T133000', '20271031T141500'],
    ['the day before the clocks go back', '2027-10-30T08:30:00Z', '2027-10-30T09:00:00Z', '20271030T093000', '20271030T100000'],
  ])('writes the London wall-clock time on %s', (_, startsAt, endsAt, localStart, localEnd) => {
    const lines = unfold(buildCalendarFile({ ...base, startsAt: new Date(startsAt), endsAt: new Date(endsAt) }));
    expect(lines).toContain(`DTSTART;TZID=Europe/London:${localStart}`);
    expect(lines).toContain(`DTEND;TZID=Europe/London:${localEnd}`);
  });

  it('describes the London clock changes with last-Sunday rules that agree with the 2027 dates', () => {
    const lines = unfold(buildCalendarFile(base));
    const daylight = lines.slice(lines.indexOf('BEGIN:DAYLIGHT'), lines.indexOf('END:DAYLIGHT'));
    const standard = lines.slice(lines.indexOf('BEGIN:STANDARD'), lines.indexOf('END:STANDARD'));
    expect(daylight).toEqual(expect.arrayContaining(['TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU']));
    expect(standard).toEqual(expect.arrayContaining(['TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU']));
    // 28 March and 31 October 2027 are the last Sundays of their months.
    for (const day of ['2027-03-28', '2027-10-31']) {
      const date = new Date(`${day}T12:00:00Z`);
      expect(date.getUTCDay()).toBe(0);
      expect(new Date(date.getTime() + 7 * 86_400_000).getUTCMonth()).not.toBe(date.getUTCMonth());
    }
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const description = `${'Bring your medicines list — '.repeat(8)}and a drink.`;
    const ics = buildCalendarFile({ ...base, description });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`DESCRIPTION:${escapeText(description)}`);
  });
});

describe('foldLine', () => {
  it('leaves a 75-octet line alone and folds a 76-octet one with CRLF and a space', () => {
    const exact = 'X'.repeat(75);
    expect(foldLine(exact)).toBe(exact);
    const folded = foldLine('Y'.repeat(76));
    expect(folded).toBe(`${'Y'.repeat(75)}\r\n Y`);
  });

  it('keeps multibyte characters whole', () => {
    const folded = foldLine('é'.repeat(60));
    const parts = folded.split('\r\n');
    for (const part of parts) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe('é'.repeat(60));
  });
});

describe('escapeText', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});
