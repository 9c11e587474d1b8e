/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the video recorder is a development tool in plain Node, never packaged */
/**
 * `npm run video`: one demo video per per-provider package, for n8n's Creator Portal submission,
 * recorded in the real n8n editor against the loopback sandboxes. For each provider, the demo
 * (scripts/demo/start.ts) installs that provider's own package (packages/<packageName>) into an
 * empty n8n, and a single take shows, with captions:
 *
 *   1. the package's nodes in the nodes panel, and the provider's actions;
 *   2. a credential being created in the form (pointing at the sandbox) and tested;
 *   3. an action run: "Get many tickets" returns the sandbox's tickets;
 *   4. the trigger firing: a ticket is added in the sandbox, "Fetch test event" returns it.
 *
 * Writes .cache/videos/<packageName>.mp4 (git-ignored). Options:
 *   --short            a quick take (a fraction of the pauses), for CI;
 *   --provider <key>   only this provider (repeatable; default: all; --short alone: the first).
 *
 * Needs Debian's chromium and ffmpeg (`sudo apt-get install -y --no-install-recommends chromium
 * ffmpeg`). See scripts/video/recorder.ts for how the page becomes a video.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { REPO_ROOT } from '../../dev/n8n';
import { PROVIDER_KEYS, PROVIDERS, sandboxCredential } from '../../dev/providers';
import type { Provider, SandboxOf } from '../../dev/providers';
import {
	addManualTrigger,
	dismissDistractions,
	log,
	runMain,
	searchNode,
	SetupError,
	settle,
	signIn,
	wasInterrupted,
	withDemoBrowser,
} from '../demo/browser';
import type { Demo } from '../demo/start';
import { addOverlay, caption, startRecording } from './recorder';

const VIEWPORT = { width: 1280, height: 800 };
export const VIDEO_DIR = join(REPO_ROOT, '.cache', 'videos');
const FAILURE_SHOT = join(REPO_ROOT, '.cache', 'video-failure.png');

/**
 * A customer's new ticket, as the provider's trigger finds it (Gorgias' trigger reads the event
 * log); returns the ID the trigger's output shows.
 */
const NEW_TICKET: { [P in Provider]: (sandbox: SandboxOf<P>) => string } = {
	zaia: (sandbox) => String(sandbox.addTicket({ status: 'pending' }).id),
	gorgias: (sandbox) => {
		const ticket = sandbox.addTicket();
		sandbox.state.recordEvent('ticket-created', { type: 'Ticket', id: ticket.id });
		return String(ticket.id);
	},
	gurusup: (sandbox) => sandbox.addTicket().external_id,
};

function newTicket<P extends Provider>(provider: P, demo: Demo): string {
	const sandbox = demo.providerSandboxes[provider] as SandboxOf<P>;
	return (NEW_TICKET[provider] as (sandbox: SandboxOf<P>) => string)(sandbox);
}

interface Options {
	short: boolean;
	providers: Provider[];
}

function parseArgs(args: string[]): Options {
	let short = false;
	const providers: Provider[] = [];
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--short') short = true;
		else if (arg === '--provider') {
			const key = args[++i] as Provider;
			if (!PROVIDER_KEYS.includes(key)) {
				throw new SetupError(`--provider takes one of: ${PROVIDER_KEYS.join(', ')}`);
			}
			providers.push(key);
		} else throw new SetupError(`Unknown option ${arg} (options: --short, --provider <key>)`);
	}
	if (providers.length === 0)
		providers.push(...(short ? PROVIDER_KEYS.slice(0, 1) : PROVIDER_KEYS));
	return { short, providers };
}

/** The pace of a take: how long captions stay and how fast text is typed. */
interface Pace {
	/** Pause after a caption or step, in ms, for `seconds` at full pace. */
	hold(page: Page, seconds: number): Promise<void>;
	typeDelay: number;
}

function pace(short: boolean): Pace {
	const factor = short ? 0.15 : 1;
	return {
		hold: (page, seconds) => page.waitForTimeout(Math.round(seconds * 1000 * factor)),
		typeDelay: short ? 10 : 70,
	};
}

/** Clicks like a person: the pointer travels to the element first. */
async function point(page: Page, selector: string | ReturnType<Page['locator']>): Promise<void> {
	const target = typeof selector === 'string' ? page.locator(selector).first() : selector;
	await target.waitFor();
	await target.scrollIntoViewIfNeeded();
	const box = await target.boundingBox();
	if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
	await target.click();
}

async function say(page: Page, p: Pace, text: string, seconds: number): Promise<void> {
	await caption(page, text);
	await p.hold(page, seconds);
}

/** Fills the credential form's field `name` (typed, secrets included: the form masks them). */
async function typeField(page: Page, p: Pace, name: string, value: string): Promise<void> {
	const input = page
		.locator(`[data-test-id="editCredential-modal"] [data-test-id="parameter-input-${name}"]`)
		.locator('input, textarea')
		.first();
	await point(page, input);
	await input.fill('');
	await input.pressSequentially(value, { delay: p.typeDelay });
}

