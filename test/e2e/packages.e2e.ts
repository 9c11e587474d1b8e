/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * Each per-provider package alone in real n8n 2.41, installed into a fresh user folder the way
 * the Community Nodes screen installs it: exactly its nodes (and their AI-tool variants) and
 * credentials load, and its lifecycle example (packages/<name>/examples/) runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	createUserFolder,
	describeCli,
	nodeOutput,
	workflow,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	N8nServer,
	REPO_ROOT,
	stopAllN8nServers,
} from '../../dev/n8n';
import type { UserFolder } from '../../dev/n8n';
import { PROVIDER_KEYS, PROVIDERS } from '../../dev/providers';
import { n8nVersion } from '../../dev/n8n/env';
import { exampleWorkflow, LIFECYCLES, startSandboxes } from './lifecycles';
import type { Provider, Sandboxes } from './lifecycles';

/** What each package must bring into n8n, and nothing more (from dev/providers.ts). */
const EXPECTED: Record<
	string,
	{ provider: Provider; action: string; nodes: string[]; credentials: string[] }
> = Object.fromEntries(
	PROVIDER_KEYS.map((provider) => {
		const entry = PROVIDERS[provider];
		return [
			entry.packageName,
			{
				provider,
				action: entry.nodes.action,
				nodes: Object.values(entry.nodes),
				credentials: [...entry.credentialTypes].sort(),
			},
		];
	}),
);
const ALL_CREDENTIALS = Object.values(EXPECTED).flatMap(({ credentials }) => credentials);

const PACKAGES = readdirSync(join(REPO_ROOT, 'packages')).map((folder) => {
	const dir = join('packages', folder);
	const { name } = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as {
		name: string;
	};
	return { name, dir };
});

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await startSandboxes();
});
afterAll(async () => {
	await stopAllN8nServers();
	await sandboxes?.stop();
});

