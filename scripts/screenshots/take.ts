/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the screenshot runner is a development tool in plain Node, never packaged */
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
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { REPO_ROOT } from '../../dev/n8n';
import { PROVIDER_KEYS, PROVIDERS } from '../../dev/providers';
import {
	addManualTrigger,
	dismissDistractions,
	log,
	runMain,
	searchNode,
	settle,
	signIn,
	wasInterrupted,
	withDemoBrowser,
} from '../demo/browser';
import type { StorageState } from '../demo/browser';
import type { Demo } from '../demo/start';

const VIEWPORT = { width: 1440, height: 900 };
const OUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');
/** Where a failed run leaves a picture of the page it failed on. */
const FAILURE_SHOT = join(REPO_ROOT, '.cache', 'screenshots-failure.png');
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

async function shoot(page: Page, name: string, theme: Theme): Promise<void> {
	await dismissDistractions(page);
	await settle(page);
	const file = join(OUT_DIR, `${name}.${theme}.png`);
	await page.screenshot({ path: file });
	log(`  docs/screenshots/${name}.${theme}.png`);
}

async function shootTheme(
	browser: Browser,
	demo: Demo,
	theme: Theme,
	storageState: StorageState,
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
		await addManualTrigger(page);

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
		if (!done && !wasInterrupted()) {
			await page.screenshot({ path: FAILURE_SHOT }).catch(() => undefined);
			log(`The page as it was when this failed: ${FAILURE_SHOT}`);
		}
		await context.close();
	}
}

runMain(() =>
	withDemoBrowser({}, async (browser, demo) => {
		mkdirSync(OUT_DIR, { recursive: true });
		const storageState = await signIn(browser, demo, VIEWPORT);
		for (const theme of THEMES) await shootTheme(browser, demo, theme, storageState);
	}),
);
