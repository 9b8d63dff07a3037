// Staff accounts, managed by admins (ADR 15): add a member of staff, change their name, role and GMC number,
// deactivate and reactivate, unlock after too many wrong passwords, issue a one-time password-reset link.
// Every change is in the audit trail; a change that would leave no active admin is refused.
import { randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '~/audit/audit.server';
import { hashPassword } from '~/auth/password.server';
import { resetLinkExpiry } from '~/auth/password-reset';
import { hashToken, revokeSessions } from '~/auth/session.server';
import { isViolationOf } from '~/db/constraint-violation.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';
import type { Role } from '~/generated/prisma/enums';
import type { NewStaff, StaffDetails } from './staff-form';

type AdminActor = { id: string; role: Role };

const staffSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  gmcNumber: true,
  active: true,
  lastSignInAt: true,
  failedSignInCount: true,
  lockedUntil: true,
  createdAt: true,
} as const;

export type StaffMember = Prisma.StaffUserGetPayload<{ select: typeof staffSelect }>;

export async function getStaffMember(id: string): Promise<StaffMember> {
  const prisma = await getPrisma();
  const member = await prisma.staffUser.findUnique({ where: { id }, select: staffSelect });
  if (!member) throw new DomainError('NOT_FOUND', 'There is no member of staff with this link.');
  return member;
}

const LAST_ADMIN_MESSAGE =
  'This is the last active administrator: PainDesk needs at least one. Make another member of staff an administrator first.';

/**
 * Refuses a change that takes `userId` out of the active admins when no other active admin would remain.
 * The active admins' rows are locked first, so two admins demoting each other at once cannot both succeed.
 */
async function keepAnAdmin(tx: Prisma.TransactionClient, userId: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "StaffUser" WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
  if (admins.some((a) => a.id === userId) && admins.length <= 1) throw new DomainError('LAST_ADMIN', LAST_ADMIN_MESSAGE);
}

export type IssuedLink = { userId: string; token: string; expiresAt: Date };

async function issueLink(tx: Prisma.TransactionClient, userId: string, admin: AdminActor, now: Date): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  // A new link replaces any earlier one that was not used.
  await tx.passwordReset.deleteMany({ where: { userId, usedAt: null } });
  const expiresAt = resetLinkExpiry(now);
  await tx.passwordReset.create({
    data: { tokenHash: hashToken(token), userId, issuedById: admin.id, createdAt: now, expiresAt },
    select: { id: true },
  });
  return { userId, token, expiresAt };
}

/**
 * Adds a member of staff. They get no password from the admin: the answer is a one-time link (shown to the admin
 * once, never stored) where they set their own.
 */
export async function createStaffMember(value: NewStaff, admin: AdminActor, ipAddress: string | null, now = new Date()): Promise<IssuedLink> {
  const prisma = await getPrisma();
  // Nobody knows this password: the account is usable only once its owner sets one from the link.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.staffUser.create({
        data: {
          name: value.name,
          email: value.email,
          role: value.role,
          gmcNumber: value.role === 'DOCTOR' ? (value.gmcNumber ?? null) : null,
          passwordHash,
        },
        select: { id: true },
      });
      const actor: Actor = admin;
      await recordAudit(tx, { actor, action: 'staff.create', entityType: 'StaffUser', entityId: user.id, ipAddress, details: { role: value.role } });
      const link = await issueLink(tx, user.id, admin, now);
      await recordAudit(tx, { actor, action: 'staff.password-reset-issued', entityType: 'StaffUser', entityId: user.id, ipAddress });
      return link;
    });
  } catch (error) {
    if (isViolationOf(error, 'StaffUser_email_key')) {
      throw new DomainError('DUPLICATE_STAFF_EMAIL', 'A member of staff already has this email address', {
        email: ['A member of staff already has this email address'],
      });
    }
    throw error;
  }
}

