// The outbox worker against a real SMTP server on 127.0.0.1: what arrives, and that every message arrives
// exactly once when the server refuses, is down, the worker dies, or two workers run at once.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import {
  createMailDirTransport,
  createSmtpTransport,
  listMailbox,
  readMailboxAttachment,
  readMailboxMessage,
} from '~/communications/mail-transport.server';
import { backoffMs, DEFAULT_WORKER_SETTINGS } from '~/communications/worker.server';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { consultationFixture, enqueue, MAIL_FROM, messageIdOf, smtpWorker, testClock } from './communications-fixtures';

const T0 = '2027-03-22T10:00:00.000Z';
const MINUTE = 60_000;

let smtp: SmtpTestServer;
let stopped = false;

beforeEach(async () => {
  smtp = await startSmtpTestServer();
  stopped = false;
});

afterEach(async () => {
  if (!stopped) await smtp.stop();
  // Tests in this file share a database: nothing one test left queued may be sent by the next.
  const prisma = await getPrisma();
  await prisma.outboxMessage.updateMany({ where: { status: { in: ['QUEUED', 'SENDING'] } }, data: { status: 'CANCELLED' } });
});

function sha256(bytes: Buffer) {
  return createHash('sha256').update(bytes).digest('hex');
}

function arrivedIds() {
  return smtp.received.map((m) => m.parsed.messageId);
}

describe('sending an email', () => {
  it('delivers a booking confirmation once, with the text, HTML and a calendar file at the London time, and records it', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture({ date: '2027-03-29' });
    const { id } = await enqueue({
      key: `test:${appointment.id}:confirmation`,
      patientId: patient.id,
      appointment,
      recipient: patient.email,
      payload: { includeCalendar: true },
      now: clock.now(),
    });

    const summary = await smtpWorker(smtp.url, clock).runWorkerOnce();

    expect(summary).toMatchObject({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.envelopeTo).toEqual([patient.email]);
    expect(mail.parsed.messageId).toBe(messageIdOf(id));
    expect(mail.parsed.from?.value).toEqual([{ name: 'Chronic Pain Unit', address: 'no-reply@paindesk.invalid' }]);
    expect(mail.parsed.subject).toBe('Your Chronic Pain Unit appointment is booked');
    expect(mail.parsed.subject).not.toContain(patient.lastName);
    expect(mail.parsed.text).toContain(`Dear ${patient.firstName},`);
    // Monday 29 March 2027 is the day after the clocks go forward: 09:00 BST is 08:00 UTC.
    expect(appointment.startsAt.toISOString()).toBe('2027-03-29T08:00:00.000Z');
    expect(mail.parsed.text).toContain('Monday 29 March 2027 at 9am');
    expect(mail.parsed.html).toContain('<strong>Monday 29 March 2027 at 9am</strong>');
    expect(mail.parsed.text).not.toContain(patient.nhsNumber);

    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['appointment.ics']);
    const ics = mail.parsed.attachments[0];
    expect(ics.contentType).toBe('text/calendar');
    const icsText = ics.content.toString('utf8');
    expect(icsText).toContain('DTSTART;TZID=Europe/London:20270329T090000\r\n');
    expect(icsText).toContain('METHOD:REQUEST\r\n');
    expect(icsText).toContain(`UID:appointment-${appointment.id}@paindesk\r\n`);

    const prisma = await getPrisma();
    const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id }, include: { attachments: true } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, providerMessageId: messageIdOf(id), lastError: null });
    expect(row.acceptedAt).toEqual(clock.now());
    expect(row.attachments).toHaveLength(1);
    expect(row.attachments[0]).toMatchObject({ filename: 'appointment.ics', documentId: null, sha256: sha256(ics.content) });
    const audit = await prisma.auditEvent.findMany({ where: { entityId: id, action: 'message.sent' } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain(patient.email);

    // Nothing is due any more.
    expect(await smtpWorker(smtp.url, clock).runWorkerOnce()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('does not send a reminder before it is due', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const prisma = await getPrisma();
    const { id } = await prisma.$transaction(async (tx) =>
      (await import('~/communications/outbox.server')).enqueueMessage(
        tx,
        {
          idempotencyKey: `test:${appointment.id}:reminder-7`,
          channel: 'EMAIL',
          purpose: 'REMINDER',
          patientId: patient.id,
          appointmentId: appointment.id,
          recipient: patient.email,
          subject: '',
          payload: { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString(), reminderDaysBefore: 7 },
          notBefore: new Date('2027-03-22T12:00:00.000Z'),
        },
        clock.now(),
      ),
    );
    const worker = smtpWorker(smtp.url, clock);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 0 });
    clock.set('2027-03-22T12:00:00.000Z');
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].parsed.text).toContain('is in 7 days');
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe('SENT');
  });

  it('withdraws a reminder for an appointment cancelled since, sending nothing', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const { id } = await enqueue({ key: `test:${appointment.id}:reminder`, purpose: 'REMINDER', patientId: patient.id, appointment, recipient: patient.email, now: clock.now() });
    const prisma = await getPrisma();
    await prisma.appointment.update({ where: { id: appointment.id }, data: { status: 'CANCELLED_BY_PATIENT', version: { increment: 1 } } });

    expect(await smtpWorker(smtp.url, clock).runWorkerOnce()).toMatchObject({ claimed: 1, withdrawn: 1, sent: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'CANCELLED', lastError: 'APPOINTMENT_CANCELLED' });
  });

  it('does not email a patient who withdrew email consent after the message was queued: FAILED with a task for clerks', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const { id } = await enqueue({ key: `test:${appointment.id}:consent`, patientId: patient.id, appointment, recipient: patient.email, now: clock.now() });
    const prisma = await getPrisma();
    await prisma.patient.update({ where: { id: patient.id }, data: { emailConsent: false, preferredChannel: 'LETTER' } });

    expect(await smtpWorker(smtp.url, clock).runWorkerOnce()).toMatchObject({ claimed: 1, failed: 1 });
    expect(smtp.received).toHaveLength(0);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'COMPOSE_NO_EMAIL_CONSENT' });
    expect(await prisma.task.count({ where: { messageId: id, kind: 'MESSAGE_FAILED', status: 'OPEN' } })).toBe(1);
  });

  it('sends a cancellation with a METHOD:CANCEL calendar file for the same UID', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const prisma = await getPrisma();
    await prisma.appointment.update({ where: { id: appointment.id }, data: { status: 'CANCELLED_BY_HOSPITAL', version: { increment: 1 } } });
    await enqueue({ key: `test:${appointment.id}:cancel`, purpose: 'CANCELLATION', patientId: patient.id, appointment, recipient: patient.email, payload: { includeCalendar: true }, now: clock.now() });

    expect(await smtpWorker(smtp.url, clock).runWorkerOnce()).toMatchObject({ sent: 1 });
    const mail = smtp.received[0];
    expect(mail.parsed.subject).toBe('Your Chronic Pain Unit appointment has been cancelled');
    const ics = mail.parsed.attachments[0].content.toString('utf8');
    expect(ics).toContain('METHOD:CANCEL\r\n');
    expect(ics).toContain('STATUS:CANCELLED\r\n');
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics).toContain(`UID:appointment-${appointment.id}@paindesk\r\n`);
  });
});

