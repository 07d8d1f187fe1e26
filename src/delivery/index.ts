// The delivery domain: the send loop, its ports and rules. No AWS imports here.
export { digestMessages } from './digest-messages.js';
export { canClaim, DEFAULT_LEASE_MS, isLiveClaim, ledgerKey, unclaimableReason } from './ledger-rules.js';
export { MemorySendLedger } from './memory-send-ledger.js';
export type * from './ports.js';
export {
  newRunId,
  type PreparedMessage,
  type SendEvent,
  type SendJob,
  type SendOptions,
  type SendRecipient,
  sendDigest,
} from './send-digest.js';
export { failureKind, SendFailure, type SendFailureKind } from './send-failure.js';
export { formatReport, type ReportEntry, reportSucceeded, type SendReport } from './send-report.js';
export { TokenBucket } from './token-bucket.js';
