// Two visitors in two browser contexts watch one seat map: one finds two
// seats together and books them; the other must see the seats turn held,
// then booked, within a second of each answer, without reloading.
//
//   BASE_URL=http://127.0.0.1:8000 node tests/e2e/live_seats.mjs
//
// CHROMIUM overrides the browser path.

import { createRequire } from 'node:module';

// playwright-core is a dev dependency of the frontend package.
const require = createRequire(
  new URL('../../frontend/package.json', import.meta.url),
);
const { chromium } = require('playwright-core');

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8000').replace(
  /\/$/,
  '',
);
const STEP_TIMEOUT = 20_000;
const PUSH_LIMIT_MS = 1_000;

function step(text) {
  console.log(`- ${text}`);
}

async function register(context, tag) {
  const page = await context.newPage();
  const username = `live_${tag}_${Date.now().toString(36)}`;

  await page.goto(`${BASE_URL}/register`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.test`);
  await page.getByLabel('Display name').fill(`Live ${tag}`);
  await page.getByLabel('Password').fill('live seats 2026');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${BASE_URL}/`, { timeout: STEP_TIMEOUT });

  return page;
}

async function roomyPerformance(page) {
  const answer = await page.request.get(
    `${BASE_URL}/api/performances?page_size=50`,
  );
  const { items } = await answer.json();
  const roomy = items.find((item) => item.seats_available >= 40);

  if (!roomy) throw new Error('no upcoming performance with 40 free seats');

  return roomy.performance_id;
}

async function openSeatMap(page, performanceId) {
  await page.goto(`${BASE_URL}/performances/${performanceId}`);
  await page.waitForSelector('.seat-map', { timeout: STEP_TIMEOUT });
  // Shown once the event stream has said hello.
  await page.getByText('Live availability').waitFor({ timeout: STEP_TIMEOUT });
}

async function waitForSeats(page, seatIds, state, since) {
  await page.waitForFunction(
    ({ ids, state }) =>
      ids.every((id) =>
        document
          .querySelector(`[data-seat-id="${id}"]`)
          ?.classList.contains(`seat--${state}`),
      ),
    { ids: seatIds, state },
    { timeout: STEP_TIMEOUT, polling: 20 },
  );

  return Date.now() - since;
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || undefined,
  });

  try {
    const buyerContext = await browser.newContext();
    const watcherContext = await browser.newContext();

    step('two visitors register in two browser contexts');
    const buyer = await register(buyerContext, 'buyer');
    const watcher = await register(watcherContext, 'watcher');
    const performanceId = await roomyPerformance(buyer);

    step(`both open the seat map of performance ${performanceId}`);
    await openSeatMap(buyer, performanceId);
    await openSeatMap(watcher, performanceId);

    step('the buyer asks for two seats together');
    const found = buyer.waitForResponse(
      (response) =>
        response.url().endsWith('/best-seats') && response.status() === 200,
    );
    await buyer.getByRole('button', { name: 'Find 2 seats together' }).click();
    const best = await (await found).json();
    const heldAt = Date.now();
    const seatIds = best.seats.map((seat) => seat.seat_id);

    const heldAfter = await waitForSeats(watcher, seatIds, 'held', heldAt);
    step(`the watcher saw them held after ${heldAfter} ms`);

    step('the buyer books the held seats');
    await buyer.getByRole('button', { name: 'Book 2 seats' }).waitFor({
      timeout: STEP_TIMEOUT,
    });
    const booked = buyer.waitForResponse(
      (response) =>
        response.url().endsWith('/api/bookings') && response.status() === 201,
    );
    await buyer.getByRole('button', { name: 'Book 2 seats' }).click();
    await booked;
    const bookedAt = Date.now();

    const bookedAfter = await waitForSeats(
      watcher,
      seatIds,
      'booked',
      bookedAt,
    );
    step(`the watcher saw them booked after ${bookedAfter} ms`);

    if (heldAfter > PUSH_LIMIT_MS || bookedAfter > PUSH_LIMIT_MS) {
      throw new Error(
        `pushed too slowly: held after ${heldAfter} ms, ` +
          `booked after ${bookedAfter} ms (limit ${PUSH_LIMIT_MS} ms)`,
      );
    }

    console.log(`pushed within ${PUSH_LIMIT_MS} ms: ok`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