describe('faults: every message arrives exactly once', () => {
  it('retries with exponential backoff while the server refuses recipients, then delivers each once', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await enqueue({ key: `test:${appointment.id}:r${i}`, purpose: 'REMINDER', patientId: patient.id, appointment, recipient: patient.email, now: clock.now() })).id);
    }
    const prisma = await getPrisma();
    const worker = smtpWorker(smtp.url, clock);
    smtp.refuseRecipients(4);

    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 3, retried: 3, sent: 0 });
    for (const row of await prisma.outboxMessage.findMany({ where: { id: { in: ids } } })) {
      expect(row).toMatchObject({ status: 'QUEUED', attempts: 1, claimedBy: null, lastError: 'SMTP_EENVELOPE_451' });
      expect(row.nextAttemptAt).toEqual(new Date(clock.now().getTime() + MINUTE));
    }

    clock.advance(30_000);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 0 });

    clock.advance(31_000);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 3, retried: 1, sent: 2 });
    const retried = await prisma.outboxMessage.findFirstOrThrow({ where: { id: { in: ids }, status: 'QUEUED' } });
    expect(retried.attempts).toBe(2);
    expect(retried.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 2 * MINUTE));

    clock.advance(2 * MINUTE);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.refusedSoFar()).toBe(4);
    expect(arrivedIds().sort()).toEqual(ids.map(messageIdOf).sort());
    expect(await prisma.outboxMessage.count({ where: { id: { in: ids }, status: 'SENT' } })).toBe(3);
  });

  it('retries when the server refuses the message after DATA', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const { id } = await enqueue({ key: `test:${appointment.id}:data`, patientId: patient.id, appointment, recipient: patient.email, now: clock.now() });
    const worker = smtpWorker(smtp.url, clock);
    smtp.refuseData(1);
    expect(await worker.runWorkerOnce()).toMatchObject({ retried: 1 });
    const prisma = await getPrisma();
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).lastError).toMatch(/^SMTP_E[A-Z]+_451$/);
    clock.advance(MINUTE);
    expect(await worker.runWorkerOnce()).toMatchObject({ sent: 1 });
    expect(arrivedIds()).toEqual([messageIdOf(id)]);
  });

  it('keeps messages queued while the server is down and sends them once it is back', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      ids.push((await enqueue({ key: `test:${appointment.id}:d${i}`, purpose: 'REMINDER', patientId: patient.id, appointment, recipient: patient.email, now: clock.now() })).id);
    }
    await smtp.stop();
    const worker = smtpWorker(smtp.url, clock);

    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 2, retried: 2 });
    const prisma = await getPrisma();
    for (const row of await prisma.outboxMessage.findMany({ where: { id: { in: ids } } })) {
      expect(row).toMatchObject({ status: 'QUEUED', attempts: 1, lastError: 'SMTP_ESOCKET' });
    }
    clock.advance(MINUTE);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 2, retried: 2 });

    await smtp.restart();
    clock.advance(2 * MINUTE);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 2, sent: 2 });
    expect(arrivedIds().sort()).toEqual(ids.map(messageIdOf).sort());
    expect(await prisma.outboxMessage.count({ where: { id: { in: ids }, status: 'SENT', attempts: 3 } })).toBe(2);
  });

  it('a worker killed after the server accepted a message never sends it again; the rest of its batch is reclaimed after the lease and sent once', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await enqueue({ key: `test:${appointment.id}:k${i}`, purpose: 'REMINDER', patientId: patient.id, appointment, recipient: patient.email, now: clock.now() })).id);
    }
    const dying = smtpWorker(smtp.url, clock, {
      workerId: 'worker-that-dies',
      hooks: {
        afterAccepted: () => {
          throw new Error('process killed');
        },
      },
    });
    await expect(dying.runWorkerOnce()).rejects.toThrow('process killed');
    expect(smtp.received).toHaveLength(1);
    const prisma = await getPrisma();
    const rows = await prisma.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: { nextAttemptAt: 'asc' } });
    expect(rows.filter((r) => r.status === 'SENT')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'SENDING' && r.claimedBy === 'worker-that-dies' && r.acceptedAt === null)).toHaveLength(2);

    // A restarted worker leaves the dead worker's claims alone until the lease has passed...
    const restarted = smtpWorker(smtp.url, clock, { workerId: 'worker-restarted' });
    expect(await restarted.runWorkerOnce()).toMatchObject({ claimed: 0 });
    clock.advance(DEFAULT_WORKER_SETTINGS.leaseMs + 1000);
    // ...then sends each of them once, and never the one that was accepted.
    expect(await restarted.runWorkerOnce()).toMatchObject({ claimed: 2, sent: 2 });
    expect(arrivedIds().sort()).toEqual(ids.map(messageIdOf).sort());
    expect(await prisma.outboxMessage.count({ where: { id: { in: ids }, status: 'SENT' } })).toBe(3);
    clock.advance(DEFAULT_WORKER_SETTINGS.leaseMs + 1000);
    expect(await restarted.runWorkerOnce()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(3);
  });

  it('the one window left: if the process dies after the server accepted but before acceptedAt is written, the retry carries the same Message-ID', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const { id } = await enqueue({ key: `test:${appointment.id}:window`, patientId: patient.id, appointment, recipient: patient.email, now: clock.now() });
    const real = createSmtpTransport({ smtpUrl: smtp.url, from: MAIL_FROM });
    // Delivers, then fails as a process killed at that instant would: nothing about the acceptance is recorded.
    const diesAfterDelivery = {
      ...real,
      send: async (email: Parameters<typeof real.send>[0]) => {
        await real.send(email);
        throw new Error('process killed');
      },
    };
    await smtpWorker(smtp.url, clock, { mail: diesAfterDelivery }).runWorkerOnce();
    const prisma = await getPrisma();
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'QUEUED', acceptedAt: null });

    clock.advance(MINUTE);
    await smtpWorker(smtp.url, clock).runWorkerOnce();
    // Delivered twice, as the same message: a mail system that de-duplicates by Message-ID shows it once.
    expect(arrivedIds()).toEqual([messageIdOf(id), messageIdOf(id)]);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('a SENDING row whose acceptance was recorded is marked SENT, not sent again', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const { id } = await enqueue({ key: `test:${appointment.id}:accepted`, patientId: patient.id, appointment, recipient: patient.email, now: clock.now() });
    const prisma = await getPrisma();
    await prisma.outboxMessage.update({
      where: { id },
      data: { status: 'SENDING', attempts: 1, claimedAt: clock.now(), claimedBy: 'worker-gone', acceptedAt: clock.now(), providerMessageId: messageIdOf(id) },
    });
    const worker = smtpWorker(smtp.url, clock);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 0, recovered: 0 });
    clock.advance(DEFAULT_WORKER_SETTINGS.leaseMs + 1000);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 0, recovered: 1 });
    expect(smtp.received).toHaveLength(0);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('a worker killed before the server accepted leaves the message to be sent once after the lease', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const { id } = await enqueue({ key: `test:${appointment.id}:before`, patientId: patient.id, appointment, recipient: patient.email, now: clock.now() });
    const dying = smtpWorker(smtp.url, clock, {
      hooks: {
        beforeSend: () => {
          throw new Error('process killed');
        },
      },
    });
    await expect(dying.runWorkerOnce()).rejects.toThrow('process killed');
    expect(smtp.received).toHaveLength(0);
    const worker = smtpWorker(smtp.url, clock);
    clock.advance(DEFAULT_WORKER_SETTINGS.leaseMs - 1000);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 0 });
    clock.advance(2000);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(arrivedIds()).toEqual([messageIdOf(id)]);
    const prisma = await getPrisma();
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('two workers running at once over 50 messages deliver each exactly once', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push((await enqueue({ key: `test:${appointment.id}:c${i}`, purpose: 'REMINDER', patientId: patient.id, appointment, recipient: patient.email, now: clock.now() })).id);
    }
    const a = smtpWorker(smtp.url, clock, { workerId: 'worker-a' });
    const b = smtpWorker(smtp.url, clock, { workerId: 'worker-b' });
    const drain = async (worker: typeof a) => {
      let sent = 0;
      for (;;) {
        const summary = await worker.runWorkerOnce({ limit: 4 });
        sent += summary.sent;
        if (summary.claimed === 0) return sent;
      }
    };
    const [sentByA, sentByB] = await Promise.all([drain(a), drain(b)]);

    expect(sentByA + sentByB).toBe(50);
    expect(smtp.received).toHaveLength(50);
    expect(new Set(arrivedIds()).size).toBe(50);
    expect(arrivedIds().sort()).toEqual(ids.map(messageIdOf).sort());
    const prisma = await getPrisma();
    expect(await prisma.outboxMessage.count({ where: { id: { in: ids }, status: 'SENT', attempts: 1 } })).toBe(50);
  });

  it('after the last attempt the message is FAILED and one MESSAGE_FAILED task is open for clerks', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const { id } = await enqueue({ key: `test:${appointment.id}:fail`, patientId: patient.id, appointment, recipient: patient.email, now: clock.now() });
    smtp.refuseRecipients(1000);
    const settings = { maxAttempts: 3, backoffBaseMs: MINUTE, backoffMaxMs: 10 * MINUTE };
    const worker = smtpWorker(smtp.url, clock, { settings });
    const prisma = await getPrisma();

    expect(await worker.runWorkerOnce()).toMatchObject({ retried: 1 });
    clock.advance(backoffMs(1, settings));
    expect(await worker.runWorkerOnce()).toMatchObject({ retried: 1 });
    expect(await prisma.task.count({ where: { messageId: id } })).toBe(0);
    clock.advance(backoffMs(2, settings));
    expect(await worker.runWorkerOnce()).toMatchObject({ failed: 1 });

    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED', attempts: 3, lastError: 'SMTP_EENVELOPE_451' });
    const tasks = await prisma.task.findMany({ where: { messageId: id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'MESSAGE_FAILED', status: 'OPEN', patientId: patient.id, appointmentId: appointment.id, dedupeKey: `message-failed:${id}` });
    expect(tasks[0].title).not.toContain(patient.firstName);
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: 'message.failed' } })).toBe(1);

    clock.advance(60 * MINUTE);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 0 });
    expect(await prisma.task.count({ where: { messageId: id } })).toBe(1);
    expect(smtp.received).toHaveLength(0);
  });

  it('backoff doubles from the base and stops at the cap', () => {
    const settings = { backoffBaseMs: MINUTE, backoffMaxMs: 30 * MINUTE };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, settings) / MINUTE)).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });
});

