// A leaflet tells the patient to phone the unit: a live service never sends one with the demo data's
// placeholder number (docs/safety/hazard-log.md, "placeholder phone numbers"). On by default in production.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { generateLeafletDocuments } from '~/leaflets/leaflet-documents.server';
import { leafletBooking } from './leaflets-fixtures';

const NOW = new Date('2027-03-22T10:00:00.000Z');

describe('placeholder unit phone numbers', () => {
  it('refuses to make leaflets with a drama-range number when told to (as in production), and stores nothing', async () => {
    const prisma = await getPrisma();
    const { appointment, site } = await leafletBooking();
    await prisma.site.update({ where: { id: site.id }, data: { phone: '01632 960100' } });

    const error = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, refusePlaceholderPhone: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toContain('is a demo placeholder');
    expect(await prisma.sentDocument.count({ where: { appointmentId: appointment.id } })).toBe(0);
  });

  it('makes them once the real number is entered', async () => {
    const prisma = await getPrisma();
    const { appointment, site } = await leafletBooking();
    await prisma.site.update({ where: { id: site.id }, data: { phone: '01622 729000' } });
    const pair = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, refusePlaceholderPhone: true });
    expect(pair.before.byteSize).toBeGreaterThan(1000);
    await prisma.site.update({ where: { id: site.id }, data: { phone: '01632 960100' } });
  });
});
