// Patient data never goes into logs. Error messages from the data layer can quote the values that
// failed (Prisma prints query arguments), so we log an error's name, code and stack frames only.

export function describeErrorSafely(error: unknown): string {
  if (!(error instanceof Error)) return `non-Error thrown (${typeof error})`;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .slice(0, 12)
    .join('\n');
  return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}\n${frames}`;
}

/**
 * A request as a log may show it: the method and the path, with each route parameter's value replaced by its
 * name (`/patients/:patientId`), so a name or number typed into a URL never reaches a log. Never the query
 * string (searches hold names and NHS numbers) and never the body.
 */
export function describeRequestSafely(request: Request, params: Record<string, string | undefined> = {}): string {
  let pathname: string;
  try {
    pathname = new URL(request.url).pathname;
  } catch {
    return `${request.method} (unreadable URL)`;
  }
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    if (value) names.set(value, name === '*' ? ':splat' : `:${name}`);
  }
  const segments = pathname.split('/').map((segment) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return ':unreadable';
    }
    return names.get(decoded) ?? segment;
  });
  // A splat parameter spans several segments: replace it as a whole.
  let path = segments.join('/');
  const splat = params['*'];
  if (splat && path.includes(splat)) path = path.replace(splat, ':splat');
  return `${request.method} ${path}`;
}
