// What a staff password must be (ADR 15). Pure and browser-safe: the common-password list itself is server-only
// (common-passwords.server.ts) and passed in, so the browser checks length and the server checks everything.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a good password. Not your email address, and not a commonly used password.`;

/** Why the password cannot be used, or null. `isCommon` compares case-insensitively. */
export function passwordProblem(password: string, email: string, isCommon: (password: string) => boolean): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Enter a password of at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'Your password must not be your email address';
  if (isCommon(password)) return 'That password is commonly used and easy to guess: choose a different one';
  return null;
}
