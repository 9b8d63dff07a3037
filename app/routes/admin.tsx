// The layout of every /admin page (Remix flat routes: admin.*.tsx render inside it; admin.x_.y.tsx files still
// do, only not inside admin.x). It has no loader: each page guards itself with its own roles (ROUTE_ACCESS).
import { Outlet } from '@remix-run/react';
import { AdminShell } from '~/components/admin-shell';

export default function AdminArea() {
  return (
    <AdminShell>
      <Outlet />
    </AdminShell>
  );
}
