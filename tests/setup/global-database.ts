import type { TestProject } from 'vitest/node';
import { dropTemplate, prepareTemplate, testEngine } from './test-databases';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const engine = testEngine();
  const handle = await prepareTemplate(engine);
  project.provide('testDatabaseTemplate', handle);
  return async () => {
    await dropTemplate(engine, handle);
  };
}
