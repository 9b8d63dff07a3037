import MarkdownIt from 'markdown-it';

// A deliberately small block structure: the PDF renderer lays these out without knowing Markdown.
export type LeafletBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] };

// html off: patient-supplied values must never become markup.
const md = new MarkdownIt('commonmark', { html: false });

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

function inlineText(token: Token): string {
  // Emphasis is dropped: the renderer shows plain text, and headings carry the structure.
  return (token.children ?? [])
    .map((child: Token) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
      return '';
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function markdownToBlocks(markdown: string): LeafletBlock[] {
  const tokens = md.parse(markdown, {});
  const blocks: LeafletBlock[] = [];
  let list: string[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') list = [];
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') {
      if (list && list.length > 0) blocks.push({ kind: 'list', items: list });
      list = null;
    } else if (token.type === 'heading_open') {
      blocks.push({ kind: 'heading', level: Number(token.tag.slice(1)), text: inlineText(tokens[i + 1]!) });
      i++;
    } else if (token.type === 'inline') {
      const value = inlineText(token);
      if (value === '') continue;
      if (list) list.push(value);
      else blocks.push({ kind: 'paragraph', text: value });
    }
  }
  return blocks;
}

/** Escapes Markdown syntax in a value placed into a template, so a name like "O*Neil" stays literal. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_[\]<>#|!~]/g, (char) => `\\${char}`);
}
