export {
  type AuditEntry,
  AuditLog,
  type AuditLogOptions,
  type AuditRecord,
  type AuditVerification,
  auditEntryBody,
  entryHash,
  GENESIS_HASH,
  scrubDetails,
} from './audit-log';
export { subscribeSystemEvents } from './system-events';
