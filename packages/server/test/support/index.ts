export {
  createScratchDatabase,
  postgresReachable,
  restartableStorage,
  testDrivers,
  testPostgresUrl,
} from './databases';
export { SpecValidator } from './spec-validator';
export { startTestServer, TEST_ADMIN_KEY, type TestServer } from './test-server';
