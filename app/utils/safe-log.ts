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
