// Staff passwords are stored as bcrypt hashes (bcryptjs: pure JavaScript, nothing to compile).
import bcrypt from 'bcryptjs';

const COST = 12;

export function hashPassword(password: string, cost = COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** The published demo password. Refused when NODE_ENV=production (see env.server.ts and the seed). */
export const DEMO_PASSWORD = 'paindesk-demo';
