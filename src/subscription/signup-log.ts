/**
 * The field and value of the `signup` line the subscribe endpoint logs (at ERROR) when a confirmation
 * could not be sent, whatever the SES failure; the stack's `SignupSendFailedAlarm` counts it.
 */
export const SIGNUP_SEND_FAILED_LOG_FIELD = { name: 'outcome', value: 'send-failed' } as const;
