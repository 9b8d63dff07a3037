// An administrator resets a member of staff's lost second factor (docs/decisions/0016). The staff pages can
// offer it as a button posting to /admin/staff/:staffId/reset-second-factor.
import { recordAudit } from '~/audit/audit.server';
import { DomainError } from '~/errors';
import type { PrismaClient } from '~/generated/prisma/client';
import type { Role } from '~/generated/prisma/enums';

type AccountActor = { id: string; role: Role };

/**
 * Removes a member of staff's second factor and recovery codes and ends their sessions and pending sign-ins,
 * so they set up a new one at their next sign-in (if their role needs one). Not for one's own account.
 */
export async function resetSecondFactor(prisma: PrismaClient, admin: AccountActor, staffId: string, ipAddress: string | null) {
  if (admin.role !== 'ADMIN') throw new DomainError('FORBIDDEN', 'Only an administrator can reset a second factor');
  if (admin.id === staffId) {
    throw new DomainError('FORBIDDEN', 'You cannot reset your own second factor. Ask another administrator.');
  }
  return prisma.$transaction(async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { id: true } });
    if (!staff) throw new DomainError('NOT_FOUND', 'There is no such member of staff');
    const hadFactor = (await tx.secondFactor.deleteMany({ where: { userId: staffId } })).count > 0;
    const recoveryCodes = (await tx.recoveryCode.deleteMany({ where: { userId: staffId } })).count;
    const sessions = (await tx.session.deleteMany({ where: { userId: staffId } })).count;
    await tx.pendingSignIn.deleteMany({ where: { userId: staffId } });
    await recordAudit(tx, {
      actor: admin,
      action: 'second-factor.reset',
      entityType: 'StaffUser',
      entityId: staffId,
      ipAddress,
      details: { hadSecondFactor: hadFactor, recoveryCodesRemoved: recoveryCodes, sessionsEnded: sessions },
    });
    return { hadSecondFactor: hadFactor, sessionsEnded: sessions };
  });
}

/** Name and state for the reset page. */
export async function getStaffSecondFactor(prisma: PrismaClient, staffId: string) {
  const staff = await prisma.staffUser.findUnique({
    where: { id: staffId },
    select: { id: true, name: true, email: true, role: true, secondFactor: { select: { confirmedAt: true } } },
  });
  if (!staff) return null;
  return { id: staff.id, name: staff.name, email: staff.email, role: staff.role, enrolledAt: staff.secondFactor?.confirmedAt ?? null };
}
