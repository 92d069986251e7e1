// Discovery in a real browser: search from the header (accents and typos,
// filters in the URL, the back button, an empty result), a profile change,
// and the leaderboard.
//
//   BASE_URL=http://127.0.0.1:8000 node tests/e2e/discovery.mjs
//
// CHROMIUM overrides the browser path; SCREENSHOT_DIR, when set, receives
// discovery-failure.png on failure.

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

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

let stepNumber = 0;

function step(text) {
  stepNumber += 1;
  console.log(`step ${stepNumber}: ${text}`);
}

function fail(message) {
  throw new Error(message);
}

async function searchFromHeader(page, text) {
  const box = page.getByRole('searchbox', { name: /search shows/i });

  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL(
    (url) => url.pathname === '/search' && url.searchParams.get('q') === text,
  );
}

// The results on screen can still be the previous search's for a moment
// after the URL changes, so wait until they satisfy `expected` (10 s).
async function titlesWhen(page, expected) {
  const deadline = Date.now() + 10000;
  let titles = await resultTitles(page);

  while (!expected(titles) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    titles = await resultTitles(page);
  }

  return titles;
}

async function resultTitles(page) {
  // Earlier results stay on screen, marked busy, while a new search runs.
  await page
    .locator(
      'section[aria-label="Search results"]:not([aria-busy]), .state--empty',
    )
    .first()
    .waitFor();

  return page.locator('.search-results__title').allTextContents();
}

async function run(page) {
  const username = `disc_${Date.now().toString(36)}`;
  const password = `pw-${Math.random().toString(36).slice(2)}-long`;

  step(`register ${username}`);
  await page.goto(`${BASE_URL}/register`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.test`);
  await page.getByLabel('Display name').fill('Discovery Tester');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${BASE_URL}/`);

  step('search "boheme" from the header finds La bohème');
  await searchFromHeader(page, 'boheme');
  let titles = await titlesWhen(page, (found) => found.includes('La bohème'));

  if (!titles.includes('La bohème')) fail(`boheme found ${titles}`);
  console.log(`  ${titles.length} results, first "${titles[0]}"`);

  step('a typo, "Hamlte", still finds Hamlet');
  await searchFromHeader(page, 'Hamlte');
  titles = await titlesWhen(
    page,
    (found) => found.length > 0 && found.every((title) => title === 'Hamlet'),
  );

  if (titles.length === 0 || titles.some((title) => title !== 'Hamlet')) {
    fail(`Hamlte found ${titles}`);
  }

  step('a filter goes into the URL');
  await page.getByLabel('Time of day').selectOption('evening');
  await page
    .locator('form.search-form')
    .getByRole('button', { name: 'Search', exact: true })
    .click();
  await page.waitForURL(
    (url) => url.searchParams.get('time_of_day') === 'evening',
  );

  step('the back button returns to the search before the filter');
  await page.goBack();
  await page.waitForURL((url) => !url.searchParams.has('time_of_day'));
  // The form follows the URL on the next render, so give it a moment.
  const settled = Date.now() + 5000;
  while ((await page.getByLabel('Time of day').inputValue()) !== '') {
    if (Date.now() > settled) {
      fail('the time of day filter survived the back button');
    }
    await page.waitForTimeout(50);
  }

  step('a search for nothing explains itself and offers to widen it');
  await page.goto(`${BASE_URL}/search?q=qqqzzzxx&group_size=10`);
  await page.getByText('Nothing matches this search').waitFor();
  await page
    .getByRole('button', { name: 'Search again without filters' })
    .click();
  await page.waitForURL((url) => !url.searchParams.has('group_size'));

  step('change the display name on the profile page');
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByLabel('Display name').fill('Renamed Tester');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByText('Your details are up to date.').waitFor();
  await page
    .locator('.site-header__name', { hasText: 'Renamed Tester' })
    .waitFor();

  step('the leaderboard shows display names only');
  await page.getByRole('link', { name: 'Leaderboard' }).click();
  await page.getByRole('button', { name: 'All time' }).click();
  await page.waitForURL((url) => url.searchParams.get('period') === 'all_time');
  await page.locator('table.data-table tbody tr').first().waitFor();
  const board = await page.locator('table.data-table').innerText();

  if (/@/.test(board)) fail('the leaderboard shows an email address');
  if (!/You are not on this board/.test(await page.content())) {
    fail('a user without bookings should be told why they are not listed');
  }
  console.log(
    `  ${await page.locator('table.data-table tbody tr').count()} rows`,
  );
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 } })
  ).newPage();

  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (error) =>
    console.error(`  page error: ${error.message}`),
  );

  try {
    await run(page);
    console.log('discovery passed');
    return 0;
  } catch (error) {
    console.error(`discovery FAILED at step ${stepNumber}: ${error.message}`);
    console.error(`  page: ${page.url()}`);
    if (SCREENSHOT_DIR) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page
        .screenshot({ path: join(SCREENSHOT_DIR, 'discovery-failure.png') })
        .catch(() => {});
    }
    return 1;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`discovery FAILED before it started: ${error.message}`);
    process.exit(1);
  },
);
