// Makes a booking's pair of leaflet PDFs and records them (DESIGN.md "Leaflets"): which version of every part
// was used (LeafletVersion), the bytes with their SHA-256, who made them and when (SentDocument). The same
// booking rendered again from the same parts gives the same bytes (the renderer is deterministic), so an
// unchanged document is reused instead of stored twice; a booking that moved gives new bytes and a new record.
import { createHash } from 'node:crypto';
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { getEnv } from '~/env.server';
import { isPlaceholderPhone } from '~/utils/placeholder-phone';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { DateTime } from 'luxon';
import { londonToday } from '~/utils/format';
import { blockedLeafletsMessage, blockingParts, type PartBlock } from './leaflet-approval';
import { readLeafletApprovals } from './leaflet-approval.server';
import { readLeafletBooking, type LeafletBooking } from './leaflet-booking.server';
import { loadLeafletParts } from './leaflet-content.server';
import { LeafletInputError } from './leaflet-input';
import { buildLeaflets, type LeafletDocument, type LeafletDocumentKind, type LeafletPair } from './leaflet-model';
import type { LeafletPart } from './leaflet-part';
import { describeErrorSafely } from '~/utils/safe-log';
import { leafletFilename, renderLeafletPdf } from './leaflet-pdf.server';

type Db = PrismaClient | Prisma.TransactionClient;

export type GeneratedDocument = {
  id: string;
  kind: 'BEFORE_PROCEDURE' | 'AFTER_PROCEDURE';
  title: string;
  filename: string;
  sha256: string;
  byteSize: number;
  content: Buffer;
  largePrint: boolean;
};

/** Advisory-lock namespace for "leaflet documents of one appointment" (see lockPatientBookings for the idea). */
const LEAFLET_DOCUMENT_LOCK = 7_243_205;

/**
 * How long loaded parts are kept. The parts are files deployed with the app, so a long cache would be right
 * in production; a minute keeps a clinician's edit on a review machine visible without a restart, and every
 * document records the SHA-256 of the exact files it was made from either way.
 */
const PARTS_CACHE_MS = 60_000;
let partsCache: { parts: LeafletPart[]; loadedAt: number } | undefined;

/** The leaflet parts under leaflets/, read at most once a minute per process. */
export function currentLeafletParts(): LeafletPart[] {
  const at = Date.now();
  if (!partsCache || at - partsCache.loadedAt > PARTS_CACHE_MS) partsCache = { parts: loadLeafletParts(), loadedAt: at };
  return partsCache.parts;
}

type Rendered = { document: LeafletDocument; content: Buffer; sha256: string; filename: string };

async function render(document: LeafletDocument): Promise<Rendered> {
  const content = await renderLeafletPdf(document);
  return { document, content, sha256: createHash('sha256').update(content).digest('hex'), filename: leafletFilename(document) };
}

async function inTransaction<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  // A caller's transaction client is used as it is; a full client opens one.
  return '$connect' in db ? db.$transaction(fn) : fn(db);
}

/** The LeafletVersion rows for the parts a pair used, created the first time each version is rendered. */
async function recordPartVersions(tx: Prisma.TransactionClient, used: LeafletPart[]): Promise<Map<string, string>> {
  // ON CONFLICT DO NOTHING: two requests recording the same new version at once both succeed.
  await tx.leafletVersion.createMany({
    data: used.map((p) => ({
      partKey: p.key,
      version: p.version,
      reference: p.reference,
      updatedOn: new Date(`${p.updated}T00:00:00.000Z`),
      reviewOn: new Date(`${p.review}T00:00:00.000Z`),
      owner: p.owner,
      contentHash: p.contentHash,
    })),
    skipDuplicates: true,
  });
  const rows = await tx.leafletVersion.findMany({
    where: { OR: used.map((p) => ({ partKey: p.key, version: p.version, contentHash: p.contentHash })) },
    select: { id: true, partKey: true },
  });
  return new Map(rows.map((r) => [r.partKey, r.id]));
}

