// Setting a password: a member of staff changing their own (current password required), or anyone with a one-time
// reset link an admin issued. Both apply the password rules, end the person's other sessions and are audited.
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { isCommonPassword } from './common-passwords.server';
import { RESET_LINK_NOT_VALID_MESSAGE } from './password-reset';
import { passwordProblem } from './password-rules';
import { hashPassword, verifyPassword } from './password.server';
import { actorOf, hashToken, revokeSessions, type CurrentUser } from './session.server';
import { passwordChecks } from './sign-in.server';
import { SemaphoreBusy } from './semaphore';
import { BUSY_MESSAGE } from './sign-in-policy';

function checkRules(password: string, email: string) {
  const problem = passwordProblem(password, email, isCommonPassword);
  if (problem) throw new DomainError('INVALID_INPUT', problem, { newPassword: [problem] });
}

async function checkCurrentPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await passwordChecks.run(() => verifyPassword(password, hash));
  } catch (error) {
    if (error instanceof SemaphoreBusy) throw new DomainError('INVALID_INPUT', BUSY_MESSAGE);
    throw error;
  }
}

/** Changes the signed-in person's password; their other sessions end, this one goes on. */
export async function changeOwnPassword(
  user: CurrentUser,
  value: { currentPassword: string; newPassword: string },
  ipAddress: string | null,
) {
  const prisma = await getPrisma();
  const account = await prisma.staffUser.findUnique({ where: { id: user.id }, select: { passwordHash: true, email: true } });
  if (!account) throw new DomainError('NOT_FOUND', 'Your account was not found.');
  if (!(await checkCurrentPassword(value.currentPassword, account.passwordHash))) {
    await recordAudit(prisma, {
      actor: actorOf(user),
      action: 'staff.password-change-failed',
      entityType: 'StaffUser',
      entityId: user.id,
      ipAddress,
      details: { reason: 'wrong-current-password' },
    });
    throw new DomainError('INVALID_INPUT', 'Your current password is not correct', { currentPassword: ['Your current password is not correct'] });
  }
  checkRules(value.newPassword, account.email);
  const passwordHash = await hashPassword(value.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: user.id }, data: { passwordHash, failedSignInCount: 0, lockedUntil: null }, select: { id: true } });
    const sessionsEnded = await revokeSessions(tx, user.id, user.sessionId);
    await recordAudit(tx, {
      actor: actorOf(user),
      action: 'staff.password-change',
      entityType: 'StaffUser',
      entityId: user.id,
      ipAddress,
      details: { otherSessionsEnded: sessionsEnded },
    });
  });
}

/** The person a reset link is for, if the link is unused, unexpired and their account active; otherwise null. */
export async function findPasswordReset(token: string, now = new Date()) {
  if (token.length === 0 || token.length > 100) return null;
  const prisma = await getPrisma();
  const reset = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, name: true, email: true, role: true, active: true } } },
  });
  if (!reset || reset.usedAt !== null || reset.expiresAt <= now || !reset.user.active) return null;
  return { resetId: reset.id, user: { id: reset.user.id, name: reset.user.name, email: reset.user.email, role: reset.user.role } };
}

/**
 * Sets a new password from a reset link. The link is spent by a conditional update, so it works once even when
 * submitted twice at the same moment; every session of the person ends, and any lock is lifted.
 */
export async function usePasswordReset(token: string, newPassword: string, ipAddress: string | null, now = new Date()) {
  const found = await findPasswordReset(token, now);
  if (!found) throw new DomainError('RESET_LINK_NOT_VALID', RESET_LINK_NOT_VALID_MESSAGE);
  checkRules(newPassword, found.user.email);
  const passwordHash = await hashPassword(newPassword);
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({
      where: { id: found.resetId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw new DomainError('RESET_LINK_NOT_VALID', RESET_LINK_NOT_VALID_MESSAGE);
    await tx.staffUser.update({
      where: { id: found.user.id },
      data: { passwordHash, failedSignInCount: 0, lockedUntil: null },
      select: { id: true },
    });
    const sessionsEnded = await revokeSessions(tx, found.user.id);
    await recordAudit(tx, {
      // The person the link was for: only they should have it.
      actor: { id: found.user.id, role: found.user.role },
      action: 'staff.password-reset-used',
      entityType: 'StaffUser',
      entityId: found.user.id,
      ipAddress,
      details: { sessionsEnded },
    });
  });
  return found.user;
}
