// A real SMTP server on 127.0.0.1 for tests (smtp-server), keeping every message it accepted, parsed with
// mailparser. It can refuse recipients or data for a while, or be stopped and started again on the same port.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { envelopeTo: string[]; raw: Buffer; parsed: ParsedMail };

export type SmtpTestServer = {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Refuse at RCPT TO (temporary 451) for the next `count` messages, or until set to 0. */
  refuseRecipients(count: number): void;
  /** Refuse after DATA (temporary 451) for the next `count` messages. */
  refuseData(count: number): void;
  refusedSoFar(): number;
  stop(): Promise<void>;
  /** Starts again on the same port after stop(). */
  restart(): Promise<void>;
};

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpTestServer(port = 0): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  let refuseRcpt = 0;
  let refuseData = 0;
  let refused = 0;
  let server: SMTPServer;

  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (refuseRcpt > 0) {
          refuseRcpt -= 1;
          refused += 1;
          return callback(smtpError('Mailbox temporarily unavailable', 451));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (refuseData > 0) {
            refuseData -= 1;
            refused += 1;
            return callback(smtpError('Try again later', 451));
          }
          const raw = Buffer.concat(chunks);
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          simpleParser(raw)
            .then((parsed) => {
              received.push({ envelopeTo, raw, parsed });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });

  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server = make();
      server.on('error', () => undefined);
      const s = (server as unknown as { server: import('node:net').Server }).server;
      s.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });

  const actualPort = await listen(port);
  const handle: SmtpTestServer = {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    received,
    refuseRecipients: (count) => {
      refuseRcpt = count;
    },
    refuseData: (count) => {
      refuseData = count;
    },
    refusedSoFar: () => refused,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: async () => {
      await listen(actualPort);
    },
  };
  return handle;
}
