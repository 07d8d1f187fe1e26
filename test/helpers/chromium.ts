import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The Debian package's Chromium, which `.ci/run` installs. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without Chromium they are skipped loudly, unless
 * DIGEST_REQUIRE_SYSTEM_TOOLS=1 (CI), where its absence is a failure.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['DIGEST_REQUIRE_SYSTEM_TOOLS'] === '1')
    throw new Error(`${CHROMIUM} is missing and DIGEST_REQUIRE_SYSTEM_TOOLS=1: apt-get install chromium`);
  console.warn(
    `\n*** SKIPPING the ${what} browser test: ${CHROMIUM} is missing (apt-get install chromium) ***\n`,
  );
  return false;
}

/** Headless Chromium with nothing running in the background that could disturb a test or a timing. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
