// Staff passwords are stored as bcrypt hashes (bcryptjs: pure JavaScript, nothing to compile).
import bcrypt from 'bcryptjs';

const COST = 12;

export function hashPassword(password: string, cost = COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

export { DEMO_PASSWORD } from './demo-password';
