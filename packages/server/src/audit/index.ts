export {
  type AuditEntry,
  AuditLog,
  type AuditRecord,
  type AuditVerification,
  entryHash,
  GENESIS_HASH,
} from './audit-log';
