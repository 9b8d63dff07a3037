// How an email leaves PainDesk. With SMTP_URL set, nodemailer hands it to that SMTP server; without it (the
// embedded default) each message is written as an .eml file into MAIL_DIR, and staff read them in the
// in-app mailbox, so the demo works end to end with no mail server.
// Errors carry a code only: nodemailer's own messages can quote addresses, which must not reach a log.
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import nodemailer from 'nodemailer';
import { getEnv } from '~/env.server';

export type OutgoingAttachment = { filename: string; contentType: string; content: Buffer };

export type OutgoingEmail = {
  /** The outbox row id: names the .eml file and makes a stable Message-ID, so a repeat is recognisable. */
  outboxId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: OutgoingAttachment[];
};

export type MailTransport = {
  kind: 'smtp' | 'mail-dir';
  /** Resolves once the server (or the mail folder) has accepted the message. */
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
  close(): void;
};

/**
 * A failed hand-over. `code` names the kind of failure (e.g. SMTP_ECONNECTION, NOTIFY_HTTP_400) and is what
 * the outbox records; `permanent` means retrying cannot help (the worker fails the message at once).
 */
export class SendFailure extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(`sending failed: ${code}`);
    this.name = 'SendFailure';
  }
}

export type MailConfig = {
  /** smtp:// or smtps:// URL; null writes .eml files to mailDir instead. */
  smtpUrl: string | null;
  from: string;
  mailDir: string;
};

/** The address part of a From header, e.g. no-reply@paindesk.invalid. */
export function fromAddress(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match ? match[1] : from).trim();
}

function messageIdFor(outboxId: string, from: string): string {
  const domain = fromAddress(from).split('@')[1] || 'paindesk.invalid';
  return `<${outboxId}@${domain}>`;
}

function mailOptions(email: OutgoingEmail, from: string) {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: messageIdFor(email.outboxId, from),
    attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  };
}

/** A safe code for a nodemailer error: its code and SMTP response code, never its message. */
export function smtpFailureCode(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown };
  const code = typeof e?.code === 'string' && /^[A-Z_]+$/.test(e.code) ? e.code : 'ERROR';
  const response = typeof e?.responseCode === 'number' ? `_${e.responseCode}` : '';
  return `SMTP_${code}${response}`;
}

export function createSmtpTransport(config: { smtpUrl: string; from: string }): MailTransport {
  const transporter = nodemailer.createTransport({
    url: config.smtpUrl,
    // Well inside the worker's claim lease, so a slow server fails the attempt rather than outliving the claim.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    kind: 'smtp',
    async send(email) {
      try {
        const info = await transporter.sendMail(mailOptions(email, config.from));
        return { providerMessageId: String(info.messageId ?? messageIdFor(email.outboxId, config.from)) };
      } catch (error) {
        throw new SendFailure(smtpFailureCode(error), false);
      }
    },
    close() {
      transporter.close();
    },
  };
}

const MAILBOX_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Writes each message as <outbox id>.eml into mailDir; a retry of the same message replaces its file. */
export function createMailDirTransport(config: { mailDir: string; from: string }): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'mail-dir',
    async send(email) {
      if (!MAILBOX_ID.test(email.outboxId)) throw new SendFailure('MAILDIR_BAD_ID', true);
      try {
        const info = await transporter.sendMail(mailOptions(email, config.from));
        await fs.mkdir(config.mailDir, { recursive: true });
        const file = path.join(config.mailDir, `${email.outboxId}.eml`);
        const partial = `${file}.${process.pid}.partial`;
        await fs.writeFile(partial, info.message as Buffer);
        await fs.rename(partial, file);
        return { providerMessageId: String(info.messageId) };
      } catch (error) {
        const code = (error as { code?: unknown })?.code;
        throw new SendFailure(`MAILDIR_${typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'ERROR'}`, false);
      }
    },
    close() {
      transporter.close();
    },
  };
}