it('every per-provider package is covered here', () => {
	expect(PACKAGES.map(({ name }) => name).sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(PACKAGES)('$name alone in real n8n', ({ name, dir }) => {
	const expected = EXPECTED[name];
	let folder: UserFolder;

	beforeAll(async () => {
		folder = await createUserFolder({ packageDirs: [dir] });
		await importCredentials(folder.dir, [sandboxes.credentials[expected.provider]]);
	});
	afterAll(async () => {
		await folder?.remove();
	});

	it("runs the package's lifecycle example", async () => {
		const lifecycle = LIFECYCLES[expected.provider];
		const values = lifecycle.prepare(sandboxes);
		const flow = exampleWorkflow(
			join(REPO_ROOT, dir, 'examples'),
			lifecycle.file,
			sandboxes,
			values,
		);
		expect(
			flow.nodes.filter((node) => node.type.startsWith('n8n-nodes-ticketing')).map((n) => n.type),
		).toEqual(expect.arrayContaining([`${name}.${expected.action}`]));
		await importWorkflows(folder.dir, [flow]);
		const result = await executeWorkflow(folder.dir, flow.id);
		if (!result.run) throw new Error(describeCli(result));
		expect(result.error).toBeUndefined();
		lifecycle.verify(result.run, sandboxes, values);
	});

	it('n8n start loads exactly its nodes, their AI-tool variants and its credentials', async () => {
		const server = await N8nServer.start(folder.dir);
		try {
			await server.setupOwner();
			const nodeTypes = (await server.nodeTypes()).map((type) => type.name);
			const ours = nodeTypes.filter((type) => type.startsWith('n8n-nodes-ticketing'));
			expect(ours.sort()).toEqual(expected.nodes.map((node) => `${name}.${node}`).sort());
			expect(nodeTypes).toContain('n8n-nodes-base.manualTrigger');

			const credentialTypes = (await server.credentialTypes()).map((type) => type.name);
			expect(credentialTypes.filter((type) => ALL_CREDENTIALS.includes(type)).sort()).toEqual(
				expected.credentials,
			);
		} finally {
			await server.stop();
		}
	});
});

describe('a per-provider package beside the combined pack', () => {
	let folder: UserFolder;
	const zaiaPackage = PROVIDERS.zaia.packageName;

	beforeAll(async () => {
		folder = await createUserFolder({ packageDirs: ['.', join('packages', zaiaPackage)] });
		await importCredentials(folder.dir, [sandboxes.credentials.zaia]);
	});
	afterAll(async () => {
		await folder?.remove();
	});

	it('both sets of node types load; one saved credential serves the nodes of both', async () => {
		const ticket = sandboxes.zaia.addTicket();
		const credential = sandboxes.credentials.zaia;
		const get = (name: string, type: string) => ({
			name,
			type,
			typeVersion: 1,
			parameters: {
				resource: 'ticket',
				operation: 'get',
				ticketId: { __rl: true, mode: 'id', value: ticket.id },
			},
			credentials: { zaiaApi: { id: credential.id, name: credential.name } },
		});
		const flow = workflow('E2E: both packages', [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			get('Combined', 'n8n-nodes-ticketing.zaia'),
			get('Per provider', `${zaiaPackage}.zaia`),
		]);
		await importWorkflows(folder.dir, [flow]);
		const result = await executeWorkflow(folder.dir, flow.id);
		if (!result.run) throw new Error(describeCli(result));
		expect(result.error).toBeUndefined();
		expect(nodeOutput(result.run, 'Combined')).toEqual([sandboxes.zaia.ticketDetail(ticket.id)]);
		expect(nodeOutput(result.run, 'Per provider')).toEqual([
			sandboxes.zaia.ticketDetail(ticket.id),
		]);

		const server = await N8nServer.start(folder.dir);
		try {
			await server.setupOwner();
			const nodeTypes = (await server.nodeTypes()).map((type) => type.name);
			expect(nodeTypes).toEqual(
				expect.arrayContaining([
					'n8n-nodes-ticketing.zaia',
					'n8n-nodes-ticketing.gorgias',
					`${zaiaPackage}.zaia`,
					`${zaiaPackage}.zaiaTrigger`,
				]),
			);
			// n8n lists a credential type once per package that defines it; both entries are the
			// same type (name and fields), and a saved credential of it served both nodes above
			const zaiaApi = (await server.credentialTypes()).filter((type) => type.name === 'zaiaApi');
			expect(zaiaApi).toHaveLength(2);
			const fields = zaiaApi.map(({ displayName, properties }) =>
				JSON.stringify({ displayName, properties }),
			);
			expect(fields[0]).toBe(fields[1]);
		} finally {
			await server.stop();
		}
	});
});

/**
 * n8n 3.0 turns unverified community packages off by default (N8N_UNVERIFIED_PACKAGES_ENABLED
 * =false). On n8n 2.41 that setting refuses installs from the Community Nodes screen of any
 * package n8n has not verified, while a package already in ~/.n8n/nodes still loads (n8n
 * 3.0's upgrade check says such packages will stop loading there).
 */
// The switch and its refusal are n8n 2.x's; the 1.x runs of this file skip it.
const onN8n2 = n8nVersion().startsWith('2.') ? describe : describe.skip;

onN8n2('with unverified community packages switched off, as n8n 3.0 will default to', () => {
	let folder: UserFolder;
	const zaiaPackage = PROVIDERS.zaia.packageName;

	beforeAll(async () => {
		folder = await createUserFolder({ packageDirs: [join('packages', zaiaPackage)] });
	});
	afterAll(async () => {
		await folder?.remove();
	});

	it('an installed package still loads; the Community Nodes screen refuses to install another', async () => {
		const server = await N8nServer.start(folder.dir, {
			env: { N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' },
		});
		try {
			await server.setupOwner();
			const nodeTypes = (await server.nodeTypes()).map((type) => type.name);
			expect(nodeTypes).toEqual(
				expect.arrayContaining([`${zaiaPackage}.zaia`, `${zaiaPackage}.zaiaTrigger`]),
			);
			const settings = await server.rest<{ unverifiedCommunityNodesEnabled?: boolean }>(
				'GET',
				'/rest/settings',
			);
			expect(settings.unverifiedCommunityNodesEnabled).toBe(false);
			// The same request the screen's Install button sends; refused before npm is asked.
			const install = await server.request('POST', '/rest/community-packages', {
				body: { name: PROVIDERS.gurusup.packageName },
			});
			expect(install.status).toBeGreaterThanOrEqual(400);
			expect(JSON.stringify(install.body)).toMatch(
				/Installation of unverified community packages is forbidden/,
			);
			const after = (await server.nodeTypes()).map((type) => type.name);
			expect(after.filter((type) => type.startsWith(PROVIDERS.gurusup.packageName))).toEqual([]);
		} finally {
			await server.stop();
		}
	});
});
