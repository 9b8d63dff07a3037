// What each role sees and may do. Pure: used by the layout (navigation) and by the guards.
import type { Role } from '~/generated/prisma/enums';

export type NavItem = { href: string; label: string };

const NAVIGATION: Record<Role, NavItem[]> = {
  CLERK: [
    { href: '/', label: 'Home' },
    { href: '/patients', label: 'Patients' },
    { href: '/patients/new', label: 'Add patient' },
  ],
  DOCTOR: [
    { href: '/', label: 'Home' },
    { href: '/patients', label: 'Patients' },
  ],
  ADMIN: [
    { href: '/', label: 'Home' },
    { href: '/patients', label: 'Patients' },
    { href: '/admin', label: 'Staff and sites' },
    { href: '/admin/audit', label: 'Audit trail' },
  ],
};

export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION[role];
}

export const ROLE_LABEL: Record<Role, string> = {
  CLERK: 'Booking clerk',
  DOCTOR: 'Doctor',
  ADMIN: 'Administrator',
};
