// The clerks' print queue (DESIGN.md rule 6): a patient without email gets a letter, queued in the outbox as a
// LETTER row with an open PRINT_LETTER task. The first download makes the letter (and, for a procedure, the
// leaflets printed with it) and records them as SentDocuments attached to the message, each with its SHA-256;
// later downloads return the same stored bytes. "Mark as posted" sets the message SENT and the task DONE.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { createHash } from 'node:crypto';
import { getPrisma } from '~/db.server';
import { BOOKING_TRANSACTION as MESSAGE_TRANSACTION } from '~/db/transactions.server';
import { DomainError } from '~/errors';
import type { MessagePurpose } from '~/generated/prisma/enums';
import { blockedLeafletsMessage } from '~/leaflets/leaflet-approval';
import { generateLeafletDocuments, getLeafletSummary } from '~/leaflets/leaflet-documents.server';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import { PURPOSE_LABEL, type MessagePayload } from './channels';
import { composeLetter, LETTER_TITLE } from './letter';
import { mergePdfsForPrinting } from '~/utils/pdf-merge.server';
import { renderLetterPdf } from './letter-pdf.server';

type Context = { actor: NonNullable<Actor>; ipAddress: string | null };

export type LetterToPrint = {
  messageId: string;
  purpose: string;
  queuedAt: Date;
  patient: { id: string; name: string; nhsNumber: string; hasAddress: boolean };
  appointmentStartsAt: Date | null;
  documents: { id: string; filename: string; sha256: string; isLetter: boolean }[];
};

const LETTER_CONTENT_TYPE = 'application/pdf';

