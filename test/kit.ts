/**
 * What the node tests of every provider share: a node's output as JSON and pairings, the
 * sandbox's request log as lines, everything a failed run shows, the resource-locator value, the
 * check that a node refused bad input before sending anything, and the sandbox's lifecycle
 * around a describe block. What is one provider's own (node type, credentials, canaries, how
 * to run its node) stays in test/<provider>/setup.ts.
 */
import type { RunResult } from '../dev/harness';
import type { Sandbox } from '../dev/sandboxes/framework';

/** The JSON of every output item. */
export const jsonOf = (result: Pick<RunResult, 'items'>) => result.items.map((item) => item.json);

/** The pairedItem index of every output item. */
export const pairedOf = (result: Pick<RunResult, 'items'>) =>
	result.items.map((item) => (item.pairedItem as { item: number }).item);

/** Requests the sandbox received, as "METHOD /path" lines. */
export const sent = (sandbox: Pick<Sandbox, 'requests'>) =>
	sandbox.requests.map((request) => `${request.method} ${request.path}`);

/** Everything a user or a log could see of a run: its error, its items and n8n's run data. */
export const visibleText = (result: RunResult) =>
	JSON.stringify({ error: result.error, items: result.items, run: result.run.data.resultData });

/** A resource-locator parameter value, as the editor stores it (the value always as text). */
export const rl = (value: string | number, mode: 'id' | 'list' | 'url' = 'id') => ({
	__rl: true as const,
	mode,
	value: String(value),
});

/**
 * The node refused the input of item `item` before any request: a NodeOperationError that
 * names the parameter by its label, and nothing in the sandbox's log.
 */
export function expectRefusedBeforeSending(
	result: RunResult,
	sandbox: Pick<Sandbox, 'requests'>,
	label: string,
	item = 0,
): void {
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toContain(`Invalid "${label}" in item ${item}`);
	expect(sandbox.requests).toEqual([]);
}

/**
 * A fresh sandbox for each test of the enclosing describe block: started before the test (then
 * handed to `use`, e.g. to keep it in the block's variable), stopped after it. The function it
 * returns adopts a sandbox a test starts itself (one with other options), so that one is
 * stopped after the test as well.
 */
export function sandboxPerTest<S extends Pick<Sandbox, 'stop'>>(
	start: () => Promise<S>,
	use: (sandbox: S) => void,
): (sandbox: S) => S {
	let started: S[] = [];
	beforeEach(async () => {
		const sandbox = await start();
		started.push(sandbox);
		use(sandbox);
	});
	afterEach(async () => {
		const stopping = started;
		started = [];
		for (const sandbox of stopping) await sandbox.stop();
	});
	return (sandbox) => {
		started.push(sandbox);
		return sandbox;
	};
}

/**
 * One sandbox for the whole enclosing describe block: started before its first test (then
 * handed to `use`), reset (data and request log) before every test, stopped after the last.
 */
export function sharedSandbox<S extends Pick<Sandbox, 'stop'> & { reset(): void }>(
	start: () => Promise<S>,
	use: (sandbox: S) => void,
): void {
	let current: S | undefined;
	beforeAll(async () => {
		current = await start();
		use(current);
	});
	afterAll(async () => {
		await current?.stop();
	});
	beforeEach(() => current?.reset());
}
