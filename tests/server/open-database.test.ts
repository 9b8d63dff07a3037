// The embedded database as `npm start` opens it on a fresh clone: a folder that does not exist yet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '~/db/migrate.server';
import { openDatabase } from '~/db/open-database.server';
import { MIGRATIONS_DIR } from '../setup/test-databases';

describe('embedded database on disk', () => {
  it('creates missing parent folders, keeps data across a reopen, and migrates only once', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-open-'));
    const url = `pglite:${path.join(root, 'not', 'there', 'yet')}`;
    try {
      const first = await openDatabase(url);
      expect(await migrate(first, MIGRATIONS_DIR)).toHaveLength(fs.readdirSync(MIGRATIONS_DIR).length);
      await first.prisma.site.create({ data: { code: 'KEEP', name: 'Kept site', postcode: 'ME16 9QQ', phone: '01632 960000' } });
      await first.close();

      const second = await openDatabase(url);
      expect(await migrate(second, MIGRATIONS_DIR)).toEqual([]);
      expect(await second.prisma.site.count({ where: { code: 'KEEP' } })).toBe(1);
      await second.close();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
