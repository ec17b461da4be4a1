import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * Headless Chromium for the browser tests, found without downloading anything:
 * 1. CHROMIUM_PATH, when set (a local Chrome on a Mac, for one);
 * 2. the system's Chromium (Debian's `chromium` package), when installed;
 * 3. otherwise the Chromium that the npm package @sparticuz/chromium ships inside its tarball
 *    (Linux x64/arm64), unpacked to /tmp on first use.
 * MAILLAGE_BROWSER=npm skips 1 and 2, so CI proves the fresh-machine path.
 */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * @sparticuz/chromium's own flags are for a serverless function, not a test browser: three of them
 * (--disable-web-security, --allow-running-insecure-content, --disable-site-isolation-trials) switch
 * off CORS and mixed-content checks, so cross-origin, CSP and widget tests would pass for the wrong
 * reason, and --single-process brings the whole browser down when a test closes its context. Its
 * binary runs with the same quiet flags as the system's Chromium.
 */

/** Flags for a closed network: no background connection attempts that this machine refuses. */
const QUIET_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface BrowserChoice { executablePath: string; args: string[]; origin: 'env' | 'system' | 'npm' }

export async function findChromium(): Promise<BrowserChoice> {
  const forceNpm = process.env.MAILLAGE_BROWSER === 'npm';
  if (!forceNpm && process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
    return { executablePath: process.env.CHROMIUM_PATH, args: QUIET_FLAGS, origin: 'env' };
  }
  const system = forceNpm ? undefined : SYSTEM_CHROMIUM.find((candidate) => existsSync(candidate));
  if (system) return { executablePath: system, args: QUIET_FLAGS, origin: 'system' };
  if (process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch)) {
    throw new Error('No Chromium found: set CHROMIUM_PATH to a Chrome or Chromium binary (the npm-shipped one is for Linux x64/arm64 only)');
  }
  const { default: sparticuz } = await import('@sparticuz/chromium');
  const executablePath = await sparticuz.executablePath();
  return { executablePath, args: QUIET_FLAGS, origin: 'npm' };
}

/**
 * Launches headless Chromium (no user-data-dir: Playwright gives every browser a new empty profile).
 * Jest runs test files in parallel, and @sparticuz/chromium unpacks its binary to /tmp on first use:
 * a second file that finds the binary while the first is still writing it gets ETXTBSY, so it waits
 * and tries again.
 */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = await findChromium();
  for (let attempt = 1; ; attempt++) {
    try {
      return await playwright.launch({ executablePath, args, headless: true });
    } catch (error) {
      if (attempt >= 10 || !String(error).includes('ETXTBSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
