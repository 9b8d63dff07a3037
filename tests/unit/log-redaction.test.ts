// What the server prints passes one filter: no query strings, no unmatched paths, no error messages.
import { describe, expect, it } from 'vitest';
import { installLogRedaction, redactLogArguments, redactLogText } from '../../server/log-redaction';

describe('log redaction', () => {
  it('removes query strings from anything that looks like a path or URL, and keeps the rest of the line', () => {
    expect(redactLogText('GET /patients?q=Smith&nhs=9990000018 took 3 ms')).toBe('GET /patients?[query removed] took 3 ms');
    expect(redactLogText('fetch failed: http://127.0.0.1:3000/patients/new?_data=routes%2Fpatients.new')).toBe(
      'fetch failed: http://127.0.0.1:3000/patients/new?[query removed]',
    );
    expect(redactLogText('Outbox worker started; polling every 5000 ms.')).toBe('Outbox worker started; polling every 5000 ms.');
  });

  it("drops the location from React Router's warning for an unmatched URL (a typed path may hold a name)", () => {
    expect(redactLogText('No routes matched location "/Smith?q=Jones" ')).toBe('No routes matched location "[not logged]" ');
  });

  it('prints an Error as its name, code and frames, never its message; format strings still work', () => {
    const error = Object.assign(new Error('duplicate key (nhsNumber)=(9990000018) for Dąbrowska'), { code: 'P2002' });
    const line = redactLogArguments(['failed %s (%d)', 'GET /x?q=Dąbrowska', 500, error]);
    expect(line).toMatch(/^failed GET \/x\?\[query removed\] \(500\) Error \[P2002\]\n    at /);
    expect(line).not.toContain('9990000018');
    expect(line).not.toContain('Dąbrowska');
  });

  it('filters every console method it is installed on, and can be undone', () => {
    const printed: string[] = [];
    const target = {
      log: (...a: unknown[]) => void printed.push(`log ${a.join(' ')}`),
      info: (...a: unknown[]) => void printed.push(`info ${a.join(' ')}`),
      warn: (...a: unknown[]) => void printed.push(`warn ${a.join(' ')}`),
      error: (...a: unknown[]) => void printed.push(`error ${a.join(' ')}`),
      debug: (...a: unknown[]) => void printed.push(`debug ${a.join(' ')}`),
    };
    const undo = installLogRedaction(target);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) target[method]('/p?q=Smith');
    undo();
    target.log('/p?q=Smith');
    expect(printed).toEqual([
      'log /p?[query removed]',
      'info /p?[query removed]',
      'warn /p?[query removed]',
      'error /p?[query removed]',
      'debug /p?[query removed]',
      'log /p?q=Smith',
    ]);
  });
});
