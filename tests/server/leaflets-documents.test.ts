// Generating a booking's leaflets records what was made (DESIGN.md "Leaflets"): the version of every part used,
// the PDF bytes with their SHA-256, who and when; the same booking again reuses the record, a moved booking
// gets a new one; audited with identifiers only.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import { generateLeafletDocuments } from '~/leaflets/leaflet-documents.server';
import { approveCurrentLeafletParts, createSite, createStaff } from '../factories';
import { bloodThinnerPlan, leafletBooking, pdfText } from './leaflets-fixtures';

const parts = loadLeafletParts();
const NOW = new Date('2027-03-22T10:00:00.000Z');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('generating and recording a booking\'s leaflets', () => {
  it('records both documents with their SHA-256, size, bytes, parts and who made them, and audits ids only', async () => {
    const prisma = await getPrisma();
    const clerk = await createStaff(prisma, { role: 'CLERK' });
    const { appointment, patient, request } = await leafletBooking({ needs: ['LARGE_PRINT'], medicines: ['rivaroxaban'] });
    await bloodThinnerPlan(request.id, 'rivaroxaban', { stopBeforeHours: 48, restartAfterHours: 24 });

    const { before, after } = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: clerk.id, now: NOW, parts });

    expect(before).toMatchObject({ kind: 'BEFORE_PROCEDURE', title: 'Before your procedure', largePrint: true, filename: 'before-your-procedure-large-print.pdf' });
    expect(after).toMatchObject({ kind: 'AFTER_PROCEDURE', title: 'After your procedure', largePrint: true, filename: 'after-your-procedure-large-print.pdf' });
    for (const document of [before, after]) {
      expect(document.sha256).toBe(sha256(document.content));
      expect(document.byteSize).toBe(document.content.byteLength);
      expect(document.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const stored = await prisma.sentDocument.findUniqueOrThrow({ where: { id: document.id }, include: { parts: { include: { leafletVersion: true } } } });
      expect(stored).toMatchObject({
        patientId: patient.id,
        appointmentId: appointment.id,
        kind: document.kind,
        title: document.title,
        largePrint: true,
        sha256: document.sha256,
        byteSize: document.byteSize,
        generatedById: clerk.id,
        generatedAt: NOW,
      });
      expect(Buffer.from(stored.content).equals(document.content)).toBe(true);
      // Every part the document was made from, at the version and file hash used.
      const used = stored.parts.map((p) => p.leafletVersion);
      expect(used.length).toBeGreaterThan(3);
      for (const version of used) {
        const file = parts.find((p) => p.key === version.partKey)!;
        expect(version).toMatchObject({ version: file.version, reference: file.reference, owner: file.owner, contentHash: file.contentHash });
        expect(version.updatedOn.toISOString().slice(0, 10)).toBe(file.updated);
        expect(version.reviewOn.toISOString().slice(0, 10)).toBe(file.review);
      }
    }
    const beforeKeys = (await prisma.sentDocumentPart.findMany({ where: { documentId: before.id }, include: { leafletVersion: true } })).map((p) => p.leafletVersion.partKey);
    expect(beforeKeys).toEqual(expect.arrayContaining(['shared/appointment', 'facet-joint-injection/about', 'shared/blood-thinners', 'shared/driving-and-medicines']));
    expect(beforeKeys).not.toContain('shared/fasting');

    // The personalised facts are in the bytes.
    expect(pdfText(before.content)).toContain('Take your last dose of rivaroxaban on Monday 29 March. Do not take any from Tuesday 30 March until after your procedure on Thursday 1 April.');

    const audit = await prisma.auditEvent.findMany({ where: { action: 'leaflet.generate', entityId: appointment.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: clerk.id, actorRole: 'CLERK', entityType: 'Appointment', patientId: patient.id });
    const details = JSON.stringify(audit[0]!.details);
    expect(details).toContain(before.id);
    expect(details).toContain(after.id);
    for (const secret of [patient.firstName, patient.lastName, patient.nhsNumber, 'rivaroxaban']) expect(details).not.toContain(secret);
  });

  it('reuses the stored documents when nothing changed, and records new ones after the booking moves', async () => {
    const prisma = await getPrisma();
    const { appointment } = await leafletBooking();
    const first = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts });
    const versions = await prisma.leafletVersion.count();

    const again = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: new Date('2027-03-23T10:00:00.000Z'), parts });

    expect(again.before.id).toBe(first.before.id);
    expect(again.after.id).toBe(first.after.id);
    expect(again.before.sha256).toBe(first.before.sha256);
    expect(await prisma.sentDocument.count({ where: { appointmentId: appointment.id } })).toBe(2);
    expect(await prisma.leafletVersion.count()).toBe(versions);
    expect(await prisma.auditEvent.count({ where: { action: 'leaflet.generate', entityId: appointment.id } })).toBe(2);

    // The case moves an hour later on the same list: new times, new bytes, a new record; the old ones stay.
    const hour = 60 * 60 * 1000;
    await prisma.appointment.update({
      where: { id: appointment.id },
      data: {
        startsAt: new Date(appointment.startsAt.getTime() + hour),
        endsAt: new Date(appointment.endsAt.getTime() + hour),
        arrivalAt: new Date(appointment.arrivalAt!.getTime() + hour),
      },
    });
    const moved = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: new Date('2027-03-24T10:00:00.000Z'), parts });

    expect(moved.before.id).not.toBe(first.before.id);
    expect(moved.before.sha256).not.toBe(first.before.sha256);
    expect(pdfText(moved.before.content)).toContain('arrive 9:30am');
    // Each copy says when it was made and, as a replacement, which copy it replaces.
    expect(pdfText(first.before.content)).toContain('This copy was made on 22 March 2027.');
    expect(pdfText(first.before.content)).not.toContain('replaces');
    expect(pdfText(moved.before.content)).toContain('This copy was made on 24 March 2027. It replaces the leaflet made on 22 March 2027.');
    // The aftercare leaflet holds no appointment time, so its unchanged bytes are reused.
    expect(moved.after.id).toBe(first.after.id);
    expect(await prisma.sentDocument.count({ where: { appointmentId: appointment.id } })).toBe(3);
    const newest = await prisma.sentDocument.findFirstOrThrow({ where: { appointmentId: appointment.id, kind: 'BEFORE_PROCEDURE' }, orderBy: { generatedAt: 'desc' } });
    expect(newest.id).toBe(moved.before.id);
    expect(newest.generatedById).toBeNull();
    expect(await prisma.leafletVersion.count()).toBe(versions);
  });

  it('records a new part version when a part is edited', async () => {
    const prisma = await getPrisma();
    const { appointment } = await leafletBooking();
    const first = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts });
    const edited = parts.map((p) =>
      p.key === 'shared/contacts' ? { ...p, version: '1.1', updated: '2027-03-01', body: `${p.body}\n\nWe have a new phone line.`, contentHash: 'b'.repeat(64) } : p,
    );
    // The edited text needs its own approval (rule 10) before it reaches a patient.
    await approveCurrentLeafletParts(prisma, undefined, { parts: edited });

    const second = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts: edited });

    expect(second.before.id).not.toBe(first.before.id);
    expect(pdfText(second.after.content)).toContain('We have a new phone line.');
    const contacts = await prisma.leafletVersion.findMany({ where: { partKey: 'shared/contacts' }, orderBy: { version: 'asc' } });
    expect(contacts.map((c) => c.version)).toEqual(['1.0', '1.1']);
    const secondParts = await prisma.sentDocumentPart.findMany({ where: { documentId: second.after.id }, include: { leafletVersion: true } });
    expect(secondParts.find((p) => p.leafletVersion.partKey === 'shared/contacts')!.leafletVersion.version).toBe('1.1');
  });

  it('works inside the caller\'s transaction, and records nothing if that transaction rolls back', async () => {
    const prisma = await getPrisma();
    const { appointment } = await leafletBooking();
    const made = await prisma.$transaction((tx) => generateLeafletDocuments(tx, { appointmentId: appointment.id, actorId: null, now: NOW, parts }));
    expect(await prisma.sentDocument.count({ where: { id: { in: [made.before.id, made.after.id] } } })).toBe(2);

    const other = await leafletBooking();
    await expect(
      prisma.$transaction(async (tx) => {
        await generateLeafletDocuments(tx, { appointmentId: other.appointment.id, actorId: null, now: NOW, parts });
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    expect(await prisma.sentDocument.count({ where: { appointmentId: other.appointment.id } })).toBe(0);
  });

  it('refuses a cancelled booking with a 409 and stores nothing', async () => {
    const prisma = await getPrisma();
    const { appointment } = await leafletBooking();
    await prisma.appointment.update({ where: { id: appointment.id }, data: { status: 'CANCELLED_BY_HOSPITAL', cancelledAt: NOW } });
    const error = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(409);
    expect(await prisma.sentDocument.count({ where: { appointmentId: appointment.id } })).toBe(0);
  });

  it('refuses, with the model\'s reason and nothing stored, a booking on a list at a site without an interventional suite', async () => {
    const prisma = await getPrisma();
    const { appointment, list } = await leafletBooking();
    const elsewhere = await createSite(prisma, { hasInterventionalSuite: false });
    await prisma.procedureList.update({ where: { id: list.id }, data: { siteId: elsewhere.id } });
    const error = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', status: 400 });
    expect((error as DomainError).message).toContain(`appointment.siteCode: ${elsewhere.name} has no interventional suite`);
    expect(await prisma.sentDocument.count({ where: { appointmentId: appointment.id } })).toBe(0);
  });

  it('stores one copy when the same booking is generated many times at once', async () => {
    const prisma = await getPrisma();
    const { appointment } = await leafletBooking();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts })),
    );
    expect(new Set(results.map((r) => r.before.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.after.id)).size).toBe(1);
    expect(await prisma.sentDocument.count({ where: { appointmentId: appointment.id } })).toBe(2);
  });
});
