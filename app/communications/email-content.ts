// The words of each email and text message to a patient, in plain English. Pure: the worker passes in the
// facts it read and the instants; times are shown in Europe/London. Subject lines carry no NHS number,
// diagnosis, procedure or medicine: a subject is visible on a lock screen and in a shared inbox.
import { DateTime } from 'luxon';
import type { MessagePurpose } from '~/generated/prisma/enums';
import { formatTime } from '~/utils/format';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export type MessagePlace = {
  /** e.g. "Maidstone Hospital" */
  siteName: string;
  /** e.g. "Chronic Pain Unit, Hutchinson Suite, level 1" */
  unitName: string | null;
  addressLines: string[];
  postcode: string;
  /** The unit's telephone number at that site. */
  phone: string;
};

export type MessageFacts = {
  purpose: MessagePurpose;
  firstName: string;
  /** A telephone consultation (the doctor phones the patient) or a day-case procedure at the site. */
  appointmentKind: 'CONSULTATION' | 'PROCEDURE';
  startsAt: Date;
  /** Procedures: when to arrive. */
  arrivalAt?: Date | null;
  previousStartsAt?: Date | null;
  reminderDaysBefore?: number | null;
  place: MessagePlace;
  /** Titles of the leaflet PDFs attached. */
  leafletTitles: string[];
  calendarAttached: boolean;
  /** The leaflets replace earlier ones because the doctor's plan for the patient's medicines changed. */
  leafletsUpdated?: boolean;
};

export type EmailContent = { subject: string; text: string; html: string };

const UNIT = 'Chronic Pain Unit';

/** The subject of leaflets sent again because the doctor's plan for the patient's medicines changed. */
export const UPDATED_LEAFLETS_SUBJECT = `Updated instructions for your ${UNIT} appointment`;

export function defaultSubject(purpose: MessagePurpose): string {
  switch (purpose) {
    case 'BOOKING_CONFIRMATION':
      return `Your ${UNIT} appointment is booked`;
    case 'PRE_PROCEDURE_LEAFLET':
      return `Your ${UNIT} appointment: what you need to know`;
    case 'AFTERCARE_LEAFLET':
      return `Looking after yourself after your ${UNIT} appointment`;
    case 'REMINDER':
      return `Reminder: your ${UNIT} appointment`;
    case 'CANCELLATION':
      return `Your ${UNIT} appointment has been cancelled`;
    case 'TIME_CHANGE':
      return `Your ${UNIT} appointment time has changed`;
  }
}

/** "Thursday 1 April 2027 at 8:15am", Europe/London. */
export function londonWhen(instant: Date): string {
  return `${DateTime.fromJSDate(instant, { zone: UNIT_TIME_ZONE }).toFormat('cccc d LLLL yyyy')} at ${formatTime(instant)}`;
}

/** A paragraph is a list of runs: plain text, or a bold run. Rendered escaped in HTML, as-is in text. */
type Run = string | { strong: string };
type Block = { p: Run[] } | { list: string[] } | { heading: string };

