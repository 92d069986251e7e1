// End-to-end journey through the real app in a real browser:
// register, browse, pick three seats, book, find the booking, cancel it.
//
//   BASE_URL=http://127.0.0.1:8000 node tests/e2e/journey.mjs
//
// CHROMIUM overrides the browser path; SCREENSHOT_DIR, when set, receives
// dashboard.png, seat-map.png and failure.png (only on failure).

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// playwright-core is a dev dependency of the frontend package.
const require = createRequire(
  new URL('../../frontend/package.json', import.meta.url),
);
const { chromium } = require('playwright-core');

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8000').replace(
  /\/$/,
  '',
);
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '';
const STEP_TIMEOUT = 20_000;
const MAX_LIST_PAGES = 5;

let stepNumber = 0;

function step(text) {
  stepNumber += 1;
  console.log(`step ${stepNumber}: ${text}`);
}

function fail(message) {
  throw new Error(message);
}

async function screenshot(page, name) {
  if (!SCREENSHOT_DIR) return;

  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const path = join(SCREENSHOT_DIR, name);

  await page.screenshot({ path, fullPage: false });
  console.log(`  saved ${path}`);
}

function uniqueUsername() {
  const time = Date.now().toString(36);
  const random = Math.random().toString(36).slice(2, 8);

  return `e2e_${time}_${random}`;
}

/** Performance links on the current dashboard page with their seats left. */
async function candidatesOnPage(page) {
  return page.$$eval('tr.performances__row', (rows) =>
    rows.map((row) => {
      const link = row.querySelector('.performances__title a');
      const seatsCell = row.querySelector('td[data-label="Seats left"]');
      const text = seatsCell ? seatsCell.textContent || '' : '';
      const match = /^[\s]*([\d,]+)/.exec(text);

      return {
        href: link ? link.getAttribute('href') : null,
        title: link ? (link.textContent || '').trim() : '',
        seats: /sold out/i.test(text)
          ? 0
          : match
            ? Number(match[1].replace(/,/g, ''))
            : 0,
      };
    }),
  );
}

async function openBookablePerformance(page) {
  for (let listPage = 1; listPage <= MAX_LIST_PAGES; listPage += 1) {
    await page.goto(`${BASE_URL}/${listPage > 1 ? `?page=${listPage}` : ''}`);
    await page.waitForSelector('tr.performances__row, .state', {
      timeout: STEP_TIMEOUT,
    });

    const rows = await candidatesOnPage(page);

    if (rows.length === 0) break;

    for (const candidate of rows) {
      if (!candidate.href || candidate.seats < 3) continue;

      await page.goto(`${BASE_URL}${candidate.href}`);
      await page.waitForSelector('.seat-map, .state--error', {
        timeout: STEP_TIMEOUT,
      });

      const available = page.locator(
        'svg [role="checkbox"][aria-checked="false"]:not([aria-disabled="true"])',
      );

      if ((await available.count()) >= 3) return candidate;

      console.log(`  skipping "${candidate.title}": not bookable`);
    }
  }

  return fail('no performance on sale with at least 3 available seats');
}

async function run(page) {
  const username = uniqueUsername();
  const password = `pw-${Math.random().toString(36).slice(2)}-long`;
  const displayName = `E2E ${username.slice(-6)}`;

  step(`register a new user ${username}`);
  await page.goto(`${BASE_URL}/register`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.test`);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${BASE_URL}/`, { timeout: STEP_TIMEOUT });
  await page
    .locator('.site-header__name', { hasText: displayName })
    .waitFor({ timeout: STEP_TIMEOUT });

  step('open the dashboard and see upcoming performances');
  await page.waitForSelector('tr.performances__row', { timeout: STEP_TIMEOUT });

  const rows = await page.locator('tr.performances__row').count();

  if (rows === 0) fail('the dashboard shows no performances');
  console.log(`  ${rows} performances listed`);
  await screenshot(page, 'dashboard.png');

  step('open the first performance on sale with at least 3 seats');
  const chosen = await openBookablePerformance(page);

  console.log(`  opened "${chosen.title}" (${chosen.href})`);

  step('select three available seats');
  const map = page.getByRole('group', { name: 'Seat map' });

  for (let picked = 0; picked < 3; picked += 1) {
    const seat = map
      .locator(
        '[role="checkbox"][aria-checked="false"]:not([aria-disabled="true"])',
      )
      .first();
    const label = await seat.getAttribute('aria-label');

    await seat.scrollIntoViewIfNeeded();
    await seat.click();
    console.log(`  picked ${label}`);
  }

  const bookButton = page.getByRole('button', { name: 'Book 3 seats' });

  await bookButton.waitFor({ timeout: STEP_TIMEOUT });

  const total = await page.getByTestId('selection-total').textContent();

  console.log(`  total ${total}`);
  await screenshot(page, 'seat-map.png');

  step('book the seats and see the confirmation');
  await bookButton.click();
  await page.waitForURL(/\/bookings\/\d+$/, { timeout: STEP_TIMEOUT });
  await page
    .getByRole('heading', { name: 'Booking confirmed' })
    .waitFor({ timeout: STEP_TIMEOUT });

  const bookingId = page.url().match(/\/bookings\/(\d+)$/)[1];
  const seatRows = await page.locator('.booking-seats tbody tr').count();

  if (seatRows !== 3) fail(`the confirmation lists ${seatRows} seats, not 3`);
  console.log(`  booking #${bookingId} confirmed with 3 seats`);

  step('go to My bookings and find the booking');
  await page.getByRole('link', { name: 'My bookings' }).first().click();
  await page.waitForURL(`${BASE_URL}/bookings`, { timeout: STEP_TIMEOUT });

  const card = page.locator(`article[data-booking-id="${bookingId}"]`);

  await card.waitFor({ timeout: STEP_TIMEOUT });
  await card.getByText('Confirmed').waitFor({ timeout: STEP_TIMEOUT });

  step('cancel the booking after confirming');
  await card.getByRole('button', { name: 'Cancel booking' }).click();
  await card.getByRole('button', { name: 'Yes, cancel booking' }).click();

  step('see the booking cancelled');
  await card.getByText('Cancelled', { exact: true }).waitFor({
    timeout: STEP_TIMEOUT,
  });

  await page.reload();
  await page
    .locator(`article[data-booking-id="${bookingId}"]`)
    .getByText('Cancelled', { exact: true })
    .waitFor({ timeout: STEP_TIMEOUT });
  console.log('  still cancelled after a reload');
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();

  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (error) =>
    console.error(`  page error: ${error.message}`),
  );

  try {
    await run(page);
    console.log('journey passed');
    return 0;
  } catch (error) {
    console.error(`journey FAILED at step ${stepNumber}: ${error.message}`);
    console.error(`  page: ${page.url()}`);

    try {
      await screenshot(page, 'failure.png');
    } catch (shotError) {
      console.error(`  could not save a screenshot: ${shotError.message}`);
    }

    return 1;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`journey FAILED before it started: ${error.message}`);
    process.exit(1);
  },
);
