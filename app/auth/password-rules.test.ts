import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './common-passwords.server';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-rules';

const never = () => false;

describe('password rules', () => {
  it('needs 12 to 200 characters', () => {
    expect(passwordProblem('a'.repeat(11), 'a@nhs.net', never)).toMatch(/at least 12/);
    expect(passwordProblem('river tulip lamp', 'a@nhs.net', never)).toBeNull();
    expect(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH), 'a@nhs.net', never)).toBeNull();
    expect(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH + 1), 'a@nhs.net', never)).toMatch(/at most 200/);
  });

  it('refuses the email address, whatever its case', () => {
    expect(passwordProblem('J.Smith@NHS.net', 'j.smith@nhs.net', never)).toMatch(/email address/);
  });

  it('refuses a password on the common list, whatever its case', () => {
    expect(passwordProblem('Password1234', 'a@nhs.net', (p) => p.toLowerCase() === 'password1234')).toMatch(/commonly used/);
  });
});

describe('the shipped common-password list', () => {
  it('holds well-known long passwords, compared case-insensitively', () => {
    expect(isCommonPassword('1qaz2wsx3edc')).toBe(true);
    expect(isCommonPassword('1QAZ2WSX3EDC')).toBe(true);
    expect(isCommonPassword('123456789012')).toBe(true);
    expect(passwordProblem('Qwertyuiop123', 'a@nhs.net', isCommonPassword)).toMatch(/commonly used/);
  });

  it('does not refuse an unusual passphrase', () => {
    expect(isCommonPassword('plum kettle orbit 47 violin')).toBe(false);
  });
});
