// Which roles must use a second factor: a unit setting, but administrators always must (docs/decisions/0016).
// Pure and browser-safe: the settings form and the server share it.
import type { Role } from '~/generated/prisma/enums';

export const STAFF_ROLES = ['CLERK', 'DOCTOR', 'ADMIN'] as const satisfies readonly Role[];

/** Roles that need a second factor whatever the setting says. */
export const ALWAYS_SECOND_FACTOR: readonly Role[] = ['ADMIN'];

/** The roles in a stable order, without repeats, always with ADMIN. */
export function withRequiredRoles(roles: readonly Role[]): Role[] {
  const chosen = new Set<Role>([...roles, ...ALWAYS_SECOND_FACTOR]);
  return STAFF_ROLES.filter((role) => chosen.has(role));
}
