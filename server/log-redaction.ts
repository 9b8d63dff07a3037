// A last line of defence for the server's output (docs/decisions/0017): our own log lines never hold a query
// string, a body or an error message (see ~/utils/safe-log), but libraries print too: React Router warns
// `No routes matched location "/patientz?q=Smith"` outside production, and a library may print an Error whose
// message quotes the values that failed. Everything printed through console passes this filter: a URL's query
// string is replaced by "?[query removed]", the path of an unmatched location is left out, and an Error is printed as its name, code and stack frames only.
import { format } from 'node:util';
import { describeErrorSafely } from '~/utils/safe-log';

const QUERY = /(\/[^\s"'`?#<>]*)\?[^\s"'`<>]*/g;

/** React Router's warning for a 404 quotes the whole location, and a path may be whatever the client typed. */
const UNMATCHED = /No routes matched location "[^"]*"/g;

export function redactLogText(text: string): string {
  return text.replace(UNMATCHED, 'No routes matched location "[not logged]"').replace(QUERY, '$1?[query removed]');
}

/** The console arguments as the one line that will be printed, redacted. */
export function redactLogArguments(args: unknown[]): string {
  const safe = args.map((arg) => (arg instanceof Error ? describeErrorSafely(arg) : arg));
  return redactLogText(format(...safe));
}

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Routes console.log/info/warn/error/debug of this process through the filter. Returns a function that undoes it. */
export function installLogRedaction(target: Pick<Console, (typeof METHODS)[number]> = console): () => void {
  const originals = METHODS.map((method) => [method, target[method]] as const);
  for (const [method, original] of originals) {
    target[method] = (...args: unknown[]) => original.call(target, redactLogArguments(args));
  }
  return () => {
    for (const [method, original] of originals) target[method] = original;
  };
}
