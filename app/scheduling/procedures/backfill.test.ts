import { describe, expect, it } from 'vitest';
import { rankBackfill, type BackfillCandidate, type BackfillGap } from './backfill';

const d = (iso: string) => iso;
const target: BackfillGap = {
  gap: { startsAt: new Date('2027-03-24T09:00:00Z'), endsAt: new Date('2027-03-24T09:45:00Z') },
  listDate: '2027-03-24',
  modality: 'XRAY',
  minutesLeft: 60,
};
const candidate = (id: string, overrides: Partial<BackfillCandidate> = {}): BackfillCandidate => ({
  id,
  priority: 'ROUTINE',
  listedOn: d('2027-01-04'),
  minutes: 30,
  guidance: 'XRAY',
  patientBusyDates: new Set(),
  ...overrides,
});

describe('rankBackfill', () => {
  it('offers the most urgent first, then the longest waiting, then the one that fills more of the gap', () => {
    const ranked = rankBackfill(
      [
        candidate('routine-recent', { listedOn: d('2027-03-01') }),
        candidate('routine-long-wait', { listedOn: d('2026-11-02') }),
        candidate('soon', { priority: 'SOON', listedOn: d('2027-03-10'), minutes: 20 }),
        candidate('routine-long-wait-short', { listedOn: d('2026-11-02'), minutes: 20 }),
      ],
      target,
    );
    expect(ranked.map((c) => c.id)).toEqual(['soon', 'routine-long-wait', 'routine-long-wait-short', 'routine-recent']);
  });

  it('leaves out requests that do not fit: wrong guidance, longer than the gap, patient busy that day', () => {
    const ranked = rankBackfill(
      [
        candidate('fits'),
        candidate('ultrasound', { guidance: 'ULTRASOUND', priority: 'URGENT' }),
        candidate('too-long', { minutes: 50, priority: 'URGENT' }),
        candidate('busy', { patientBusyDates: new Set(['2027-03-24']), priority: 'URGENT' }),
        candidate('busy-another-day', { patientBusyDates: new Set(['2027-03-25']) , listedOn: d('2027-02-01') }),
      ],
      target,
    );
    expect(ranked.map((c) => c.id)).toEqual(['fits', 'busy-another-day']);
  });

  it('never offers more than the minutes the list has left, even if the gap is longer', () => {
    const ranked = rankBackfill([candidate('forty', { minutes: 40 }), candidate('twenty', { minutes: 20 })], { ...target, minutesLeft: 25 });
    expect(ranked.map((c) => c.id)).toEqual(['twenty']);
  });

  it('offers at most the limit', () => {
    const many = Array.from({ length: 8 }, (_, i) => candidate(`c${i}`));
    expect(rankBackfill(many, target, 3)).toHaveLength(3);
  });
});

describe('rankBackfill and readiness', () => {
  it('offers ready patients first, keeping the usual order within the ready and the not-ready groups', () => {
    const ranked = rankBackfill(
      [
        candidate('urgent-not-ready', { priority: 'URGENT', ready: false }),
        candidate('routine-ready-recent', { listedOn: d('2027-03-01'), ready: true }),
        candidate('soon-not-ready', { priority: 'SOON', ready: false }),
        candidate('soon-ready', { priority: 'SOON', ready: true }),
        candidate('routine-ready-long-wait', { listedOn: d('2026-11-02'), ready: true }),
      ],
      target,
    );
    expect(ranked.map((c) => c.id)).toEqual([
      'soon-ready',
      'routine-ready-long-wait',
      'routine-ready-recent',
      'urgent-not-ready',
      'soon-not-ready',
    ]);
  });
});
