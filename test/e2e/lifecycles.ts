/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * The sandboxes of dev/providers.ts with their n8n credentials, and the lifecycle example of each provider as
 * a scenario: the placeholders it needs and what must be true after it ran. Shared by the
 * combined pack's e2e (examples/) and the per-provider packages' (packages/<name>/examples/).
 *
 * It uses jest's `expect`, so it is test code and lives here, not in dev/n8n/: the demo and the
 * benchmarks compile dev/ outside jest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CredentialFile, RunData, WorkflowFile } from '../../dev/n8n';
import { newN8nId, nodeOutput } from '../../dev/n8n';
import type { Provider, ProviderSandboxes } from '../../dev/providers';
import {
	PROVIDER_KEYS,
	PROVIDERS,
	sandboxCredential,
	startProviderSandboxes,
} from '../../dev/providers';

export type { Provider } from '../../dev/providers';

export type Sandboxes = ProviderSandboxes & {
	credentials: Record<Provider, CredentialFile>;
	stop(): Promise<void>;
};

/** Every provider's sandbox, started, and one n8n credential for each. */
export async function startSandboxes(): Promise<Sandboxes> {
	const sandboxes = await startProviderSandboxes();
	const credentials = Object.fromEntries(
		PROVIDER_KEYS.map((key) => [
			key,
			{
				id: newN8nId(),
				name: `${PROVIDERS[key].label} sandbox`,
				...sandboxCredential(key, sandboxes[key]),
			},
		]),
	) as Record<Provider, CredentialFile>;
	return {
		...sandboxes,
		credentials,
		async stop() {
			await Promise.all(PROVIDER_KEYS.map((key) => sandboxes[key].stop()));
		},
	};
}

/** An example workflow as a user imports it, with its placeholders and credential ids filled. */
export function exampleWorkflow(
	examplesDir: string,
	file: string,
	sandboxes: Sandboxes,
	values: Record<string, string> = {},
): WorkflowFile {
	let text = readFileSync(join(examplesDir, file), 'utf8');
	const replacements = {
		...values,
		...Object.fromEntries(
			PROVIDER_KEYS.map((key) => [
				PROVIDERS[key].exampleCredentialId,
				sandboxes.credentials[key].id,
			]),
		),
	};
	for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
	return { ...(JSON.parse(text) as WorkflowFile), id: newN8nId() };
}

export interface Lifecycle {
	title: string;
	file: string;
	/** Seeds the sandbox; returns the example's placeholder values. */
	prepare(sandboxes: Sandboxes): Record<string, string>;
	/** Asserts the final state the run left, in its output and in the sandbox. */
	verify(run: RunData, sandboxes: Sandboxes, values: Record<string, string>): void;
}

export const LIFECYCLES: Record<Provider, Lifecycle> = {
	zaia: {
		title: 'Zaia: create → tag → assign → take over → complete → get',
		file: PROVIDERS.zaia.lifecycleExample,
		prepare({ zaia }) {
			return {
				__ZAIA_CHAT_ID__: zaia.addChat().id,
				__ZAIA_AGENT_ID__: zaia.addUser({ name: 'Ana' }).id,
				__ZAIA_TAG_ID__: zaia.addTag({ name: 'vip' }).id,
			};
		},
		verify(run, { zaia }, values) {
			const [final] = nodeOutput(run, 'Get final state');
			expect(final).toMatchObject({
				provider: 'zaia',
				status: 'closed',
				assignee: { id: values.__ZAIA_AGENT_ID__, name: 'Ana' },
			});
			expect(zaia.ticketTagIds(String(final.id))).toEqual([values.__ZAIA_TAG_ID__]);
			expect(
				zaia.requests.slice(-6).map((request) => `${request.method} ${request.status}`),
			).toEqual(['POST 200', 'POST 200', 'PATCH 200', 'PATCH 200', 'PATCH 200', 'GET 200']);
		},
	},
	gorgias: {
		title: 'Gorgias: create → tag → assign → take over → close → get',
		file: PROVIDERS.gorgias.lifecycleExample,
		prepare({ gorgias }) {
			return {
				__GORGIAS_CUSTOMER_EMAIL__: 'lucia@example.com',
				__GORGIAS_USER_ID__: String(gorgias.addUser({ name: 'Ana' }).id),
				__GORGIAS_TEAM_ID__: String(gorgias.addTeam({ name: 'Shipping' }).id),
			};
		},
		verify(run, { gorgias }, values) {
			const [final] = nodeOutput(run, 'Get final state');
			expect(final).toMatchObject({
				provider: 'gorgias',
				status: 'closed',
				assignee: { id: values.__GORGIAS_USER_ID__ },
				team: { id: values.__GORGIAS_TEAM_ID__ },
			});
			expect(gorgias.ticket(Number(final.id))?.messages?.map((message) => message.channel)).toEqual(
				['api', 'internal-note'],
			);
		},
	},
	gurusup: {
		title: 'GuruSup: create → assign → take over → get',
		file: PROVIDERS.gurusup.lifecycleExample,
		prepare() {
			return {};
		},
		verify(run, { gurusup }) {
			const [final] = nodeOutput(run, 'Get final state');
			expect(final).toMatchObject({
				provider: 'gurusup',
				externalId: 'order1042',
				assignee: { id: 'agent7', name: 'Ana' },
			});
			expect(gurusup.ticket('order1042')?.messages).toHaveLength(2);
		},
	},
};