async function recordDocument(
  tx: Prisma.TransactionClient,
  rendered: Rendered,
  context: { patientId: string; appointmentId: string; actorId: string | null; now: Date; versionIds: Map<string, string> },
): Promise<{ generated: GeneratedDocument; reused: boolean }> {
  const { document, content, sha256, filename } = rendered;
  const kind: LeafletDocumentKind = document.kind;
  const newest = await tx.sentDocument.findFirst({
    where: { appointmentId: context.appointmentId, kind },
    orderBy: [{ generatedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, sha256: true },
  });
  const generated = (id: string): GeneratedDocument => ({
    id,
    kind,
    title: document.title,
    filename,
    sha256,
    byteSize: content.byteLength,
    content,
    largePrint: document.largePrint,
  });
  if (newest?.sha256 === sha256) return { generated: generated(newest.id), reused: true };
  const row = await tx.sentDocument.create({
    data: {
      patientId: context.patientId,
      appointmentId: context.appointmentId,
      kind,
      title: document.title,
      largePrint: document.largePrint,
      sha256,
      byteSize: content.byteLength,
      content: new Uint8Array(content),
      generatedById: context.actorId,
      generatedAt: context.now,
      parts: {
        createMany: {
          data: [...new Set(document.parts.map((p) => p.key))].map((key) => {
            const leafletVersionId = context.versionIds.get(key);
            if (!leafletVersionId) throw new Error(`Leaflet part "${key}" has no recorded version`);
            return { leafletVersionId };
          }),
        },
      },
    },
    select: { id: true },
  });
  return { generated: generated(row.id), reused: false };
}

function buildPair(input: LeafletBooking['input'], parts: readonly LeafletPart[], copy: { generatedOn: string; replaces?: string }): LeafletPair {
  try {
    return buildLeaflets({ ...input, generatedOn: copy.generatedOn, ...(copy.replaces ? { replaces: copy.replaces } : {}) }, parts);
  } catch (error) {
    if (error instanceof LeafletInputError) {
      throw new DomainError('INVALID_INPUT', `The leaflets cannot be made for this booking. ${error.issues.join('; ')}`);
    }
    throw error;
  }
}

function partsUsed(pair: LeafletPair, parts: readonly LeafletPart[]): LeafletPart[] {
  const usedKeys = new Set([...pair.before.parts, ...pair.after.parts].map((p) => p.key));
  return parts.filter((p) => usedKeys.has(p.key));
}

/** The parts (of those given) that may not reach a patient today, with why (leaflet-approval.ts). */
async function approvalBlocks(db: Db, used: readonly LeafletPart[], now: Date): Promise<PartBlock[]> {
  return blockingParts(used, await readLeafletApprovals(db, used.map((p) => p.key)), londonToday(now));
}

const longDate = (isoDate: string) => DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLLL yyyy');
const replacesText = (generatedAt: Date) => `the leaflet made on ${longDate(londonToday(generatedAt))}`;

/**
 * Builds, renders and records both leaflets of a procedure booking. Refuses a consultation (404) and a
 * cancelled booking (409); a booking the model cannot make a leaflet for (for example at a site without an
 * interventional suite) is INVALID_INPUT with the model's reasons; a leaflet using a part that is not approved
 * for its exact content, or past its review date, is LEAFLET_NOT_APPROVED naming each part, and nothing is
 * rendered or stored.
 *
 * Every copy says the day it was made and, when it replaces an earlier copy of the same kind for this
 * appointment, that copy's day. So that an unchanged document is still recognised, the newest stored copy is
 * rendered again with its own date first: the same bytes mean nothing changed and that copy is reused.
 */
export async function generateLeafletDocuments(
  db: PrismaClient | Prisma.TransactionClient,
  args: {
    appointmentId: string;
    actorId: string | null;
    now: Date;
    parts?: LeafletPart[];
    /** Refuse a site whose phone number is a demo placeholder; on by default in production. */
    refusePlaceholderPhone?: boolean;
  },
): Promise<{ before: GeneratedDocument; after: GeneratedDocument }> {
  const booking = await readLeafletBooking(db, args.appointmentId);
  const site = booking.input.appointment.site;
  if ((args.refusePlaceholderPhone ?? getEnv().NODE_ENV === 'production') && site && isPlaceholderPhone(site.phone)) {
    // A patient told to "phone us" must reach the unit: a demo number never goes out from a live service.
    throw new DomainError(
      'LEAFLET_NOT_APPROVED',
      `The leaflets cannot be sent: the phone number for ${site.name} (${site.phone}) is a demo placeholder. An administrator must enter the unit's real number.`,
    );
  }
  const parts = args.parts ?? currentLeafletParts();
  const today = londonToday(args.now);
  const pair = buildPair(booking.input, parts, { generatedOn: today });
  const used = partsUsed(pair, parts);
  const blocks = await approvalBlocks(db, used, args.now);
  if (blocks.length > 0) throw new DomainError('LEAFLET_NOT_APPROVED', blockedLeafletsMessage(blocks));

  const earlier = await db.sentDocument.findMany({
    where: { appointmentId: booking.appointmentId, kind: { in: ['BEFORE_PROCEDURE', 'AFTER_PROCEDURE'] } },
    orderBy: [{ generatedAt: 'desc' }, { id: 'desc' }],
    select: { kind: true, sha256: true, generatedAt: true },
  });
  const renderKind = async (kind: LeafletDocumentKind): Promise<Rendered> => {
    const pick = (p: LeafletPair) => (kind === 'BEFORE_PROCEDURE' ? p.before : p.after);
    const [newest, previous] = earlier.filter((d) => d.kind === kind);
    if (!newest) return render(pick(pair));
    const again = await render(
      pick(buildPair(booking.input, parts, { generatedOn: londonToday(newest.generatedAt), replaces: previous ? replacesText(previous.generatedAt) : undefined })),
    );
    if (again.sha256 === newest.sha256) return again;
    return render(pick(buildPair(booking.input, parts, { generatedOn: today, replaces: replacesText(newest.generatedAt) })));
  };
  // Rendering is the slow part: done before the transaction so no lock waits on it.
  const [before, after] = await Promise.all([renderKind('BEFORE_PROCEDURE'), renderKind('AFTER_PROCEDURE')]);

  return inTransaction(db, async (tx) => {
    // Two requests for one appointment take turns, so an unchanged document is reused, never stored twice.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LEAFLET_DOCUMENT_LOCK}::int, hashtext(${args.appointmentId}))`;
    const versionIds = await recordPartVersions(tx, used);
    const context = { patientId: booking.patientId, appointmentId: booking.appointmentId, actorId: args.actorId, now: args.now, versionIds };
    const b = await recordDocument(tx, before, context);
    const a = await recordDocument(tx, after, context);
    const actor = args.actorId
      ? await tx.staffUser.findUnique({ where: { id: args.actorId }, select: { id: true, role: true } })
      : null;
    await recordAudit(tx, {
      actor,
      action: 'leaflet.generate',
      entityType: 'Appointment',
      entityId: booking.appointmentId,
      patientId: booking.patientId,
      details: {
        documents: [
          { id: b.generated.id, kind: b.generated.kind, reused: b.reused },
          { id: a.generated.id, kind: a.generated.kind, reused: a.reused },
        ],
        leafletVersionIds: [...versionIds.values()].sort(),
      },
    });
    return { before: b.generated, after: a.generated };
  });
}

/**
 * The parts that stop this booking's leaflets reaching the patient today (not approved, changed, withdrawn or
 * past review); empty when they may be made, or when the model cannot make them at all for another reason
 * (that reason surfaces where the leaflets are made). For the outbox, inside the booking's transaction: it
 * reads only, and never throws for the leaflets' sake, so a booking is never lost to it.
 */
export async function leafletApprovalBlocks(db: Db, appointmentId: string, now: Date): Promise<PartBlock[]> {
  let pair: LeafletPair;
  let parts: LeafletPart[];
  try {
    const booking = await readLeafletBooking(db, appointmentId);
    parts = currentLeafletParts();
    pair = buildPair(booking.input, parts, { generatedOn: londonToday(now) });
  } catch (error) {
    if (!(error instanceof DomainError)) console.warn(`Leaflet approval check skipped: ${describeErrorSafely(error)}`);
    return [];
  }
  return approvalBlocks(db, partsUsed(pair, parts), now);
}

// ---------------------------------------------------------------------------------------------
// What staff pages use: the case page's summary, previewing or downloading a leaflet, a patient's documents
// ---------------------------------------------------------------------------------------------

type AuditContext = { actor: NonNullable<Actor>; ipAddress: string | null };

export type LeafletSummary = {
  /** False for a cancelled booking: there is nothing to preview. */
  available: boolean;
  largePrint: boolean;
  unconfirmedBloodThinners: string[];
  /** Why the leaflets cannot be made for this booking (the model's reasons), if they cannot. */
  problem: string | null;
  /** The parts not approved for patients today: while any is listed, no leaflet is made or sent. */
  blocked: PartBlock[];
};

/**
 * For the procedure case page: which variant will be produced, which blood thinners have no confirmed plan, and
 * whether the model can make the leaflets at all (decided without rendering).
 */
export async function getLeafletSummary(appointmentId: string, now: Date): Promise<LeafletSummary> {
  const prisma = await getPrisma();
  let booking;
  try {
    booking = await readLeafletBooking(prisma, appointmentId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'APPOINTMENT_CANCELLED') {
      return { available: false, largePrint: false, unconfirmedBloodThinners: [], problem: null, blocked: [] };
    }
    throw error;
  }
  let problem: string | null = null;
  let blocked: PartBlock[] = [];
  try {
    const parts = currentLeafletParts();
    const pair = buildLeaflets({ ...booking.input, generatedOn: londonToday(now) }, parts);
    blocked = await approvalBlocks(prisma, partsUsed(pair, parts), now);
  } catch (error) {
    if (error instanceof LeafletInputError) problem = error.issues.join('; ');
    else {
      // Broken content (a missing part, a misspelt placeholder) must not take the case page down with it.
      console.error(`Leaflet content could not be filled in: ${describeErrorSafely(error)}`);
      problem = 'The leaflet content could not be filled in for this booking. An administrator must check the leaflet parts.';
    }
  }
  return { available: true, largePrint: booking.largePrint, unconfirmedBloodThinners: booking.unconfirmedBloodThinners, problem, blocked };
}

export type LeafletUse = 'preview' | 'download';

/**
 * One leaflet of a booking as a member of staff opens it: made and recorded (or the unchanged record reused)
 * by generateLeafletDocuments, and the opening audited with the document's id.
 */
export async function openLeafletDocument(
  appointmentId: string,
  kind: LeafletDocumentKind,
  use: LeafletUse,
  { actor, ipAddress }: AuditContext,
  now: Date,
): Promise<GeneratedDocument> {
  const prisma = await getPrisma();
  const pair = await generateLeafletDocuments(prisma, { appointmentId, actorId: actor.id, now });
  const document = kind === 'BEFORE_PROCEDURE' ? pair.before : pair.after;
  const patient = await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId }, select: { patientId: true } });
  await recordAudit(prisma, {
    actor,
    action: `leaflet.${use}`,
    entityType: 'SentDocument',
    entityId: document.id,
    patientId: patient.patientId,
    ipAddress,
    details: { appointmentId, kind },
  });
  return document;
}

