import MarkdownIt from 'markdown-it';

// A deliberately small block structure: the PDF renderer lays these out without knowing Markdown.
// `text` is the plain reading; `runs` keeps bold (Markdown **strong**) for the printed page.
export type TextRun = { text: string; strong: boolean };

export type LeafletBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string; runs: TextRun[] }
  | { kind: 'list'; items: string[]; itemRuns: TextRun[][] };

// html off: patient-supplied values must never become markup.
const md = new MarkdownIt('commonmark', { html: false });

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

function inlineRuns(token: Token): TextRun[] {
  // Bold survives as a run; italics and code are shown as plain text.
  const runs: TextRun[] = [];
  let strong = 0;
  for (const child of token.children ?? []) {
    if (child.type === 'strong_open') strong++;
    else if (child.type === 'strong_close') strong--;
    const text =
      child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : '';
    if (text === '') continue;
    const last = runs[runs.length - 1];
    if (last && last.strong === strong > 0) last.text += text;
    else runs.push({ text, strong: strong > 0 });
  }
  // Collapse white space across runs, then trim the ends.
  for (const run of runs) run.text = run.text.replace(/\s+/g, ' ');
  if (runs[0]) runs[0].text = runs[0].text.trimStart();
  if (runs.length > 0) runs[runs.length - 1]!.text = runs[runs.length - 1]!.text.trimEnd();
  return runs.filter((run) => run.text !== '');
}

function plain(runs: TextRun[]): string {
  return runs.map((run) => run.text).join('').replace(/\s+/g, ' ');
}

export function markdownToBlocks(markdown: string): LeafletBlock[] {
  const tokens = md.parse(markdown, {});
  const blocks: LeafletBlock[] = [];
  let list: TextRun[][] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') list = [];
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') {
      if (list && list.length > 0) blocks.push({ kind: 'list', items: list.map(plain), itemRuns: list });
      list = null;
    } else if (token.type === 'heading_open') {
      blocks.push({ kind: 'heading', level: Number(token.tag.slice(1)), text: plain(inlineRuns(tokens[i + 1]!)) });
      i++;
    } else if (token.type === 'inline') {
      const runs = inlineRuns(token);
      if (runs.length === 0) continue;
      if (list) list.push(runs);
      else blocks.push({ kind: 'paragraph', text: plain(runs), runs });
    }
  }
  return blocks;
}

/** Escapes Markdown syntax in a value placed into a template, so a name like "O*Neil" stays literal. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_[\]<>#|!~]/g, (char) => `\\${char}`);
}