async function takeProvider(page: Page, demo: Demo, provider: Provider, p: Pace): Promise<void> {
	const entry = PROVIDERS[provider];
	const { label, packageName } = entry;

	await say(page, p, `${packageName}: ${label} tickets in n8n`, 4);

	// 1. The nodes panel.
	await say(page, p, 'A workflow starts with a trigger: here, a manual one', 2);
	await addManualTrigger(page);
	await say(page, p, `The nodes panel: search for "${label}"`, 2);
	const item = await searchNode(page, label, p.typeDelay);
	await say(page, p, `${label}: one node for the actions, one trigger`, 3);
	await point(page, item);
	await page.getByText(/^Actions \(\d+\)$/).waitFor();
	await say(page, p, `${label}'s actions, each also usable as an AI agent tool`, 4);
	await page.mouse.wheel(0, 300);
	await p.hold(page, 2);

	// 2. A credential.
	const getMany = page.getByText('Get many tickets', { exact: true }).first();
	await point(page, getMany);
	await page.locator('[data-test-id="node-execute-button"]').first().waitFor();
	await say(page, p, `The ${label} node, "Get many tickets". First, a credential`, 3);
	// With no credential of its type yet, n8n 2.41 offers a "Connect to <service>" button.
	await point(page, page.getByRole('button', { name: `Connect to ${label}` }));
	await page.locator('[data-test-id="editCredential-modal"]').waitFor();
	await say(page, p, `A new ${label} credential: here it points at a local ${label} sandbox`, 3);
	const credential = sandboxCredential(provider, demo.providerSandboxes[provider]);
	for (const [name, value] of Object.entries(credential.data)) {
		await typeField(page, p, name, String(value));
	}
	await say(page, p, 'Save: n8n tests the connection', 1.5);
	await point(page, '[data-test-id="credential-save-button"]');
	// n8n tests the credential on save and, opened from a node, closes the form on success.
	await page
		.locator('[data-test-id="credentials-config-container-test-success"]')
		.waitFor({ state: 'attached', timeout: 30_000 });
	await page.locator('[data-test-id="editCredential-modal"]').waitFor({ state: 'hidden' });
	await say(page, p, 'Connection tested, credential saved and selected', 3);

	// 3. An action run.
	await say(page, p, 'Run the action: "Execute step"', 2);
	await point(page, '[data-test-id="node-execute-button"]');
	// The item count appears once the run's data is in.
	await page
		.locator('[data-test-id="output-panel"] [data-test-id="ndv-items-count"]')
		.first()
		.waitFor({ timeout: 90_000 });
	await say(page, p, `The tickets, straight from the ${label} sandbox, one item each`, 5);
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });

	// 4. The trigger, beside the manual one (a workflow may have several).
	await say(page, p, `The ${label} Trigger: start a workflow when tickets change`, 2);
	const again = await searchNode(page, label, p.typeDelay);
	await point(page, again);
	await point(page, page.getByText(/^Triggers \(\d+\)$/));
	await p.hold(page, 2);
	// The first trigger event listed under the expanded section.
	await point(
		page,
		page
			.getByText(/^Triggers \(\d+\)$/)
			.locator('xpath=following::*[@data-test-id="item-iterator-item"][1]'),
	);
	await page.locator('[data-test-id="node-execute-button"]').first().waitFor();
	await say(page, p, 'The credential just created is already selected', 3);
	await say(page, p, `Meanwhile a customer opens a new ticket in ${label}…`, 2);
	const id = newTicket(provider, demo);
	await say(page, p, '"Fetch test event": the trigger fires with the new ticket', 2);
	await point(page, '[data-test-id="node-execute-button"]');
	await page
		.locator('[data-test-id="output-panel"]')
		.getByText(id)
		.first()
		.waitFor({ timeout: 90_000 });
	await say(page, p, `There it is: ticket ${id}`, 4);
	await say(page, p, `${packageName}: install it from n8n's Community Nodes`, 3);
}

async function recordProvider(
	browser: Browser,
	demo: Demo,
	provider: Provider,
	options: Options,
): Promise<void> {
	const storageState = await signIn(browser, demo, VIEWPORT);
	const context = await browser.newContext({ viewport: VIEWPORT, storageState });
	await context.addInitScript(`localStorage.setItem('N8N_THEME', 'light')`);
	await addOverlay(context);
	const page = await context.newPage();
	const file = join(
		VIDEO_DIR,
		`${PROVIDERS[provider].packageName}${options.short ? '.short' : ''}.mp4`,
	);
	rmSync(file, { force: true });
	let done = false;
	try {
		// A new workflow's canvas can take a while to appear on a busy machine: not on camera.
		await page.goto(`${demo.server.baseUrl}/workflow/new`);
		await page.locator('[data-test-id="canvas-add-button"]').waitFor({ timeout: 90_000 });
		await settle(page);
		await dismissDistractions(page);
		const recording = await startRecording(page, file);
		let seconds: number;
		try {
			await takeProvider(page, demo, provider, pace(options.short));
		} finally {
			seconds = await recording.stop();
		}
		const size = statSync(file).size;
		log(`  ${relative(REPO_ROOT, file)}: ${seconds.toFixed(1)} s, ${(size / 1e6).toFixed(1)} MB`);
		done = true;
	} finally {
		if (!done && !wasInterrupted()) {
			await page.screenshot({ path: FAILURE_SHOT }).catch(() => undefined);
			const html = await page.content().catch(() => '');
			writeFileSync(FAILURE_SHOT.replace(/png$/, 'html'), html);
			log(`The page as it was when this failed: ${FAILURE_SHOT} (and .html)`);
		}
		await context.close();
	}
}

runMain(async () => {
	const options = parseArgs(process.argv.slice(2));
	mkdirSync(VIDEO_DIR, { recursive: true });
	// One n8n per provider: each video shows that package alone, as Community Nodes installs it.
	for (const provider of options.providers) {
		log(`${PROVIDERS[provider].packageName}:`);
		await withDemoBrowser({ provider, imports: false }, (browser, demo) =>
			recordProvider(browser, demo, provider, options),
		);
	}
});