/** Letters waiting to be printed and posted, oldest first. Viewing the queue (names, NHS numbers) is audited. */
export async function listLettersToPrint(context: Context, limit = 200): Promise<LetterToPrint[]> {
  const prisma = await getPrisma();
  const rows = await prisma.outboxMessage.findMany({
    where: { channel: 'LETTER', status: 'QUEUED' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: {
      id: true,
      purpose: true,
      createdAt: true,
      appointment: { select: { startsAt: true } },
      patient: { select: { id: true, firstName: true, lastName: true, nhsNumber: true, addressLines: true, postcode: true } },
      attachments: {
        orderBy: { id: 'asc' },
        select: { filename: true, sha256: true, documentId: true, document: { select: { kind: true } } },
      },
    },
  });
  await recordAudit(prisma, {
    actor: context.actor,
    action: 'letters.view',
    entityType: 'OutboxMessage',
    entityId: '-',
    ipAddress: context.ipAddress,
    details: { shown: rows.length },
  });
  return rows.map((row) => ({
    messageId: row.id,
    purpose: PURPOSE_LABEL[row.purpose],
    queuedAt: row.createdAt,
    patient: {
      id: row.patient.id,
      name: `${row.patient.firstName} ${row.patient.lastName}`,
      nhsNumber: row.patient.nhsNumber,
      hasAddress: row.patient.addressLines.length > 0 && !!row.patient.postcode,
    },
    appointmentStartsAt: row.appointment?.startsAt ?? null,
    documents: row.attachments
      .filter((a) => a.documentId)
      .map((a) => ({ id: a.documentId!, filename: a.filename, sha256: a.sha256, isLetter: a.document?.kind === 'LETTER' })),
  }));
}

async function loadLetterMessage(messageId: string) {
  const prisma = await getPrisma();
  const message = await prisma.outboxMessage.findUnique({
    where: { id: messageId },
    select: {
      id: true,
      channel: true,
      status: true,
      purpose: true,
      patientId: true,
      payload: true,
      createdAt: true,
      patient: { select: { firstName: true, lastName: true, nhsNumber: true, addressLines: true, postcode: true, communicationNeeds: true } },
      appointment: {
        select: {
          id: true,
          kind: true,
          status: true,
          startsAt: true,
          arrivalAt: true,
          procedureList: { select: { site: { select: { name: true, unitName: true, addressLines: true, postcode: true, phone: true } } } },
          slot: { select: { clinic: { select: { site: { select: { name: true, unitName: true, addressLines: true, postcode: true, phone: true } } } } } },
        },
      },
      attachments: { orderBy: { id: 'asc' }, select: { documentId: true, document: { select: { kind: true } } } },
    },
  });
  if (!message || message.channel !== 'LETTER') throw new DomainError('NOT_FOUND', 'There is no such letter.');
  return message;
}

type LetterMessage = Awaited<ReturnType<typeof loadLetterMessage>>;

function refuseUnlessQueued(message: { status: string }) {
  if (message.status === 'CANCELLED') {
    throw new DomainError('STALE_FORM', 'This letter was cancelled because the appointment changed. Do not post it.');
  }
  if (message.status === 'SENT') throw new DomainError('STALE_FORM', 'This letter has already been marked as posted.');
}

async function makeLetter(message: LetterMessage, context: Context, now: Date): Promise<void> {
  const appointment = message.appointment;
  if (!appointment) throw new DomainError('INVALID_INPUT', 'This letter is not about an appointment, so it cannot be printed here.');
  const site = appointment.procedureList?.site ?? appointment.slot?.clinic.site;
  if (!site) throw new DomainError('INVALID_INPUT', 'The appointment has no site, so the letter cannot say where to come.');
  const payload = (message.payload ?? {}) as Partial<MessagePayload>;
  const active = (ACTIVE_STATUSES as readonly string[]).includes(appointment.status);
  const leaflets =
    payload.attachLeaflets && appointment.kind === 'PROCEDURE' && active
      ? await generateLeafletDocuments(await getPrisma(), { appointmentId: appointment.id, actorId: context.actor.id, now })
      : null;
  const leafletDocuments = leaflets ? [leaflets.before, leaflets.after] : [];
  // The letter describes the appointment as it is now (a letter for a moved appointment is cancelled and
  // replaced, so this is the time the message was queued for).
  const letter = composeLetter({
    purpose: message.purpose,
    patient: message.patient,
    appointmentKind: appointment.kind === 'PROCEDURE' ? 'PROCEDURE' : 'CONSULTATION',
    startsAt: payload.startsAt ? new Date(payload.startsAt) : appointment.startsAt,
    arrivalAt: appointment.arrivalAt,
    previousStartsAt: payload.previousStartsAt ? new Date(payload.previousStartsAt) : null,
    site,
    enclosures: leafletDocuments.map((d) => d.title),
    leafletsUpdated: payload.leafletsUpdated === true,
    largePrint: message.patient.communicationNeeds.includes('LARGE_PRINT'),
    date: now,
  });
  const letterPdf = await renderLetterPdf(letter, now);
  // One file to print: the letter, then the leaflets it encloses, so a letter cannot go without them. The
  // recorded LETTER document is exactly what is printed; the leaflets are also recorded on their own.
  const content =
    leafletDocuments.length > 0
      ? await mergePdfsForPrinting([letterPdf, ...leafletDocuments.map((d) => d.content)], { title: letter.title, creationDate: now })
      : letterPdf;
  const sha256 = createHash('sha256').update(content).digest('hex');

  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    // Row-locks the message: two clerks downloading at once take turns, and the second finds the first's letter.
    const locked = await tx.outboxMessage.updateMany({ where: { id: message.id, status: 'QUEUED' }, data: { updatedAt: now } });
    if (locked.count !== 1) refuseUnlessQueued(await tx.outboxMessage.findUniqueOrThrow({ where: { id: message.id }, select: { status: true } }));
    if ((await tx.outboxAttachment.count({ where: { messageId: message.id } })) > 0) return;
    const document = await tx.sentDocument.create({
      data: {
        patientId: message.patientId,
        appointmentId: appointment.id,
        kind: 'LETTER',
        title: `Letter: ${LETTER_TITLE[message.purpose as MessagePurpose]}`,
        largePrint: letter.largePrint,
        sha256,
        byteSize: content.byteLength,
        content: new Uint8Array(content),
        generatedById: context.actor.id,
        generatedAt: now,
      },
      select: { id: true },
    });
    await tx.outboxAttachment.createMany({
      data: [
        { messageId: message.id, documentId: document.id, filename: `letter-${message.id}.pdf`, contentType: LETTER_CONTENT_TYPE, sha256 },
        ...leafletDocuments.map((d) => ({ messageId: message.id, documentId: d.id, filename: d.filename, contentType: LETTER_CONTENT_TYPE, sha256: d.sha256 })),
      ],
    });
    await recordAudit(tx, {
      actor: context.actor,
      action: 'letter.generate',
      entityType: 'OutboxMessage',
      entityId: message.id,
      patientId: message.patientId,
      ipAddress: context.ipAddress,
      details: { letterDocumentId: document.id, leafletDocumentIds: leafletDocuments.map((d) => d.id), sha256 },
    });
  }, MESSAGE_TRANSACTION);
}

/**
 * The letter's PDF for printing: made and recorded on the first download, the stored bytes afterwards.
 * Each download is audited (a letter shows the patient's name and address).
 */