describe('the polling loop', () => {
  it('sends what becomes due while running, and after stop() sends nothing more', async () => {
    const { patient, appointment } = await consultationFixture();
    const worker = smtpWorker(smtp.url, { now: () => new Date() });
    const prisma = await getPrisma();
    worker.start({ pollMs: 50 });
    try {
      const { id } = await enqueue({ key: `test:${appointment.id}:loop1`, patientId: patient.id, appointment, recipient: patient.email, now: new Date() });
      const deadline = Date.now() + 20_000;
      while ((await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status !== 'SENT') {
        if (Date.now() > deadline) throw new Error('the running worker did not send the message');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await worker.stop();
    }
    const { id: later } = await enqueue({ key: `test:${appointment.id}:loop2`, patientId: patient.id, appointment, recipient: patient.email, now: new Date() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: later } })).status).toBe('QUEUED');
    expect(smtp.received).toHaveLength(1);
  });

  it('stopping mid-batch finishes the message in hand and hands the rest back without using up an attempt', async () => {
    const clock = testClock(T0);
    const { patient, appointment } = await consultationFixture();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await enqueue({ key: `test:${appointment.id}:stop${i}`, purpose: 'REMINDER', patientId: patient.id, appointment, recipient: patient.email, now: clock.now() })).id);
    }
    let stopped: Promise<void> | undefined;
    const worker = smtpWorker(smtp.url, clock, {
      hooks: {
        beforeSend: () => {
          stopped ??= worker.stop();
        },
      },
    });
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 3, sent: 1 });
    await stopped;
    expect(smtp.received).toHaveLength(1);
    const prisma = await getPrisma();
    const rows = await prisma.outboxMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((r) => r.status === 'SENT')).toHaveLength(1);
    const handedBack = rows.filter((r) => r.status === 'QUEUED');
    expect(handedBack).toHaveLength(2);
    for (const row of handedBack) expect(row).toMatchObject({ attempts: 0, claimedBy: null, claimedAt: null });

    const next = smtpWorker(smtp.url, clock);
    expect(await next.runWorkerOnce()).toMatchObject({ claimed: 2, sent: 2 });
    expect(arrivedIds().sort()).toEqual(ids.map(messageIdOf).sort());
  });
});