/** Changes name, role and GMC number. A role change ends the person's sessions, so the new role applies at once. */
export async function updateStaffDetails(userId: string, value: StaffDetails, admin: AdminActor, ipAddress: string | null) {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const before = await tx.staffUser.findUnique({ where: { id: userId }, select: { role: true, name: true, gmcNumber: true } });
    if (!before) throw new DomainError('NOT_FOUND', 'There is no member of staff with this link.');
    const roleChanged = before.role !== value.role;
    if (roleChanged && before.role === 'ADMIN') await keepAnAdmin(tx, userId);
    const gmcNumber = value.role === 'DOCTOR' ? (value.gmcNumber ?? null) : null;
    await tx.staffUser.update({ where: { id: userId }, data: { name: value.name, role: value.role, gmcNumber }, select: { id: true } });
    if (roleChanged) {
      const sessionsEnded = await revokeSessions(tx, userId);
      await recordAudit(tx, {
        actor: admin,
        action: 'staff.role-change',
        entityType: 'StaffUser',
        entityId: userId,
        ipAddress,
        details: { from: before.role, to: value.role, sessionsEnded },
      });
    }
    if (before.name !== value.name || before.gmcNumber !== gmcNumber) {
      await recordAudit(tx, {
        actor: admin,
        action: 'staff.update',
        entityType: 'StaffUser',
        entityId: userId,
        ipAddress,
        details: { fields: [before.name !== value.name ? 'name' : null, before.gmcNumber !== gmcNumber ? 'gmcNumber' : null].filter((f) => f !== null) },
      });
    }
  });
}

/** Deactivates (signing them out everywhere, and withdrawing any unused reset link) or reactivates. */
export async function setStaffActive(userId: string, active: boolean, admin: AdminActor, ipAddress: string | null) {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const before = await tx.staffUser.findUnique({ where: { id: userId }, select: { active: true, role: true } });
    if (!before) throw new DomainError('NOT_FOUND', 'There is no member of staff with this link.');
    if (before.active === active) return;
    if (!active && before.role === 'ADMIN') await keepAnAdmin(tx, userId);
    await tx.staffUser.update({ where: { id: userId }, data: { active }, select: { id: true } });
    let sessionsEnded = 0;
    if (!active) {
      sessionsEnded = await revokeSessions(tx, userId);
      await tx.passwordReset.deleteMany({ where: { userId, usedAt: null } });
    }
    await recordAudit(tx, {
      actor: admin,
      action: active ? 'staff.reactivate' : 'staff.deactivate',
      entityType: 'StaffUser',
      entityId: userId,
      ipAddress,
      details: active ? undefined : { sessionsEnded },
    });
  });
}

/** Lifts a lock after too many wrong passwords and clears the count. */
export async function unlockStaffMember(userId: string, admin: AdminActor, ipAddress: string | null) {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.staffUser.updateMany({ where: { id: userId }, data: { failedSignInCount: 0, lockedUntil: null } });
    if (count === 0) throw new DomainError('NOT_FOUND', 'There is no member of staff with this link.');
    await recordAudit(tx, { actor: admin, action: 'staff.unlock', entityType: 'StaffUser', entityId: userId, ipAddress });
  });
}

/** A new one-time link for the person to set a password (forgotten, or never set). */
export async function issuePasswordReset(userId: string, admin: AdminActor, ipAddress: string | null, now = new Date()): Promise<IssuedLink> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const user = await tx.staffUser.findUnique({ where: { id: userId }, select: { active: true } });
    if (!user) throw new DomainError('NOT_FOUND', 'There is no member of staff with this link.');
    if (!user.active) throw new DomainError('INVALID_INPUT', 'Reactivate this member of staff before issuing a password link.');
    const link = await issueLink(tx, userId, admin, now);
    await recordAudit(tx, { actor: admin, action: 'staff.password-reset-issued', entityType: 'StaffUser', entityId: userId, ipAddress });
    return link;
  });
}
