// Read once at start so health and the OpenAPI document report the deployed version.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION: string = (require('../package.json') as { version: string }).version;
