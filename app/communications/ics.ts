// The calendar file attached to appointment emails (RFC 5545, iTIP methods from RFC 5546). Pure: the
// caller passes every instant in. Times are written as Europe/London wall-clock times with a VTIMEZONE, so a
// calendar shows the same local time the email states, on clock-change days too.
import { DateTime } from 'luxon';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export const CALENDAR_ZONE = UNIT_TIME_ZONE;

export type CalendarEvent = {
  /** Stable per appointment, so a later REQUEST or CANCEL updates the same calendar entry. */
  uid: string;
  /** Rises with every change (the appointment's version): calendars apply the highest. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: Date;
  endsAt: Date;
  /** When the file was made: fixed per message so a retry sends the same bytes. */
  stamp: Date;
  summary: string;
  location?: string;
  description?: string;
  organizer: { name: string; email: string };
  attendeeEmail?: string | null;
};

// Europe/London since 1996: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (02:00 BST local).
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** The .ics file as text with CRLF line endings and lines folded at 75 octets. */
export function buildCalendarFile(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//PainDesk//Chronic Pain Unit//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    ...LONDON_VTIMEZONE,
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART;TZID=${CALENDAR_ZONE}:${londonLocal(event.startsAt)}`,
    `DTEND;TZID=${CALENDAR_ZONE}:${londonLocal(event.endsAt)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    `STATUS:${event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    `ORGANIZER;CN=${quoteParam(event.organizer.name)}:mailto:${event.organizer.email}`,
    ...(event.attendeeEmail ? [`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:${event.attendeeEmail}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value in double quotes (no DQUOTE allowed inside, RFC 5545 3.1). */
function quoteParam(value: string): string {
  return `"${value.replace(/["\r\n]/g, '')}"`;
}

/**
 * RFC 5545 3.1: lines longer than 75 octets are split with CRLF followed by one space. Splits fall between
 * UTF-8 characters, never inside one.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, 'utf8');
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
      limit = 74; // continuation lines start with a space, which counts
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function londonLocal(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: CALENDAR_ZONE }).toFormat("yyyyMMdd'T'HHmmss");
}

function utcStamp(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}
