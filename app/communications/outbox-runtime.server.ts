// Starts the outbox worker from the environment: inside the web server (`npm start`, unless
// WORKER_ENABLED=false) or as its own process (`npm run worker`). Email goes over SMTP_URL, or into MAIL_DIR
// as .eml files; text messages go to Notify, or outside production to the stand-in the entry point passes in.
import { getDatabase } from '~/db.server';
import { getEnv } from '~/env.server';
import { generateLeafletDocuments } from '~/leaflets/leaflet-documents.server';
import { createMailTransport, mailConfigFromEnv } from '~/communications/mail-transport.server';
import { createSmsTransport, type SmsTransport } from '~/communications/sms-notify.server';
import { createOutboxWorker, type OutboxWorker } from '~/communications/worker.server';

export type RunningOutboxWorker = {
  worker: OutboxWorker;
  /** One line for the start-up log, naming where email and text messages go (no secrets). */
  description: string;
  stop(): Promise<void>;
};

export async function startOutboxWorker(options: { smsStandIn?: () => Promise<SmsTransport> } = {}): Promise<RunningOutboxWorker> {
  const env = getEnv();
  const db = await getDatabase();
  const mail = createMailTransport(mailConfigFromEnv());
  const sms = await createSmsTransport(env, options.smsStandIn);
  const worker = createOutboxWorker({ db, mail, sms, leaflets: generateLeafletDocuments, mailFrom: env.MAIL_FROM });
  worker.start({ pollMs: env.WORKER_POLL_MS });
  const emailTo = mail.kind === 'smtp' ? 'the SMTP server in SMTP_URL' : `.eml files in ${env.MAIL_DIR} (the in-app mailbox)`;
  const smsTo = sms.kind === 'notify-stand-in' ? 'the built-in Notify stand-in (no texts leave this machine)' : 'GOV.UK Notify';
  return {
    worker,
    description: `Outbox worker ${worker.workerId} started: email to ${emailTo}; text messages to ${smsTo}; polling every ${env.WORKER_POLL_MS} ms.`,
    stop: async () => {
      await worker.stop();
      mail.close();
      sms.close();
    },
  };
}
