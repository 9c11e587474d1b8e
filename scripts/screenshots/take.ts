/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the screenshot runner is a development tool in plain Node, never packaged */
/**
 * `npm run screenshots`: the pack as n8n's editor shows it, in the light and the dark theme, for
 * the README and the docs. Starts what `npm start` starts (scripts/demo/start.ts: the provider
 * sandboxes and a real n8n with the pack, credentials and examples), drives Debian's Chromium
 * with playwright-core and writes PNGs into docs/screenshots/:
 *
 * - node-panel-<provider>.<theme>.png: the node creator searched for the provider;
 * - node-actions-<provider>.<theme>.png: the provider's entry opened: its actions (n8n shows the
 *   triggers section collapsed there);
 * - node-operations-gorgias.<theme>.png: the Gorgias node opened, its Operation list expanded;
 * - credential-gorgias-api.<theme>.png: a new "Gorgias API" credential form.
 *
 * Needs /usr/bin/chromium (`sudo apt-get install -y chromium`; Playwright's own browser download
 * is not used). Everything started here is stopped again, on failure and on Ctrl-C too.
 *
 * The theme: n8n 2.41 reads it from localStorage `N8N_THEME` ('light' | 'dark', else the
 * system's), so each theme gets its own browser context with that key set before any page loads.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { REPO_ROOT } from '../../dev/n8n';
import { PROVIDER_KEYS, PROVIDERS } from '../../dev/providers';
import { startDemo } from '../demo/start';
import type { Demo } from '../demo/start';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Chromium flags for this machine: headless, no sandbox (runs as root), no calls home. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
const VIEWPORT = { width: 1440, height: 900 };
const OUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');
/** Where a failed run leaves a picture of the page it failed on. */
const FAILURE_SHOT = join(REPO_ROOT, '.cache', 'screenshots-failure.png');
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const SEARCH = 'input[data-test-id="node-creator-search-bar"]';
const CREATOR = '[data-test-id="node-creator"]';

/** An error whose message says it all (no stack trace printed). */
class SetupError extends Error {}

/** Set on Ctrl-C: the failures that follow are the shutdown's, not the page's. */
let interrupted = false;

function log(message: string): void {
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
async function settle(page: Page, ms = 600): Promise<void> {
	await page.waitForTimeout(ms);
	await page.waitForFunction(
		'Array.from(document.images).every((image) => image.complete) && document.fonts.status === "loaded"',
		undefined,
		{ timeout: 15_000 },
	);
}

/** Closes banners, toasts and pop-ups n8n may show over the editor (none expected offline). */
async function dismissDistractions(page: Page): Promise<void> {
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

async function shoot(page: Page, name: string, theme: Theme): Promise<void> {
	await dismissDistractions(page);
	await settle(page);
	const file = join(OUT_DIR, `${name}.${theme}.png`);
	await page.screenshot({ path: file });
	log(`  docs/screenshots/${name}.${theme}.png`);
}

async function signIn(
	browser: Browser,
	demo: Demo,
): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
	const context = await browser.newContext({ viewport: VIEWPORT });
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

/** The node creator's search field, in a creator opened from the canvas' "+" button. */
async function openCreator(page: Page): Promise<Locator> {
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

/** The creator's entry named exactly `name` (the pack's action node and trigger, merged). */
async function searchNode(page: Page, name: string): Promise<Locator> {
	const search = await openCreator(page);
	await search.fill(name);
	const item = page
		.locator('[data-test-id="item-iterator-item"]')
		.filter({ has: page.locator('[data-test-id="node-creator-item-name"]', { hasText: name }) })
		.first();
	await item.waitFor();
	return item;
}

async function shootTheme(
	browser: Browser,
	demo: Demo,
	theme: Theme,
	storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<void> {
	log(`${theme} theme:`);
	const context = await browser.newContext({
		viewport: VIEWPORT,
		colorScheme: theme,
		storageState,
	});
	await context.addInitScript(`localStorage.setItem('N8N_THEME', '${theme}')`);
	const page = await context.newPage();
	let done = false;
	try {
		await page.goto(`${demo.server.baseUrl}/workflow/new`);
		// A workflow with a trigger, so the creator offers every node ("What happens next?").
		await page.click('[data-test-id="canvas-add-button"]');
		await page.locator(SEARCH).fill('Manual');
		await page.locator('[data-test-id="item-iterator-item"]').first().waitFor();
		await page.keyboard.press('Enter');
		await page.locator(CREATOR).waitFor({ state: 'hidden' });

		for (const provider of PROVIDER_KEYS) {
			const item = await searchNode(page, PROVIDERS[provider].label);
			await shoot(page, `node-panel-${provider}`, theme);
			await item.click();
			await page.getByText(/^Actions \(\d+\)$/).waitFor();
			await shoot(page, `node-actions-${provider}`, theme);
		}

		// The Gorgias node on the canvas, its Operation list open. The first ticket action keeps
		// the list scrolled to its top.
		const gorgias = await searchNode(page, 'Gorgias');
		await gorgias.click();
		await page.getByText('Add tags to a ticket', { exact: true }).click();
		const operation = page.locator('[data-test-id="parameter-input-operation"]');
		await operation.waitFor();
		await operation.click();
		await page.locator('.el-select-dropdown__list[role="listbox"]:visible').waitFor();
		await shoot(page, 'node-operations-gorgias', theme);
		await page.keyboard.press('Escape');

		// A new Gorgias API credential, opened from the node's credential field.
		await page.click('[data-test-id="node-credentials-select"]');
		await page.click('[data-test-id="node-credentials-select-item-new"]');
		await page.locator('[data-test-id="editCredential-modal"]').waitFor();
		await page.locator('[data-test-id="credential-connection-parameter"]').first().waitFor();
		await shoot(page, 'credential-gorgias-api', theme);
		done = true;
	} finally {
		if (!done && !interrupted) {
			await page.screenshot({ path: FAILURE_SHOT }).catch(() => undefined);
			log(`The page as it was when this failed: ${FAILURE_SHOT}`);
		}
		await context.close();
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	assertChromium();
	mkdirSync(OUT_DIR, { recursive: true });

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
	const onSignal = () => {
		if (interrupted) return;
		interrupted = true;
		log('\nInterrupted: stopping Chromium, n8n and the sandboxes…');
		void cleanUp().finally(() => process.exit(130));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	try {
		demo = await startDemo({ port: 0 });
		log(`n8n is ready at ${demo.server.baseUrl}; starting Chromium…`);
		// launch() gives the browser a fresh, temporary user data dir of its own. Playwright's own
		// signal handlers would exit the process before n8n is stopped: the handlers above close
		// the browser instead.
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS,
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
		});
		const storageState = await signIn(browser, demo);
		for (const theme of THEMES) await shootTheme(browser, demo, theme, storageState);
	} finally {
		log('Stopping Chromium, n8n and the sandboxes…');
		await cleanUp();
	}
	log(`Done in ${Math.round((Date.now() - started) / 1000)} s.`);
}

main().catch((error: unknown) => {
	if (interrupted) return;
	const text =
		error instanceof SetupError
			? error.message
			: error instanceof Error
				? (error.stack ?? error.message)
				: String(error);
	process.stderr.write(`${text}\n`);
	process.exit(1);
});
