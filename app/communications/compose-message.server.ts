// Turns a claimed outbox row into what is handed to the mail server or SMS gateway: reads the patient's first
// name, the appointment and its site, writes the words (email-content.ts), attaches the leaflet PDFs and the
// calendar file. Attachments are recorded as OutboxAttachment rows (SHA-256 of the exact bytes) on the first
// attempt and reused on every retry, so a retried email carries the same documents.
import { createHash } from 'node:crypto';
import { appointmentFactsSelect } from '~/appointments/appointment-repo.server';
import type { PrismaClient } from '~/generated/prisma/client';
import type { GeneratedDocument } from '~/leaflets/leaflet-documents.server';
import type { MessagePurpose } from '~/generated/prisma/enums';
import type { MessagePayload } from '~/communications/channels';
import { composeEmailContent, composeSmsText, type MessageFacts } from '~/communications/email-content';
import { buildCalendarFile } from '~/communications/ics';
import { fromAddress, SendFailure, type OutgoingAttachment, type OutgoingEmail } from '~/communications/mail-transport.server';
import type { OutgoingSms } from '~/communications/sms-notify.server';
import { formatTime } from '~/utils/format';

/** A leaflet PDF as the message attaches it (made now, or the recorded one again). */
export type LeafletDocument = GeneratedDocument;

/** Renders (and records as SentDocument rows) the leaflets for an appointment. */
export type LeafletSource = (
  db: PrismaClient,
  args: { appointmentId: string; actorId: null; now: Date },
) => Promise<{ before: LeafletDocument | null; after: LeafletDocument | null }>;

/** The message should not be sent at all (e.g. a reminder for an appointment since cancelled). */
export class MessageWithdrawn extends Error {
  constructor(readonly code: string) {
    super(`message withdrawn: ${code}`);
    this.name = 'MessageWithdrawn';
  }
}

export type ComposeContext = {
  prisma: PrismaClient;
  leaflets: LeafletSource;
  mailFrom: string;
  now: Date;
};

const CALENDAR_TYPE = 'text/calendar';
const CANCELLED = new Set(['CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL']);

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readPayload(value: unknown): Partial<MessagePayload> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<MessagePayload>) : {};
}

function instant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Messages that still mean something once the appointment has begun. */
const STILL_WANTED_AFTER_START = new Set(['AFTERCARE_LEAFLET', 'CANCELLATION']);

async function loadMessage(prisma: PrismaClient, id: string, now: Date) {
  const message = await prisma.outboxMessage.findUnique({
    where: { id },
    select: {
      id: true,
      channel: true,
      purpose: true,
      recipient: true,
      subject: true,
      payload: true,
      createdAt: true,
      appointmentId: true,
      patient: { select: { firstName: true, emailConsent: true, smsConsent: true } },
    },
  });
  if (!message) throw new SendFailure('COMPOSE_MESSAGE_GONE', true);
  if (!message.recipient) throw new SendFailure('COMPOSE_NO_RECIPIENT', true);
  // Consent withdrawn since the message was queued: it is not sent, and the clerks' task says so (rule 6).
  if (message.channel === 'EMAIL' && !message.patient.emailConsent) throw new SendFailure('COMPOSE_NO_EMAIL_CONSENT', true);
  if (message.channel === 'SMS' && !message.patient.smsConsent) throw new SendFailure('COMPOSE_NO_SMS_CONSENT', true);
  const payload = readPayload(message.payload);
  const appointmentId = message.appointmentId ?? payload.appointmentId;
  if (!appointmentId) throw new SendFailure('COMPOSE_NO_APPOINTMENT', true);
  const appointment = await prisma.appointment.findUnique({
    where: { id: appointmentId },
    select: {
      ...appointmentFactsSelect,
      arrivalAt: true,
      rebookedFromId: true,
      slot: { select: { clinic: { select: { site: { select: siteSelect } } } } },
      procedureList: { select: { site: { select: siteSelect } } },
    },
  });
  if (!appointment) throw new SendFailure('COMPOSE_NO_APPOINTMENT', true);
  const site = appointment.procedureList?.site ?? appointment.slot?.clinic.site;
  if (!site) throw new SendFailure('COMPOSE_NO_SITE', true);
  if (CANCELLED.has(appointment.status) && message.purpose !== 'CANCELLATION') {
    throw new MessageWithdrawn('APPOINTMENT_CANCELLED');
  }
  // A confirmation, reminder or "before your procedure" leaflet that was held (e.g. for approval) past the
  // appointment's start would tell the patient to prepare for something already over: it is withdrawn.
  if (appointment.startsAt <= now && !STILL_WANTED_AFTER_START.has(message.purpose)) {
    throw new MessageWithdrawn('APPOINTMENT_PASSED');
  }
  return { message, payload, appointment, site };
}

