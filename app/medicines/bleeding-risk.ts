// The bleeding-risk category of one procedure request, from the procedure type and the levels the doctor
// recorded (ASRA/ESRA 2018 and its 2019 update: cervical facet injections, medial branch blocks and RF are
// intermediate risk, thoracic and lumbar ones low). Pure: the procedure type's categories are data.
import type { BleedingRisk } from './blood-thinner-rules';

export type SpinalRegion = 'CERVICAL' | 'THORACIC' | 'LUMBAR' | 'SACRAL';

/** Procedures whose site is fixed whatever the levels say. */
const FIXED_REGIONS: Record<string, readonly SpinalRegion[]> = {
  CAUDAL_EPIDURAL: ['SACRAL'],
  SI_JOINT_INJECTION: ['SACRAL'],
};

const LEVEL = /\b([CTLS])\s*([1-9]|1[0-2])\b/gi;
const REGION_OF: Record<string, SpinalRegion> = { C: 'CERVICAL', T: 'THORACIC', L: 'LUMBAR', S: 'SACRAL' };

/**
 * The spinal regions named in a levels string such as "C5/6", "L4-S1", "C7/T1" or "left L5": each vertebra
 * written as a letter and a number. A bare "5/6" after a letter belongs to the same region. Empty when the
 * levels name no vertebra (or none were recorded).
 */
export function spinalRegions(procedureCode: string, levels: string | null | undefined): SpinalRegion[] {
  const fixed = FIXED_REGIONS[procedureCode];
  if (fixed) return [...fixed];
  const found = new Set<SpinalRegion>();
  for (const match of (levels ?? '').matchAll(LEVEL)) {
    const letter = match[1]!.toUpperCase();
    const number = Number(match[2]);
    // C1-C8 (C8 is a nerve root), T1-T12, L1-L5, S1-S5: anything else is not a level.
    const max = { C: 8, T: 12, L: 5, S: 5 }[letter]!;
    if (number <= max) found.add(REGION_OF[letter]!);
  }
  const order: SpinalRegion[] = ['CERVICAL', 'THORACIC', 'LUMBAR', 'SACRAL'];
  return order.filter((region) => found.has(region));
}

export function isCervical(procedureCode: string, levels: string | null | undefined): boolean {
  return spinalRegions(procedureCode, levels).includes('CERVICAL');
}

export type ProcedureRiskFacts = { code: string; bleedingRisk: BleedingRisk; cervicalBleedingRisk: BleedingRisk | null };

const RANK: Record<BleedingRisk, number> = { LOW: 0, INTERMEDIATE: 1, HIGH: 2 };

/**
 * The category the blood-thinner proposal uses for this request. A cervical level takes the type's cervical
 * category; a request that names no level keeps the type's own category (the higher one is never guessed
 * away: where a type's cervical category is higher, unknown levels are treated as cervical).
 */
export function procedureBleedingRisk(type: ProcedureRiskFacts, levels: string | null | undefined): BleedingRisk {
  const cervical = type.cervicalBleedingRisk;
  if (!cervical) return type.bleedingRisk;
  const regions = spinalRegions(type.code, levels);
  if (regions.includes('CERVICAL') || regions.length === 0) {
    return RANK[cervical] > RANK[type.bleedingRisk] ? cervical : type.bleedingRisk;
  }
  return type.bleedingRisk;
}