export async function downloadLetter(messageId: string, context: Context, now: Date) {
  let message = await loadLetterMessage(messageId);
  refuseUnlessQueued(message);
  if (message.attachments.length === 0) {
    await makeLetter(message, context, now);
    message = await loadLetterMessage(messageId);
  }
  const letterDocumentId = message.attachments.find((a) => a.document?.kind === 'LETTER')?.documentId;
  if (!letterDocumentId) throw new DomainError('NOT_FOUND', 'This message has no letter.');
  const prisma = await getPrisma();
  const document = await prisma.sentDocument.findUniqueOrThrow({
    where: { id: letterDocumentId },
    select: { id: true, content: true, sha256: true },
  });
  await recordAudit(prisma, {
    actor: context.actor,
    action: 'letter.download',
    entityType: 'SentDocument',
    entityId: document.id,
    patientId: message.patientId,
    ipAddress: context.ipAddress,
    details: { messageId },
  });
  return { content: Buffer.from(document.content), sha256: document.sha256, filename: `letter-${messageId}.pdf` };
}

/** After the clerk has printed and posted it: the message is SENT, its print task DONE. A repeat changes nothing. */
export async function markLetterPosted(messageId: string, context: Context, now: Date): Promise<{ alreadyPosted: boolean }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const message = await tx.outboxMessage.findUnique({
      where: { id: messageId },
      select: { id: true, channel: true, status: true, patientId: true, _count: { select: { attachments: true } } },
    });
    if (!message || message.channel !== 'LETTER') throw new DomainError('NOT_FOUND', 'There is no such letter.');
    if (message.status === 'SENT') return { alreadyPosted: true };
    refuseUnlessQueued(message);
    if (message._count.attachments === 0) {
      throw new DomainError('INVALID_INPUT', 'Download and print the letter before marking it as posted.');
    }
    const updated = await tx.outboxMessage.updateMany({
      where: { id: message.id, status: 'QUEUED' },
      data: { status: 'SENT', acceptedAt: now, attempts: { increment: 1 }, lastError: null },
    });
    if (updated.count !== 1) {
      // Changed between the read and the update (posted by a colleague, or cancelled): report what it is now.
      const now2 = await tx.outboxMessage.findUniqueOrThrow({ where: { id: message.id }, select: { status: true } });
      if (now2.status === 'SENT') return { alreadyPosted: true };
      refuseUnlessQueued(now2);
    }
    await tx.task.updateMany({
      where: { messageId: message.id, kind: 'PRINT_LETTER', status: 'OPEN' },
      data: { status: 'DONE', doneAt: now, doneById: context.actor.id },
    });
    await recordAudit(tx, {
      actor: context.actor,
      action: 'letter.posted',
      entityType: 'OutboxMessage',
      entityId: message.id,
      patientId: message.patientId,
      ipAddress: context.ipAddress,
    });
    return { alreadyPosted: false };
  }, MESSAGE_TRANSACTION);
}

/**
 * Why a letter could not be made, in words for the clerk (the download link leads back to the queue with this
 * shown, rather than saving an error as a PDF): the letter is no longer queued, or the leaflets cannot be made
 * for the booking (for example a blood thinner without a confirmed plan), or nothing more specific is known.
 */
export async function letterProblem(messageId: string, now: Date): Promise<{ patientName: string; problem: string } | null> {
  let message: LetterMessage;
  try {
    message = await loadLetterMessage(messageId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
  const patientName = `${message.patient.firstName} ${message.patient.lastName}`;
  try {
    refuseUnlessQueued(message);
  } catch (error) {
    if (error instanceof DomainError) return { patientName, problem: error.message };
    throw error;
  }
  const appointment = message.appointment;
  if (!appointment) return { patientName, problem: 'This letter is not about an appointment, so it cannot be printed here.' };
  if (!appointment.procedureList?.site && !appointment.slot?.clinic.site) {
    return { patientName, problem: 'The appointment has no site, so the letter cannot say where to come.' };
  }
  const payload = (message.payload ?? {}) as Partial<MessagePayload>;
  if (payload.attachLeaflets && appointment.kind === 'PROCEDURE' && (ACTIVE_STATUSES as readonly string[]).includes(appointment.status)) {
    const summary = await getLeafletSummary(appointment.id, now);
    if (summary.problem) return { patientName, problem: `The leaflets cannot be made for this booking: ${summary.problem}` };
    if (summary.blocked.length > 0) {
      return {
        patientName,
        problem: `${blockedLeafletsMessage(summary.blocked)} Do not post this letter yet: it can be printed once a doctor approves ${summary.blocked.length === 1 ? 'the part' : 'these parts'} on the Leaflets page.`,
      };
    }
  }
  return { patientName, problem: 'The letter could not be made. Try again; if it keeps failing, ask an administrator to check the leaflets.' };
}
