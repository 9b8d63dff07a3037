import { describe, expect, it } from 'vitest';
import { addressProblem, anyDisallowedCharacter, hasDisallowedCharacter } from './hostile-input';

describe('disallowed characters', () => {
  it('refuses NUL and the other C0 controls, but not tab, line feed or carriage return', () => {
    for (let code = 0; code < 0x20; code++) {
      const allowed = code === 0x09 || code === 0x0a || code === 0x0d;
      expect(hasDisallowedCharacter(`a${String.fromCharCode(code)}b`), `U+${code.toString(16)}`).toBe(!allowed);
    }
    expect(hasDisallowedCharacter('Zoë 漢字 😀 <script> ../ %00 \u007f')).toBe(false);
  });

  it('checks names as well as values', () => {
    expect(anyDisallowedCharacter([['ok', 'fine'], ['x\u0000', 'v']])).toBe(true);
    expect(anyDisallowedCharacter([['ok', 'fine\r\n']])).toBe(false);
  });
});

describe('addressProblem', () => {
  it.each([
    ['/patients?q=a%00b', 'disallowed-character'],
    ['/patients/%00', 'disallowed-character'],
    ['/patients/%E0%A4%A', 'bad-encoding'],
    ['/patients/%', 'bad-encoding'],
    ['/patients?q=%E0%A4%A', null],
    ['/patients?q=Zo%C3%AB', null],
    ['/patients?q=a%0Ab', null],
    ['/', null],
  ])('%s: %s', (target, expected) => {
    expect(addressProblem(target)).toBe(expected);
  });
});
