import type { TestProject } from 'vitest/node';
import { startApp } from './app-server';

declare module 'vitest' {
  export interface ProvidedContext {
    appBaseUrl: string;
    /** Where the app keeps emails as .eml files (its in-app mailbox). */
    appMailDir: string;
  }
}

export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('appBaseUrl', app.baseUrl);
  project.provide('appMailDir', app.mailDir);
  return async () => {
    await app.stop();
  };
}