export type PatientDocument = {
  id: string;
  kind: string;
  title: string;
  largePrint: boolean;
  sha256: string;
  byteSize: number;
  generatedAt: Date;
  generatedBy: string | null;
  appointmentId: string | null;
};

/** A patient's generated documents, newest first (without their bytes). */
export async function listPatientDocuments(patientId: string): Promise<PatientDocument[]> {
  const prisma = await getPrisma();
  const rows = await prisma.sentDocument.findMany({
    where: { patientId },
    orderBy: [{ generatedAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      kind: true,
      title: true,
      largePrint: true,
      sha256: true,
      byteSize: true,
      generatedAt: true,
      appointmentId: true,
      generatedBy: { select: { name: true } },
    },
  });
  return rows.map(({ generatedBy, ...r }) => ({ ...r, generatedBy: generatedBy?.name ?? null }));
}

/** The stored bytes of a document, exactly as generated; reading them is audited. */
export async function getStoredDocument(documentId: string, { actor, ipAddress }: AuditContext) {
  const prisma = await getPrisma();
  const row = await prisma.sentDocument.findUnique({
    where: { id: documentId },
    select: { id: true, patientId: true, kind: true, title: true, sha256: true, content: true },
  });
  if (!row) throw new DomainError('NOT_FOUND', 'There is no such document.');
  await recordAudit(prisma, {
    actor,
    action: 'document.download',
    entityType: 'SentDocument',
    entityId: row.id,
    patientId: row.patientId,
    ipAddress,
  });
  const slug = row.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'document';
  return { ...row, content: Buffer.from(row.content), filename: `${slug}-${row.sha256.slice(0, 12)}.pdf` };
}
