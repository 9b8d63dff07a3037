import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { LeafletPart } from './leaflet-part';

const DEFAULT_ROOT = path.resolve(process.cwd(), 'leaflets');

function dateString(value: unknown, field: string, file: string): string {
  // YAML turns an unquoted yyyy-MM-dd into a Date; accept both so a clinician's edit cannot break loading.
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new Error(`${file}: front matter "${field}" must be a date written yyyy-MM-dd`);
}

function text(value: unknown, field: string, file: string): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${file}: front matter "${field}" is missing`);
  return value;
}

function markdownFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'cases' ? [] : markdownFiles(full);
      return entry.name.endsWith('.md') && entry.name !== 'README.md' ? [full] : [];
    })
    .sort();
}

/**
 * Reads every leaflet part under leaflets/ (or root), checking its front matter. A `signOff` field is ignored:
 * approval is recorded in the app against the file's SHA-256 (ADR 12), never claimed by the file itself.
 */
export function loadLeafletParts(root: string = DEFAULT_ROOT): LeafletPart[] {
  return markdownFiles(root).map((file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const raw = fs.readFileSync(file, 'utf8');
    const parsed = matter(raw);
    const data = parsed.data as Record<string, unknown>;
    const unconfirmed = Array.isArray(data.unconfirmed) ? data.unconfirmed.map(String) : [];
    return {
      key: relative.replace(/\.md$/, ''),
      title: text(data.title, 'title', relative),
      reference: text(data.reference, 'reference', relative),
      version: text(data.version, 'version', relative),
      updated: dateString(data.updated, 'updated', relative),
      review: dateString(data.review, 'review', relative),
      owner: text(data.owner, 'owner', relative),
      unconfirmed,
      body: parsed.content,
      contentHash: createHash('sha256').update(raw).digest('hex'),
    };
  });
}