function blocksFor(facts: MessageFacts): Block[] {
  const when = londonWhen(facts.startsAt);
  const telephone = facts.appointmentKind === 'CONSULTATION';
  const blocks: Block[] = [{ p: [`Dear ${facts.firstName},`] }];
  const whereLines = [
    ...(facts.place.unitName ? [facts.place.unitName] : []),
    facts.place.siteName,
    ...facts.place.addressLines,
    facts.place.postcode,
  ];
  const appointmentBlocks = (): Block[] =>
    telephone
      ? [
          { p: ['Your telephone appointment is on ', { strong: when }, '.'] },
          {
            p: [
              `A doctor from the ${UNIT} will phone you at about this time. The call may come from a withheld number. Please keep your phone with you and somewhere quiet to talk.`,
            ],
          },
        ]
      : [
          { p: ['Your appointment is on ', { strong: when }, '.'] },
          ...(facts.arrivalAt
            ? [{ p: ['Please arrive at ', { strong: formatTime(facts.arrivalAt) }, ' so that we have time to get you ready.'] } as Block]
            : []),
          { heading: 'Where to come' },
          { list: whereLines },
        ];

  switch (facts.purpose) {
    case 'BOOKING_CONFIRMATION':
      blocks.push({ p: [`We have booked an appointment for you with the ${UNIT}.`] }, ...appointmentBlocks());
      break;
    case 'PRE_PROCEDURE_LEAFLET':
      blocks.push(
        facts.leafletsUpdated
          ? {
              p: [
                'Your doctor has confirmed what you need to do about your medicines before your day-case appointment. ',
                { strong: 'The attached leaflets replace the ones we sent you before.' },
                ' Please read the new "Before your procedure" leaflet carefully and follow it, not the earlier one.',
              ],
            }
          : { p: [`We have booked your day-case appointment with the ${UNIT}.`] },
        ...appointmentBlocks(),
        {
          p: [
            'Please read the attached leaflets carefully before your appointment. They tell you how to get ready, including anything you need to do about your medicines, and how to look after yourself afterwards.',
          ],
        },
        { p: ['You will need an adult to take you home and you must not drive for 24 hours afterwards.'] },
      );
      break;
    case 'AFTERCARE_LEAFLET':
      blocks.push(
        { p: [`Thank you for coming to the ${UNIT}.`] },
        { p: ['The attached leaflet explains how to look after yourself over the next few days and what to do if you feel unwell.'] },
      );
      break;
    case 'REMINDER': {
      const days = facts.reminderDaysBefore;
      blocks.push(
        {
          p: [
            days === 1
              ? `This is a reminder that your ${UNIT} appointment is tomorrow.`
              : days && days > 1
                ? `This is a reminder that your ${UNIT} appointment is in ${days} days.`
                : `This is a reminder about your ${UNIT} appointment.`,
          ],
        },
        ...appointmentBlocks(),
      );
      if (!telephone) blocks.push({ p: ['Please read the leaflets we sent you and follow any instructions about your medicines.'] });
      break;
    }
    case 'CANCELLATION':
      blocks.push(
        { p: [`We are sorry: your ${UNIT} appointment on `, { strong: when }, ' has been cancelled.'] },
        { p: ['You do not need to come or wait for a call at that time. We will be in touch to arrange a new appointment if you still need one.'] },
      );
      break;
    case 'TIME_CHANGE':
      blocks.push({
        p: facts.previousStartsAt
          ? ['Your appointment has moved. It was on ', { strong: londonWhen(facts.previousStartsAt) }, '.']
          : ['Your appointment has moved.'],
      });
      blocks.push({ p: ['The new time is below.'] }, ...appointmentBlocks());
      break;
  }

  const attached = [
    ...facts.leafletTitles.map((title) => `${title} (PDF)`),
    ...(facts.calendarAttached
      ? [facts.purpose === 'CANCELLATION' ? 'A calendar file that removes the appointment from your calendar' : 'A calendar file to add the appointment to your calendar']
      : []),
  ];
  if (attached.length > 0) blocks.push({ heading: 'Attached to this email' }, { list: attached });

  blocks.push(
    { heading: 'Contact us' },
    {
      p: [
        facts.purpose === 'CANCELLATION'
          ? `If you have any questions, please call the ${UNIT} on `
          : `If you cannot come, need to change your appointment or have any questions, please call the ${UNIT} on `,
        { strong: facts.place.phone },
        ', Monday to Friday, 9am to 5pm. Please do not reply to this email: replies are not read.',
      ],
    },
    { p: ['If you need this information in another format or language, please call us.'] },
    { p: ['Kind regards,'] },
    { p: [`The ${UNIT}`] },
  );
  return blocks;
}

function runText(run: Run): string {
  return typeof run === 'string' ? run : run.strong;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function renderText(blocks: Block[]): string {
  return (
    blocks
      .map((block) => {
        if ('heading' in block) return block.heading;
        if ('list' in block) return block.list.map((item) => `- ${item}`).join('\n');
        return block.p.map(runText).join('');
      })
      .join('\n\n') + '\n'
  );
}

function renderHtml(subject: string, blocks: Block[]): string {
  const body = blocks
    .map((block) => {
      if ('heading' in block) return `<h2 style="font-size:20px;margin:24px 0 8px">${escapeHtml(block.heading)}</h2>`;
      if ('list' in block) return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
      const runs = block.p.map((run) => (typeof run === 'string' ? escapeHtml(run) : `<strong>${escapeHtml(run.strong)}</strong>`));
      return `<p>${runs.join('')}</p>`;
    })
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:19px;line-height:1.5;color:#212b32;max-width:640px;margin:0 auto;padding:16px">',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Subject, plain text and HTML for one email. `subject` overrides the default (the outbox row's subject). */
export function composeEmailContent(facts: MessageFacts, subject: string = defaultSubject(facts.purpose)): EmailContent {
  const blocks = blocksFor(facts);
  return { subject, text: renderText(blocks), html: renderHtml(subject, blocks) };
}

/**
 * The text of an SMS: short, no procedure or medicine, with the unit's number. Sent through a gateway
 * template whose body is the `message` personalisation field.
 */
export function composeSmsText(facts: MessageFacts): string {
  const when = londonWhen(facts.startsAt);
  const telephone = facts.appointmentKind === 'CONSULTATION';
  const what = telephone ? `a telephone appointment with the ${UNIT} on ${when}` : `an appointment with the ${UNIT} at ${facts.place.siteName} on ${when}`;
  const call = `If you cannot make it or have questions, call ${facts.place.phone}.`;
  switch (facts.purpose) {
    case 'CANCELLATION':
      return `Dear ${facts.firstName}, your ${UNIT} appointment on ${when} has been cancelled. We will be in touch. Questions: call ${facts.place.phone}.`;
    case 'TIME_CHANGE':
      return `Dear ${facts.firstName}, your appointment has moved. You now have ${what}. ${call}`;
    case 'BOOKING_CONFIRMATION':
    case 'PRE_PROCEDURE_LEAFLET':
      return `Dear ${facts.firstName}, you have ${what}. ${call}`;
    case 'AFTERCARE_LEAFLET':
      return `Dear ${facts.firstName}, thank you for coming to the ${UNIT}. If you feel unwell or have questions, call ${facts.place.phone}.`;
    case 'REMINDER':
      return `Dear ${facts.firstName}, a reminder that you have ${what}.${!telephone && facts.arrivalAt ? ` Please arrive at ${formatTime(facts.arrivalAt)}.` : ''} ${call}`;
  }
}
