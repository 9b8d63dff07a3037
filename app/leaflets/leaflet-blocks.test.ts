import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownToBlocks } from './leaflet-blocks';

describe('markdownToBlocks', () => {
  it('keeps bold as runs, and the plain reading as text', () => {
    const [list, paragraph] = markdownToBlocks('- **When:** Thursday 1 April 2027\n- plain item\n\nCall **us** now.');
    expect(list).toEqual({
      kind: 'list',
      items: ['When: Thursday 1 April 2027', 'plain item'],
      itemRuns: [
        [
          { text: 'When:', strong: true },
          { text: ' Thursday 1 April 2027', strong: false },
        ],
        [{ text: 'plain item', strong: false }],
      ],
    });
    expect(paragraph).toEqual({
      kind: 'paragraph',
      text: 'Call us now.',
      runs: [
        { text: 'Call ', strong: false },
        { text: 'us', strong: true },
        { text: ' now.', strong: false },
      ],
    });
  });

  it('folds soft line breaks into spaces and keeps headings by level', () => {
    expect(markdownToBlocks('## Why we offer it\n\nFirst line\nsecond line')).toEqual([
      { kind: 'heading', level: 2, text: 'Why we offer it' },
      { kind: 'paragraph', text: 'First line second line', runs: [{ text: 'First line second line', strong: false }] },
    ]);
  });

  it('never turns a value into markup: escaped names and HTML stay literal', () => {
    const name = escapeMarkdown('O*Neil_<b>');
    expect(markdownToBlocks(`Dear **${name}**`)).toEqual([
      { kind: 'paragraph', text: 'Dear O*Neil_<b>', runs: [{ text: 'Dear ', strong: false }, { text: 'O*Neil_<b>', strong: true }] },
    ]);
  });
});
