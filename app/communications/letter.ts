// The words of a printed letter to a patient who has no email (or did not consent to it): DESIGN.md rule 6.
// Pure: the caller passes in the facts it read, the date of the letter and the zone-free instants; times are
// written in Europe/London. The letter is the cover page; for a procedure the leaflets are printed with it.
import type { MessagePurpose } from '~/generated/prisma/enums';
import { DateTime } from 'luxon';
import { londonWhen } from './email-content';
import { formatTime } from '~/utils/format';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

const UNIT = 'Chronic Pain Unit';

export type LetterFacts = {
  purpose: MessagePurpose;
  patient: { firstName: string; lastName: string; nhsNumber: string; addressLines: string[]; postcode: string | null };
  appointmentKind: 'CONSULTATION' | 'PROCEDURE';
  startsAt: Date;
  arrivalAt: Date | null;
  previousStartsAt: Date | null;
  site: { name: string; unitName: string | null; addressLines: string[]; postcode: string; phone: string };
  /** Titles of the leaflets printed with the letter. */
  enclosures: string[];
  /** The leaflets replace earlier ones because the doctor's plan for the patient's medicines changed. */
  leafletsUpdated?: boolean;
  largePrint: boolean;
  /** The date printed on the letter. */
  date: Date;
};

export type Letter = {
  title: string;
  sender: string[];
  recipient: string[];
  reference: string;
  date: string;
  salutation: string;
  paragraphs: string[];
  enclosures: string[];
  closing: string[];
  largePrint: boolean;
};

export const LETTER_TITLE: Record<MessagePurpose, string> = {
  BOOKING_CONFIRMATION: 'Your appointment',
  PRE_PROCEDURE_LEAFLET: 'Your day-case appointment',
  AFTERCARE_LEAFLET: 'After your appointment',
  REMINDER: 'A reminder about your appointment',
  CANCELLATION: 'Your appointment has been cancelled',
  TIME_CHANGE: 'Your appointment has changed',
};

function formatNhs(nhsNumber: string): string {
  return `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
}

export function composeLetter(facts: LetterFacts): Letter {
  const when = londonWhen(facts.startsAt);
  const telephone = facts.appointmentKind === 'CONSULTATION';
  const where = [facts.site.unitName, facts.site.name, ...facts.site.addressLines, facts.site.postcode].filter(Boolean).join(', ');
  const appointment = telephone
    ? [
        `Your telephone appointment is on ${when}. A doctor from the ${UNIT} will phone you at about this time. The call may come from a withheld number.`,
      ]
    : [
        `Your appointment is on ${when}${facts.arrivalAt ? `. Please arrive at ${formatTime(facts.arrivalAt)} so that we have time to get you ready` : ''}.`,
        `Where to come: ${where}.`,
      ];
  const paragraphs: string[] = [];
  switch (facts.purpose) {
    case 'BOOKING_CONFIRMATION':
      paragraphs.push(`We have booked an appointment for you with the ${UNIT}.`, ...appointment);
      break;
    case 'PRE_PROCEDURE_LEAFLET':
      paragraphs.push(
        facts.leafletsUpdated
          ? 'Your doctor has confirmed what you need to do about your medicines before your day-case appointment. The enclosed leaflets replace the ones we sent you before: please read the new "Before your procedure" leaflet carefully and follow it, not the earlier one.'
          : `We have booked your day-case appointment with the ${UNIT}.`,
        ...appointment,
        'Please read the enclosed leaflets carefully before your appointment. They tell you how to get ready, including anything you need to do about your medicines, and how to look after yourself afterwards.',
        'You will need an adult to take you home and you must not drive for 24 hours afterwards.',
      );
      break;
    case 'AFTERCARE_LEAFLET':
      paragraphs.push(`Thank you for coming to the ${UNIT}.`, 'The enclosed leaflet explains how to look after yourself over the next few days.');
      break;
    case 'REMINDER':
      paragraphs.push(`This is a reminder about your ${UNIT} appointment.`, ...appointment);
      break;
    case 'CANCELLATION':
      paragraphs.push(
        `We are sorry: your ${UNIT} appointment on ${when} has been cancelled.`,
        'You do not need to come or wait for a call at that time. We will be in touch to arrange a new appointment if you still need one.',
      );
      break;
    case 'TIME_CHANGE':
      paragraphs.push(
        facts.previousStartsAt ? `Your appointment has moved. It was on ${londonWhen(facts.previousStartsAt)}.` : 'Your appointment has moved.',
        ...appointment,
        ...(facts.enclosures.length > 0
          ? ['Please read the enclosed leaflets, which are for your new date, and throw away any we sent you before.']
          : []),
      );
      break;
  }
  paragraphs.push(
    facts.purpose === 'CANCELLATION'
      ? `If you have any questions, please call the ${UNIT} on ${facts.site.phone}, Monday to Friday, 9am to 5pm.`
      : `If you cannot come, need to change your appointment or have any questions, please call the ${UNIT} on ${facts.site.phone}, Monday to Friday, 9am to 5pm.`,
    'If you need this information in another format or language, please call us.',
  );
  return {
    title: LETTER_TITLE[facts.purpose],
    sender: [`${UNIT}`, facts.site.name, ...facts.site.addressLines, facts.site.postcode, `Telephone ${facts.site.phone}`],
    recipient: [`${facts.patient.firstName} ${facts.patient.lastName}`, ...facts.patient.addressLines, ...(facts.patient.postcode ? [facts.patient.postcode] : [])],
    reference: `NHS number ${formatNhs(facts.patient.nhsNumber)}`,
    date: DateTime.fromJSDate(facts.date, { zone: UNIT_TIME_ZONE }).toFormat('d LLLL yyyy'),
    salutation: `Dear ${facts.patient.firstName} ${facts.patient.lastName},`,
    paragraphs,
    enclosures: facts.enclosures,
    closing: ['Yours sincerely,', `The ${UNIT}`],
    largePrint: facts.largePrint,
  };
}
