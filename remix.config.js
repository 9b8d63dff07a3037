/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // The generated Prisma client is TypeScript under app/; bundle it with the server build.
  serverDependenciesToBundle: [],
  future: {},
};
