export { createApp } from './app';
export { type Config, ConfigError, loadConfig, parseConfig } from './config';
export { type Database, openDatabase } from './db/database';
export type { AppEnv, AppServices, Principal, Scope } from './env';
export { createLogger } from './logger';
export { createServer, listen, type SigmaxServer } from './server';
