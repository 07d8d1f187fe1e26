/** The log field and value send-digest writes when a draft waits past digest:reviewAlarmAfter; the review alarm's metric filter counts it. */
export const REVIEW_OVERDUE_LOG_FIELD = { name: 'reviewOverdue', value: 'draft-waiting' } as const;
