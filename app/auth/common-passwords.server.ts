// The common-password list the password rules refuse (common-passwords.txt, from SecLists: see
// common-passwords.LICENSE.txt). Only entries of 12+ characters are kept: shorter ones fail the length rule anyway.
// Server-only (.server) so the 640 KB list never reaches the browser bundle; read once, on first use.
import { readFileSync } from 'node:fs';
import path from 'node:path';

let list: Set<string> | undefined;

function commonPasswords(): Set<string> {
  list ??= new Set(
    readFileSync(path.resolve(process.cwd(), 'app', 'auth', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0),
  );
  return list;
}

/** True if the password, ignoring case, is on the list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}
