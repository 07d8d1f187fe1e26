const DAYS: Record<string, string> = {
  SUN: 'Sunday',
  MON: 'Monday',
  TUE: 'Tuesday',
  WED: 'Wednesday',
  THU: 'Thursday',
  FRI: 'Friday',
  SAT: 'Saturday',
  '1': 'Sunday',
  '2': 'Monday',
  '3': 'Tuesday',
  '4': 'Wednesday',
  '5': 'Thursday',
  '6': 'Friday',
  '7': 'Saturday',
};

/**
 * Says in words when editions go out, from the six EventBridge cron fields and the IANA zone:
 * `0 8 ? * MON *` in Europe/Berlin is "every Monday at 08:00 (Europe/Berlin time)". A schedule it cannot
 * put simply is "on its regular schedule".
 */
export function describeSchedule(cron: string, timeZone: string): string {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.trim().split(/\s+/);
  const at =
    /^\d{1,2}$/.test(minute ?? '') && /^\d{1,2}$/.test(hour ?? '')
      ? `at ${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')} (${timeZone} time)`
      : undefined;
  if (!at || month !== '*') return 'on its regular schedule';
  if (dayOfMonth === '?' && dayOfWeek) {
    const days = dayOfWeek.split(',').map((d) => DAYS[d.toUpperCase()]);
    if (days.every((d): d is string => d !== undefined)) {
      const list = days.length === 1 ? days[0] : `${days.slice(0, -1).join(', ')} and ${days.at(-1)}`;
      return `every ${list} ${at}`;
    }
    if (dayOfWeek === '*') return `every day ${at}`;
  }
  if (dayOfWeek === '?' && dayOfMonth === '*') return `every day ${at}`;
  if (dayOfWeek === '?' && /^\d{1,2}$/.test(dayOfMonth ?? ''))
    return `on day ${dayOfMonth} of every month ${at}`;
  return 'on its regular schedule';
}
