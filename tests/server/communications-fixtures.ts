// Shared set-up for the communications tests: a patient who consented to email with a booked telephone
// consultation, messages queued through the real outbox, and workers wired to a test SMTP server.
import { getPrisma } from '~/db.server';
import { enqueueMessage } from '~/communications/outbox.server';
import type { LeafletSource } from '~/communications/compose-message.server';
import { createSmtpTransport, type MailTransport } from '~/communications/mail-transport.server';
import type { SmsTransport } from '~/communications/sms-notify.server';
import { createOutboxWorker, type WorkerDeps } from '~/communications/worker.server';
import type { ContactChannel, MessagePurpose } from '~/generated/prisma/enums';
import { testDatabase } from '../setup/database';
import { createClinicWithSlots, createConsultation, createPatient, createSite, patientEmail } from '../factories';

export const MAIL_FROM = 'Chronic Pain Unit <no-reply@paindesk.invalid>';

/** A mutable test clock. */
export function testClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

let patientCounter = 0;

/** A consenting patient with a telephone consultation at 09:00 London time on `date` (default Monday 29 March 2027). */
export async function consultationFixture(options: { date?: string; startTime?: string } = {}) {
  const prisma = await getPrisma();
  const site = await createSite(prisma);
  const clinic = await createClinicWithSlots(prisma, { siteId: site.id, date: options.date ?? '2027-03-29', startTime: options.startTime ?? '09:00', endTime: '10:00' });
  patientCounter += 1;
  const patient = await createPatient(prisma, {
    emailConsent: true,
    preferredChannel: 'EMAIL',
    smsConsent: true,
  });
  const email = patientEmail(patient.firstName, patient.lastName, patientCounter);
  await prisma.patient.update({ where: { id: patient.id }, data: { email } });
  const appointment = await createConsultation(prisma, { slotId: clinic.slots[0].id, patientId: patient.id });
  return { site, clinic, patient: { ...patient, email }, appointment };
}

export async function enqueue(options: {
  key: string;
  patientId: string;
  appointment: { id: string; startsAt: Date };
  recipient: string;
  purpose?: MessagePurpose;
  channel?: ContactChannel;
  payload?: Record<string, unknown>;
  now: Date;
}) {
  const prisma = await getPrisma();
  return prisma.$transaction((tx) =>
    enqueueMessage(
      tx,
      {
        idempotencyKey: options.key,
        channel: options.channel ?? 'EMAIL',
        purpose: options.purpose ?? 'BOOKING_CONFIRMATION',
        patientId: options.patientId,
        appointmentId: options.appointment.id,
        recipient: options.recipient,
        subject: '',
        payload: { appointmentId: options.appointment.id, startsAt: options.appointment.startsAt.toISOString(), ...options.payload },
      },
      options.now,
    ),
  );
}

export const noSms: SmsTransport = {
  kind: 'notify',
  send: async () => {
    throw new Error('no text message was expected in this test');
  },
  close() {},
};

export const noLeaflets: LeafletSource = async () => {
  throw new Error('no leaflets were expected in this test');
};

export function smtpWorker(
  smtpUrl: string,
  clock: { now: () => Date },
  overrides: Partial<WorkerDeps> & { mail?: MailTransport } = {},
) {
  return createOutboxWorker({
    db: testDatabase(),
    mail: overrides.mail ?? createSmtpTransport({ smtpUrl, from: MAIL_FROM }),
    sms: noSms,
    leaflets: noLeaflets,
    mailFrom: MAIL_FROM,
    clock: clock.now,
    ...overrides,
  });
}

export function messageIdOf(outboxId: string) {
  return `<${outboxId}@paindesk.invalid>`;
}
