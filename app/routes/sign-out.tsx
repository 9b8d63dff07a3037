import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { endSession } from '~/auth/session.server';

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endSession(request);
  return redirect('/sign-in?signedOut=1', { headers: { 'Set-Cookie': cookie } });
}

export async function loader() {
  // Signing out changes state, so it is a POST (the button in the header); a GET just goes home.
  return redirect('/');
}
