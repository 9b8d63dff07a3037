// Shared set-up for the leaflet server tests: a procedure booking at Maidstone (the site with the suite) with
// the patient facts a leaflet depends on, and the plain text of a built or rendered leaflet.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getPrisma } from '~/db.server';
import type { CommunicationNeed, DiabetesStatus, Side } from '~/generated/prisma/enums';
import type { LeafletDocument } from '~/leaflets/leaflet-model';
import type { ProcedureCode } from '~/scheduling/reference-data';
import {
  approveCurrentLeafletParts,
  createPatient,
  createPatientMedicine,
  createProcedureBooking,
  createProcedureList,
  createProcedureRequest,
  createSite,
  createStaff,
} from '../factories';

export async function maidstone() {
  const prisma = await getPrisma();
  return (await prisma.site.findUnique({ where: { code: 'MAIDSTONE' } })) ?? createSite(prisma, { code: 'MAIDSTONE' });
}

export type BookingOptions = {
  firstName?: string;
  lastName?: string;
  needs?: CommunicationNeed[];
  diabetes?: DiabetesStatus;
  medicines?: string[];
  allergies?: { kind: 'IODINE_CONTRAST' | 'LATEX' | 'LOCAL_ANAESTHETIC' | 'STEROID' | 'ANTISEPTIC' | 'OTHER'; detail?: string }[];
  procedureCode?: ProcedureCode;
  side?: Side;
  levels?: string;
  sedation?: boolean;
  /** Local date of the list, yyyy-MM-dd (default Thursday 1 April 2027, in BST). */
  date?: string;
  startTime?: string;
  /** Approve the current leaflet parts first (default), as a unit's doctors would have before any leaflet goes. */
  approved?: boolean;
};

/** A booked procedure case on a Maidstone morning list, with the patient's medicines and allergies. */
export async function leafletBooking(options: BookingOptions = {}) {
  const prisma = await getPrisma();
  if (options.approved !== false) await approveCurrentLeafletParts(prisma);
  const site = await maidstone();
  const patient = await createPatient(prisma, {
    firstName: options.firstName ?? 'Agnieszka',
    lastName: options.lastName ?? 'Dąbrowska',
    communicationNeeds: options.needs ?? [],
    diabetes: options.diabetes ?? 'NONE',
  });
  for (const name of options.medicines ?? []) await createPatientMedicine(prisma, { patientId: patient.id, genericName: name });
  for (const allergy of options.allergies ?? []) {
    await prisma.patientAllergy.create({ data: { patientId: patient.id, kind: allergy.kind, detail: allergy.detail ?? null } });
  }
  const list = await createProcedureList(prisma, {
    siteId: site.id,
    date: options.date ?? '2027-04-01',
    startTime: options.startTime ?? '09:00',
    endTime: '12:30',
    modality: 'XRAY',
  });
  const request = await createProcedureRequest(prisma, {
    patientId: patient.id,
    procedureCode: options.procedureCode ?? 'FACET_JOINT_INJECTION',
    guidance: 'XRAY',
    side: options.side ?? 'LEFT',
    levels: options.levels ?? 'L4/5',
    sedation: options.sedation ?? false,
  });
  const appointment = await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: request.id });
  return { patient, list, request, appointment, site };
}

/** A blood-thinner plan for the booking's request; confirmed by `doctorName` unless `confirmed` is false. */
export async function bloodThinnerPlan(
  requestId: string,
  genericName: string,
  plan: { action?: 'STOP' | 'CONTINUE' | 'SHARED_DECISION'; stopBeforeHours?: number | null; restartAfterHours?: number | null; confirmed?: boolean; doctorName?: string },
) {
  const prisma = await getPrisma();
  const medicine = await prisma.medicine.findUniqueOrThrow({ where: { genericName } });
  const confirmed = plan.confirmed ?? true;
  const doctor = confirmed ? await createStaff(prisma, { role: 'DOCTOR', name: plan.doctorName ?? 'Dr Imogen Hale' }) : null;
  return prisma.bloodThinnerPlan.create({
    data: {
      procedureRequestId: requestId,
      medicineId: medicine.id,
      action: plan.action ?? 'STOP',
      stopBeforeHours: plan.stopBeforeHours === undefined ? 72 : plan.stopBeforeHours,
      restartAfterHours: plan.restartAfterHours === undefined ? 24 : plan.restartAfterHours,
      confirmedById: doctor?.id ?? null,
      confirmedAt: confirmed ? new Date('2027-03-20T10:00:00.000Z') : null,
    },
  });
}

/** The words of a built leaflet, one block per line (list items on their own lines). */
export function leafletText(document: LeafletDocument): string {
  return document.sections
    .flatMap((s) => [s.heading, ...s.blocks.map((b) => (b.kind === 'list' ? b.items.join('\n') : b.text))])
    .join('\n');
}

/** The text of a PDF as poppler's pdftotext reads it, with runs of white space made single spaces. */
export function pdfText(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-leaflet-'));
  try {
    const file = path.join(dir, 'leaflet.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