/** The transport the environment asks for (SMTP_URL, MAIL_FROM, MAIL_DIR). */
export function mailConfigFromEnv(): MailConfig {
  const env = getEnv();
  return { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, mailDir: env.MAIL_DIR };
}

export function createMailTransport(config: MailConfig = mailConfigFromEnv()): MailTransport {
  return config.smtpUrl ? createSmtpTransport({ smtpUrl: config.smtpUrl, from: config.from }) : createMailDirTransport(config);
}

// ---------------------------------------------------------------------------------------------
// The in-app mailbox: the .eml files written when no SMTP server is configured
// ---------------------------------------------------------------------------------------------

export type MailboxSummary = { id: string; subject: string; to: string; date: Date | null; attachmentNames: string[] };

export type MailboxMessage = MailboxSummary & {
  from: string;
  text: string;
  /** The HTML body as sent. Show it sandboxed (e.g. an iframe with sandbox and srcdoc), never inline. */
  html: string | null;
  attachments: { filename: string; contentType: string; size: number }[];
};

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((v) => v.text).join(', ');
}

async function parseFile(dir: string, id: string): Promise<MailboxMessage | null> {
  let raw: Buffer;
  try {
    raw = await fs.readFile(path.join(dir, `${id}.eml`));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = await simpleParser(raw);
  const attachments = parsed.attachments.map((a) => ({
    filename: a.filename ?? 'attachment',
    contentType: a.contentType,
    size: a.size ?? a.content.length,
  }));
  return {
    id,
    subject: parsed.subject ?? '',
    to: addressText(parsed.to),
    from: addressText(parsed.from),
    date: parsed.date ?? null,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments,
    attachmentNames: attachments.map((a) => a.filename),
  };
}

/** Messages in the mail folder, newest first. An absent folder is an empty mailbox. */
export async function listMailbox(options: { mailDir?: string; limit?: number } = {}): Promise<MailboxSummary[]> {
  const mailDir = options.mailDir ?? getEnv().MAIL_DIR;
  let names: string[];
  try {
    names = await fs.readdir(mailDir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  const ids = names.filter((n) => n.endsWith('.eml')).map((n) => n.slice(0, -4)).filter((id) => MAILBOX_ID.test(id));
  // Newest files first, and only as many as are shown are parsed (each may carry PDFs).
  const stamped: { id: string; mtime: number }[] = [];
  for (const id of ids) {
    try {
      stamped.push({ id, mtime: (await fs.stat(path.join(mailDir, `${id}.eml`))).mtimeMs });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
  }
  stamped.sort((a, b) => b.mtime - a.mtime || b.id.localeCompare(a.id));
  const messages: MailboxSummary[] = [];
  for (const { id } of stamped.slice(0, options.limit ?? 200)) {
    const message = await parseFile(mailDir, id);
    if (message) messages.push({ id, subject: message.subject, to: message.to, date: message.date, attachmentNames: message.attachmentNames });
  }
  return messages;
}

/** One message by id (the outbox row id), or null if there is no such file. */
export async function readMailboxMessage(id: string, mailDir: string = getEnv().MAIL_DIR): Promise<MailboxMessage | null> {
  if (!MAILBOX_ID.test(id)) return null;
  return parseFile(mailDir, id);
}

/** The bytes of one attachment (by position), for a download link in the mailbox. */
export async function readMailboxAttachment(
  id: string,
  index: number,
  mailDir: string = getEnv().MAIL_DIR,
): Promise<{ filename: string; contentType: string; content: Buffer } | null> {
  if (!MAILBOX_ID.test(id) || !Number.isInteger(index) || index < 0) return null;
  let raw: Buffer;
  try {
    raw = await fs.readFile(path.join(mailDir, `${id}.eml`));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
  const attachment = (await simpleParser(raw)).attachments[index];
  if (!attachment) return null;
  return { filename: attachment.filename ?? 'attachment', contentType: attachment.contentType, content: attachment.content };
}
