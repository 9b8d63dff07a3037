// A doctor approves what they read: the part page shows the file's exact text and the SHA-256 of that text, and
// its Approve form posts that hash. Only existing parts are shown (no path from the request reaches the disk).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as leafletsAction } from '~/routes/admin.leaflets';
import { loader as partLoader } from '~/routes/admin.leaflets_.$';
import { load, post, signedIn } from './consultations-fixtures';

type PartPage = { row: { key: string; contentHash: string; approval: { status: string } }; source: string; canApprove: boolean };

describe('the leaflet part page', () => {
  it('shows a doctor the exact file and its hash; approving that hash approves the part', async () => {
    const doctor = await signedIn('DOCTOR');
    const file = fs.readFileSync(path.resolve('leaflets/shared/fasting.md'), 'utf8');
    const page = await load<PartPage>(partLoader, '/admin/leaflets/shared/fasting', doctor.cookie, { '*': 'shared/fasting' });
    expect(page.status).toBe(200);
    expect(page.data.source).toBe(file);
    expect(page.data.row.contentHash).toBe(createHash('sha256').update(file).digest('hex'));
    expect(page.data.canApprove).toBe(true);

    const reply = await post(leafletsAction, '/admin/leaflets', { intent: 'approve', partKey: 'shared/fasting', contentHash: page.data.row.contentHash }, doctor.cookie);
    expect(reply.status).toBe(302);
    const prisma = await getPrisma();
    const row = await prisma.leafletApproval.findUnique({ where: { partKey_contentHash: { partKey: 'shared/fasting', contentHash: page.data.row.contentHash } } });
    expect(row).toMatchObject({ approvedById: doctor.staff.id, revokedAt: null, demo: false });
    const after = await load<PartPage>(partLoader, '/admin/leaflets/shared/fasting', doctor.cookie, { '*': 'shared/fasting' });
    expect(after.data.row.approval.status).toBe('APPROVED');
  });

  it('an administrator may read but not approve; a clerk may not open it', async () => {
    const admin = await signedIn('ADMIN');
    const page = await load<PartPage>(partLoader, '/admin/leaflets/shared/contacts', admin.cookie, { '*': 'shared/contacts' });
    expect(page.status).toBe(200);
    expect(page.data.canApprove).toBe(false);
    const clerk = await signedIn('CLERK');
    expect((await load(partLoader, '/admin/leaflets/shared/contacts', clerk.cookie, { '*': 'shared/contacts' })).status).toBe(403);
  });

  it.each(['shared/no-such-part', '../README', 'shared/../../package', 'cases/caudal-epidural', ''])('"%s" is a 404, never a file read', async (key) => {
    const doctor = await signedIn('DOCTOR');
    const page = await load(partLoader, `/admin/leaflets/${key}`, doctor.cookie, { '*': key });
    expect(page.status).toBe(404);
  });
});
