/** The log field and value send-digest writes when a draft waits past digest:reviewAlarmAfter; the review alarm's metric filter counts it. */
export const REVIEW_OVERDUE_LOG_FIELD = { name: 'reviewOverdue', value: 'draft-waiting' } as const;

/** The log field and value send-digest writes when the review check queues the send of a stuck approval again; the stuck-approval alarm counts it. */
export const APPROVAL_STUCK_LOG_FIELD = { name: 'reviewStuck', value: 'approved-not-sending' } as const;