describe('without SMTP_URL: the mail folder and the in-app mailbox', () => {
  it('writes one .eml per message, which the mailbox lists and reads back', async () => {
    const clock = testClock(T0);
    const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-mail-'));
    try {
      const { patient, appointment } = await consultationFixture();
      const { id } = await enqueue({ key: `test:${appointment.id}:dir`, patientId: patient.id, appointment, recipient: patient.email, payload: { includeCalendar: true }, now: clock.now() });
      const worker = smtpWorker('', clock, { mail: createMailDirTransport({ mailDir, from: MAIL_FROM }) });
      expect(await worker.runWorkerOnce()).toMatchObject({ sent: 1 });

      expect(fs.readdirSync(mailDir)).toEqual([`${id}.eml`]);
      const list = await listMailbox({ mailDir });
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ id, subject: 'Your Chronic Pain Unit appointment is booked', to: patient.email, attachmentNames: ['appointment.ics'] });
      const message = await readMailboxMessage(id, mailDir);
      expect(message?.text).toContain(`Dear ${patient.firstName},`);
      expect(message?.html).toContain('Monday 29 March 2027 at 9am');
      expect(message?.attachments[0]).toMatchObject({ filename: 'appointment.ics', contentType: 'text/calendar' });
      const ics = await readMailboxAttachment(id, 0, mailDir);
      expect(ics?.filename).toBe('appointment.ics');
      expect(ics?.content.toString('utf8')).toContain('DTSTART;TZID=Europe/London:20270329T090000');
      expect(await readMailboxAttachment(id, 1, mailDir)).toBeNull();
      expect(await readMailboxMessage('../../etc/passwd', mailDir)).toBeNull();
      expect(await readMailboxMessage('nosuchmessage', mailDir)).toBeNull();
      expect(await listMailbox({ mailDir: path.join(mailDir, 'absent') })).toEqual([]);

      // Newest first; the limit parses only that many.
      fs.utimesSync(path.join(mailDir, `${id}.eml`), new Date('2020-01-01T09:00:00Z'), new Date('2020-01-01T09:00:00Z'));
      const { id: second } = await enqueue({ key: `test:${appointment.id}:dir2`, purpose: 'REMINDER', patientId: patient.id, appointment, recipient: patient.email, now: clock.now() });
      expect(await worker.runWorkerOnce()).toMatchObject({ sent: 1 });
      expect((await listMailbox({ mailDir })).map((m) => m.id)).toEqual([second, id]);
      expect((await listMailbox({ mailDir, limit: 1 })).map((m) => m.id)).toEqual([second]);
    } finally {
      fs.rmSync(mailDir, { recursive: true, force: true });
    }
  });
});
