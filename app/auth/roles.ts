// What each role sees and may do. Pure: used by the layout (navigation) and by the guards.
import type { Role } from '~/generated/prisma/enums';

export type NavItem = { href: string; label: string };

const NAVIGATION: Record<Role, NavItem[]> = {
  CLERK: [
    { href: '/', label: 'Home' },
    { href: '/patients', label: 'Patients' },
    { href: '/referrals/new', label: 'New referral' },
    { href: '/consultations', label: 'Consultations' },
    { href: '/procedures', label: 'Waiting list' },
    { href: '/lists', label: 'Procedure lists' },
    // The calls promised in leaflets about blood thinners and diabetes medicines (rule 10).
    { href: '/medicine-plans', label: 'Medicine plans' },
    { href: '/messages', label: 'Messages' },
  ],
  DOCTOR: [
    { href: '/', label: 'Home' },
    { href: '/my-clinic', label: 'My clinic' },
    { href: '/patients', label: 'Patients' },
    { href: '/medicine-plans', label: 'Medicine plans' },
    // Doctors approve the leaflet parts patients read (rule 10).
    { href: '/admin/leaflets', label: 'Leaflets' },
  ],
  ADMIN: [
    { href: '/', label: 'Home' },
    { href: '/patients', label: 'Patients' },
    { href: '/admin', label: 'Staff and sites' },
    { href: '/admin/templates', label: 'Templates' },
    { href: '/admin/blood-thinner-rules', label: 'Blood thinner rules' },
    { href: '/admin/leaflets', label: 'Leaflets' },
    { href: '/admin/settings', label: 'Unit settings' },
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
