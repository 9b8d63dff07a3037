import type { TestProject } from 'vitest/node';
import { startApp } from './app-server';

declare module 'vitest' {
  export interface ProvidedContext {
    appBaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('appBaseUrl', app.baseUrl);
  return async () => {
    await app.stop();
  };
}
