export { AuditTab } from './AuditTab';
export { useAudit, type UseAudit } from './useAudit';
