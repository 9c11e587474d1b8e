/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the browser tooling is a development tool in plain Node, never packaged */
/**
 * Debian's Chromium driven by playwright-core against the demo n8n (scripts/demo/start.ts): shared
 * by `npm run screenshots` (scripts/screenshots/take.ts) and `npm run video`
 * (scripts/video/record.ts). Launching, signing in, the node creator, and a run wrapper that stops
 * Chromium, n8n and the sandboxes on failure and on Ctrl-C too.
 */
import { existsSync } from 'node:fs';

import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { startDemo } from './start';
import type { Demo, DemoOptions } from './start';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Chromium flags for this machine: headless, no sandbox (runs as root), no calls home. */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export const SEARCH = 'input[data-test-id="node-creator-search-bar"]';
export const CREATOR = '[data-test-id="node-creator"]';

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** An error whose message says it all (no stack trace printed). */
export class SetupError extends Error {}

export function log(message: string): void {
	process.stdout.write(`${message}\n`);
}

function assertChromium(): void {
	if (!existsSync(CHROMIUM)) {
		throw new SetupError(
			`Chromium is not installed (${CHROMIUM} is missing). Install Debian's package:\n` +
				'  sudo apt-get install -y chromium\n' +
				'(or point CHROMIUM_PATH at another Chromium binary)',
		);
	}
}

/** Lets transitions and fonts settle, then waits until every image on the page has loaded. */
export async function settle(page: Page, ms = 600): Promise<void> {
	await page.waitForTimeout(ms);
	await page.waitForFunction(
		'Array.from(document.images).every((image) => image.complete) && document.fonts.status === "loaded"',
		undefined,
		{ timeout: 15_000 },
	);
}

/** Closes banners, toasts and pop-ups n8n may show over the editor (none expected offline). */
export async function dismissDistractions(page: Page): Promise<void> {
	const closers = [
		'[data-test-id="banner-stack"] [data-test-id$="-close"]',
		'[data-test-id="notification-banner-dismiss"]',
		'.el-notification .el-notification__closeBtn',
		'[data-test-id="nps-survey-modal"] .el-dialog__headerbtn',
	];
	for (const selector of closers) {
		for (const closer of await page.locator(selector).all()) {
			if (await closer.isVisible()) await closer.click().catch(() => undefined);
		}
	}
}

/** Signs the demo's owner in; returns the session for new contexts. */
export async function signIn(
	browser: Browser,
	demo: Demo,
	viewport: { width: number; height: number },
): Promise<StorageState> {
	const context = await browser.newContext({ viewport });
	try {
		const page = await context.newPage();
		await page.goto(`${demo.server.baseUrl}/signin`);
		await page.fill('#emailOrLdapLoginId', demo.owner.email);
		await page.fill('#password', demo.owner.password);
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
		// The session cookie is bound to the browser id n8n keeps in localStorage: keep both.
		return await context.storageState();
	} finally {
		await context.close();
	}
}

/** Adds a Manual Trigger to a new workflow, so the creator offers every node ("What happens next?"). */
export async function addManualTrigger(page: Page): Promise<void> {
	await page.click('[data-test-id="canvas-add-button"]');
	await page.locator(SEARCH).fill('Manual');
	await page.locator('[data-test-id="item-iterator-item"]').first().waitFor();
	await page.keyboard.press('Enter');
	await page.locator(CREATOR).waitFor({ state: 'hidden' });
}

/** The node creator's search field, in a creator opened from the canvas' "+" button. */
export async function openCreator(page: Page): Promise<Locator> {
	// Escape goes back one level in the creator (an opened entry, then the search), then closes it.
	for (let tries = 0; tries < 4 && (await page.locator(CREATOR).isVisible()); tries++) {
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
	await page.locator(CREATOR).waitFor({ state: 'hidden' });
	await page.click(
		'[data-test-id="node-creator-plus-button"], [data-test-id="canvas-plus-button"]',
	);
	const search = page.locator(SEARCH);
	await search.waitFor();
	return search;
}

/**
 * The creator's entry named exactly `name` (the pack's action node and trigger, merged).
 * `typeDelay` types the search like a person (ms per key) instead of filling it at once.
 */
export async function searchNode(page: Page, name: string, typeDelay = 0): Promise<Locator> {
	const search = await openCreator(page);
	if (typeDelay > 0) await search.pressSequentially(name, { delay: typeDelay });
	else await search.fill(name);
	const item = page
		.locator('[data-test-id="item-iterator-item"]')
		.filter({ has: page.locator('[data-test-id="node-creator-item-name"]', { hasText: name }) })
		.first();
	await item.waitFor();
	return item;
}

/** Set on Ctrl-C: the failures that follow are the shutdown's, not the page's. */
let interrupted = false;
/** Stops what the running `withDemoBrowser` started (on Ctrl-C). */
let cleanUpCurrent: (() => Promise<void>) | undefined;

export function wasInterrupted(): boolean {
	return interrupted;
}

/**
 * Starts the demo n8n and Chromium, runs `work`, and stops both again whatever happens (Ctrl-C
 * included, once `runMain` runs the script).
 */
export async function withDemoBrowser(
	options: DemoOptions,
	work: (browser: Browser, demo: Demo) => Promise<void>,
): Promise<void> {
	assertChromium();
	let demo: Demo | undefined;
	let browser: Browser | undefined;
	let cleaning: Promise<void> | undefined;
	const cleanUp = async () => {
		cleaning ??= (async () => {
			await browser?.close().catch(() => undefined);
			await demo?.stop();
		})();
		await cleaning;
	};
	cleanUpCurrent = cleanUp;
	try {
		demo = await startDemo({ port: 0, ...options });
		log(`n8n is ready at ${demo.server.baseUrl}; starting Chromium…`);
		// launch() gives the browser a fresh, temporary user data dir of its own. Playwright's own
		// signal handlers would exit the process before n8n is stopped: runMain's handlers close
		// the browser instead.
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS,
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
		});
		await work(browser, demo);
	} finally {
		log('Stopping Chromium, n8n and the sandboxes…');
		await cleanUp();
		cleanUpCurrent = undefined;
	}
}

/**
 * Runs a script's `main`: Ctrl-C stops what `withDemoBrowser` started, then exits 130; a failure
 * exits 1, printing a SetupError's message alone.
 */
export function runMain(main: () => Promise<void>): void {
	const started = Date.now();
	const onSignal = () => {
		if (interrupted) return;
		interrupted = true;
		log('\nInterrupted: stopping Chromium, n8n and the sandboxes…');
		void (cleanUpCurrent?.() ?? Promise.resolve()).finally(() => process.exit(130));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	main().then(
		() => log(`Done in ${Math.round((Date.now() - started) / 1000)} s.`),
		(error: unknown) => {
			if (interrupted) return;
			const text =
				error instanceof SetupError
					? error.message
					: error instanceof Error
						? (error.stack ?? error.message)
						: String(error);
			process.stderr.write(`${text}\n`);
			process.exit(1);
		},
	);
}
