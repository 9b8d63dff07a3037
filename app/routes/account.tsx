// The layout of the /account pages (your account, second factor, recovery codes): one narrow column. It has no
// loader: each page guards itself (every signed-in role, ROUTE_ACCESS).
import { Outlet } from '@remix-run/react';
import { TwoThirds } from '~/components/page-parts';

export default function AccountArea() {
  return (
    <TwoThirds>
      <Outlet />
    </TwoThirds>
  );
}
