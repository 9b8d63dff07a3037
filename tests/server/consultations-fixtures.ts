// Shared set-up for the consultation, referral and clinic server tests: a fixed clock, signed-in staff, and
// calls to the real route loaders and actions.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, vi } from 'vitest';
import { getPrisma } from '~/db.server';
import type { Role } from '~/generated/prisma/enums';
import { createClinicWithSlots, createConsultation, createReferral, dbDate } from '../factories';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

/**
 * Fixes the clock (only Date: timers still run) for every test in the file, so routes that pass `new Date()`
 * see the same day whenever the tests run. 2027-03-22 is a Monday, the week before the spring clock change.
 */
export function useFixedClock(iso = '2027-03-22T10:00:00.000Z') {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Moves the fixed clock (inside a test). */
export function setClock(iso: string) {
  vi.setSystemTime(new Date(iso));
}

export async function signedIn(role: Role) {
  const staff = await staffWithPassword(role);
  return { staff, cookie: await signInCookie(staff.email, staff.password) };
}

/** The request as the server sees it, with the client address the audit trail records. */
export function fromAddress(request: Request, ip = '192.0.2.10'): Request {
  const headers = new Headers(request.headers);
  headers.set('x-paindesk-client-ip', ip);
  return new Request(request, { headers });
}

export type Reply = { status: number; location: string | null; body: Record<string, unknown> | null };

/** Runs a route action with a form POST and returns status, redirect target and JSON body. */
export async function post(
  action: (args: never) => Promise<unknown>,
  path: string,
  fields: Record<string, string | string[]>,
  cookie: string,
  params: Record<string, string> = {},
): Promise<Reply> {
  const response = await respond(() => action(routeArgs(fromAddress(formRequest(path, fields, cookie)), params) as never));
  const text = await response.text();
  let body: Record<string, unknown> | null = null;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  return { status: response.status, location: response.headers.get('Location'), body };
}

/** Runs a route loader with a GET and returns its status and JSON data. */
export async function load<T = Record<string, unknown>>(
  loader: (args: never) => Promise<unknown>,
  path: string,
  cookie: string,
  params: Record<string, string> = {},
): Promise<{ status: number; data: T; location: string | null }> {
  const response = await respond(() => loader(routeArgs(fromAddress(getRequest(path, cookie)), params) as never));
  const text = await response.text();
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch {
    data = text;
  }
  return { status: response.status, data: data as T, location: response.headers.get('Location') };
}

export const newKey = () => randomUUID();

/** The appointment id from a booking's redirect (/consultations/<id>?...). */
export function appointmentIdFrom(location: string | null): string {
  const match = /^\/consultations\/([^/?]+)/.exec(location ?? '');
  if (!match) throw new Error(`not a consultation redirect: ${location}`);
  return match[1];
}

export async function prisma() {
  return getPrisma();
}

/** A consultation at 09:00 on Monday 22 March 2027 in the doctor's clinic, whose call was answered at 09:01: ready for an outcome. */
export async function answeredConsultation(doctorId: string) {
  const db = await getPrisma();
  const clinic = await createClinicWithSlots(db, { clinicianId: doctorId, date: '2027-03-22', startTime: '09:00', endTime: '10:00', slotMinutes: 20 });
  const referral = await createReferral(db, { receivedOn: dbDate('2027-01-04'), clockStartOn: dbDate('2027-01-04') });
  const appointment = await createConsultation(db, { slotId: clinic.slots[0].id, referralId: referral.id });
  await db.callAttempt.create({ data: { appointmentId: appointment.id, result: 'ANSWERED', at: new Date('2027-03-22T09:01:00Z'), byId: doctorId } });
  return { appointment, referral };
}