const siteSelect = { name: true, unitName: true, addressLines: true, postcode: true, phone: true } as const;

type Loaded = Awaited<ReturnType<typeof loadMessage>>;

function factsFor(loaded: Loaded, attachments: { leafletTitles: string[]; calendar: boolean }): MessageFacts {
  const { message, payload, appointment, site } = loaded;
  // The message is about the time it was queued for; a later move queues its own message.
  const startsAt = instant(payload.startsAt) ?? appointment.startsAt;
  const shift = startsAt.getTime() - appointment.startsAt.getTime();
  return {
    purpose: message.purpose,
    firstName: message.patient.firstName,
    appointmentKind: appointment.kind,
    startsAt,
    arrivalAt: appointment.arrivalAt ? new Date(appointment.arrivalAt.getTime() + shift) : null,
    previousStartsAt: instant(payload.previousStartsAt),
    reminderDaysBefore: typeof payload.reminderDaysBefore === 'number' ? payload.reminderDaysBefore : null,
    place: {
      siteName: site.name,
      unitName: site.unitName,
      addressLines: site.addressLines,
      postcode: site.postcode,
      phone: site.phone,
    },
    leafletTitles: attachments.leafletTitles,
    calendarAttached: attachments.calendar,
    leafletsUpdated: payload.leafletsUpdated === true,
  };
}

/**
 * A moved appointment is a new row pointing back at the old one. The calendar entry keeps the first
 * appointment's UID, and its SEQUENCE is the sum of the versions along the chain, which only rises.
 */
async function calendarIdentity(prisma: PrismaClient, appointment: { id: string; version: number; rebookedFromId: string | null }) {
  let rootId = appointment.id;
  let sequence = appointment.version;
  let previous = appointment.rebookedFromId;
  for (let hops = 0; previous && hops < 50; hops += 1) {
    const row = await prisma.appointment.findUnique({ where: { id: previous }, select: { id: true, version: true, rebookedFromId: true } });
    if (!row) break;
    rootId = row.id;
    sequence += row.version;
    previous = row.rebookedFromId;
  }
  return { uid: `appointment-${rootId}@paindesk`, sequence };
}

async function calendarAttachment(ctx: ComposeContext, loaded: Loaded, facts: MessageFacts): Promise<OutgoingAttachment> {
  const { appointment, message, site } = loaded;
  const identity = await calendarIdentity(ctx.prisma, appointment);
  const cancel = message.purpose === 'CANCELLATION';
  const duration = appointment.endsAt.getTime() - appointment.startsAt.getTime();
  const telephone = appointment.kind === 'CONSULTATION';
  // A day case's calendar entry starts when the patient must arrive, not when the procedure starts: the
  // calendar is what many patients look at on the day.
  const arrival = !telephone && facts.arrivalAt ? facts.arrivalAt : null;
  const ics = buildCalendarFile({
    uid: identity.uid,
    sequence: identity.sequence,
    method: cancel ? 'CANCEL' : 'REQUEST',
    startsAt: arrival ?? facts.startsAt,
    endsAt: new Date(facts.startsAt.getTime() + duration),
    stamp: message.createdAt,
    summary: telephone
      ? 'Telephone appointment: Chronic Pain Unit'
      : arrival
        ? `Chronic Pain Unit appointment (arrive ${formatTime(arrival)})`
        : 'Chronic Pain Unit appointment',
    location: telephone ? 'By telephone: we will call you' : [site.unitName, site.name, ...site.addressLines, site.postcode].filter(Boolean).join(', '),
    description: [
      telephone ? 'A doctor from the Chronic Pain Unit will phone you at this time.' : null,
      !telephone && facts.arrivalAt ? `Please arrive at ${formatTime(facts.arrivalAt)}.` : null,
      `If you cannot come or have questions, call the Chronic Pain Unit on ${site.phone}.`,
    ]
      .filter(Boolean)
      .join('\n'),
    organizer: { name: 'Chronic Pain Unit', email: fromAddress(ctx.mailFrom) },
    attendeeEmail: message.recipient,
  });
  return {
    filename: cancel ? 'cancelled-appointment.ics' : 'appointment.ics',
    contentType: `${CALENDAR_TYPE}; charset=utf-8; method=${cancel ? 'CANCEL' : 'REQUEST'}`,
    content: Buffer.from(ics, 'utf8'),
  };
}

function leafletsWanted(purpose: MessagePurpose, docs: { before: LeafletDocument | null; after: LeafletDocument | null }) {
  if (purpose === 'AFTERCARE_LEAFLET') return [docs.after];
  return [docs.before, docs.after];
}

/**
 * The attachments of an email: the recorded ones on a retry (documents read back from SentDocument, byte for
 * byte), otherwise made now and recorded. The calendar file is rebuilt each time from fixed inputs; if the
 * appointment changed in between, the recorded hash follows the bytes actually sent.
 */
async function attachmentsFor(ctx: ComposeContext, loaded: Loaded) {
  const { message, payload } = loaded;
  const wantCalendar = payload.includeCalendar === true;
  const recorded = await ctx.prisma.outboxAttachment.findMany({
    where: { messageId: message.id },
    orderBy: { id: 'asc' },
    select: { id: true, filename: true, contentType: true, sha256: true, documentId: true, document: { select: { content: true, title: true } } },
  });

  const documents: (OutgoingAttachment & { documentId: string; title: string; sha256: string })[] = [];
  if (recorded.length > 0) {
    for (const row of recorded) {
      if (!row.documentId || !row.document) continue;
      const content = Buffer.from(row.document.content);
      if (sha256Hex(content) !== row.sha256) throw new SendFailure('COMPOSE_DOCUMENT_CHANGED', true);
      documents.push({ filename: row.filename, contentType: row.contentType, content, documentId: row.documentId, title: row.document.title, sha256: row.sha256 });
    }
  } else if (payload.attachLeaflets) {
    const docs = await ctx.leaflets(ctx.prisma, { appointmentId: loaded.appointment.id, actorId: null, now: ctx.now });
    for (const doc of leafletsWanted(message.purpose, docs)) {
      if (!doc) continue;
      const content = Buffer.from(doc.content);
      documents.push({ filename: doc.filename, contentType: 'application/pdf', content, documentId: doc.id, title: doc.title, sha256: sha256Hex(content) });
    }
    if (documents.length === 0) throw new SendFailure('COMPOSE_NO_LEAFLETS', true);
  }

  const facts = factsFor(loaded, { leafletTitles: documents.map((d) => d.title), calendar: wantCalendar });
  const calendar = wantCalendar ? await calendarAttachment(ctx, loaded, facts) : null;
  const calendarSha = calendar ? sha256Hex(calendar.content) : null;

  if (recorded.length === 0) {
    const rows = [
      ...documents.map((d) => ({ messageId: message.id, documentId: d.documentId, filename: d.filename, contentType: d.contentType, sha256: d.sha256 })),
      ...(calendar && calendarSha
        ? [{ messageId: message.id, documentId: null, filename: calendar.filename, contentType: calendar.contentType, sha256: calendarSha }]
        : []),
    ];
    if (rows.length > 0) await ctx.prisma.outboxAttachment.createMany({ data: rows });
  } else if (calendar && calendarSha) {
    const row = recorded.find((r) => !r.documentId && r.contentType.startsWith(CALENDAR_TYPE));
    if (!row) {
      await ctx.prisma.outboxAttachment.create({
        data: { messageId: message.id, documentId: null, filename: calendar.filename, contentType: calendar.contentType, sha256: calendarSha },
      });
    } else if (row.sha256 !== calendarSha) {
      await ctx.prisma.outboxAttachment.update({ where: { id: row.id }, data: { sha256: calendarSha } });
    }
  }

  const attachments: OutgoingAttachment[] = [
    ...documents.map((d) => ({ filename: d.filename, contentType: d.contentType, content: d.content })),
    ...(calendar ? [calendar] : []),
  ];
  return { facts, attachments };
}

export async function composeEmail(ctx: ComposeContext, outboxId: string): Promise<OutgoingEmail> {
  const loaded = await loadMessage(ctx.prisma, outboxId, ctx.now);
  const { facts, attachments } = await attachmentsFor(ctx, loaded);
  const content = composeEmailContent(facts, loaded.message.subject || undefined);
  return {
    outboxId,
    to: loaded.message.recipient!,
    subject: content.subject,
    text: content.text,
    html: content.html,
    attachments,
  };
}

export async function composeSms(ctx: ComposeContext, outboxId: string): Promise<OutgoingSms> {
  const loaded = await loadMessage(ctx.prisma, outboxId, ctx.now);
  const facts = factsFor(loaded, { leafletTitles: [], calendar: false });
  return { outboxId, phoneNumber: loaded.message.recipient!, message: composeSmsText(facts) };
}
