/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * Each per-provider package alone in real n8n 2.41, installed into a fresh user folder the way
 * the Community Nodes screen installs it: exactly its nodes (and their AI-tool variants) and
 * credentials load, and its lifecycle example (packages/<name>/examples/) runs.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import {
	createUserFolder,
	describeCli,
	nodeOutput,
	workflow,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackages,
	N8nServer,
	REPO_ROOT,
	runN8nOk,
	stopAllN8nServers,
	uninstallPackage,
} from '../../dev/n8n';
import type { OwnerAccount, UserFolder, WorkflowFile } from '../../dev/n8n';
import { ZAIA_ROUTES } from '../../dev/sandboxes/zaia';
import { PROVIDER_KEYS, PROVIDERS } from '../../dev/providers';
import { n8nVersion } from '../../dev/n8n/env';
import { exampleWorkflow, LIFECYCLES, startSandboxes } from './lifecycles';
import type { Provider, Sandboxes } from './lifecycles';
import { POLL_TIMES } from './triggers';

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

// The 1.x runs of this file skip what is n8n 2.x's, or checked on 2.41 only.
const onN8n2 = n8nVersion().startsWith('2.') ? describe : describe.skip;
const itOnN8n2 = n8nVersion().startsWith('2.') ? it : it.skip;

/** The trigger of the migration test below. */
const MIGRATED_TRIGGER = 'New hand-over';

const ref = (provider: 'zaia' | 'gorgias') => ({
	id: sandboxes.credentials[provider].id,
	name: sandboxes.credentials[provider].name,
});

/** Manual → Zaia Get → Gorgias Get, and the two providers' AI-tool variants beside them. */
function mixedWorkflow(zaiaTicket: string, gorgiasTicket: number): WorkflowFile {
	const flow = workflow('Migration: Zaia and Gorgias', [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{
			name: 'Zaia ticket',
			type: 'n8n-nodes-ticketing.zaia',
			typeVersion: 1,
			parameters: {
				resource: 'ticket',
				operation: 'get',
				ticketId: { __rl: true, mode: 'id', value: zaiaTicket },
			},
			credentials: { zaiaApi: ref('zaia') },
		},
		{
			name: 'Gorgias ticket',
			type: 'n8n-nodes-ticketing.gorgias',
			typeVersion: 1,
			parameters: {
				authentication: 'apiKey',
				resource: 'ticket',
				operation: 'get',
				ticketId: { __rl: true, mode: 'id', value: String(gorgiasTicket) },
			},
			credentials: { gorgiasApi: ref('gorgias') },
		},
	]);
	// The AI-tool variants as an agent would use them; nothing runs them here.
	for (const [name, type, credentials, parameters] of [
		['Zaia tool', 'n8n-nodes-ticketing.zaiaTool', { zaiaApi: ref('zaia') }, {}],
		[
			'Gorgias tool',
			'n8n-nodes-ticketing.gorgiasTool',
			{ gorgiasApi: ref('gorgias') },
			{ authentication: 'apiKey' },
		],
	] as const) {
		flow.nodes.push({
			id: `${flow.id}-${name}`,
			name,
			type,
			typeVersion: 1,
			position: [440, 300],
			parameters: { ...parameters, resource: 'ticket', operation: 'get' },
			credentials,
		});
	}
	return flow;
}

/** The ids each execution of `workflowId` emitted from the trigger, oldest execution first. */
async function emittedByExecution(server: N8nServer, workflowId: string): Promise<string[][]> {
	const summaries = await server.listExecutions({ workflowId });
	summaries.sort((a, b) => Number(a.id) - Number(b.id));
	const emitted: string[][] = [];
	for (const summary of summaries) {
		const detail = await server.getExecution(summary.id);
		const items = detail.data.resultData.runData[MIGRATED_TRIGGER]?.[0]?.data?.main?.[0] ?? [];
		emitted.push(items.map((item) => String(item.json.id)));
	}
	return emitted;
}

/** Waits until the Zaia sandbox has answered `count` more polls than `since`. */
async function polls(since: number, count: number): Promise<number> {
	const listed = () => sandboxes.zaia.requestsTo(ZAIA_ROUTES.listTickets).length;
	const deadline = Date.now() + 60_000;
	while (listed() < since + count) {
		if (Date.now() > deadline) throw new Error(`no Zaia poll after ${since} in 60 s`);
		await sleep(250);
	}
	return listed();
}

describe('a per-provider package beside the combined pack', () => {
	let folder: UserFolder;
	const zaiaPackage = PROVIDERS.zaia.packageName;

	beforeAll(async () => {
		folder = await createUserFolder({ packageDirs: ['.', join('packages', zaiaPackage)] });
		await importCredentials(folder.dir, [
			sandboxes.credentials.zaia,
			sandboxes.credentials.gorgias,
		]);
	});
	afterAll(async () => {
		await folder?.remove();
	});

	/** The owner is set up by the first server on this folder; the next ones log in. */
	let owner: OwnerAccount | undefined;
	async function signIn(server: N8nServer): Promise<void> {
		if (owner) await server.login(owner.email, owner.password);
		else owner = await server.setupOwner();
	}

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
			await signIn(server);
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

	/**
	 * docs/packages.md "Moving between packages", step by step on this n8n (it shares the user
	 * folder, where the Zaia package sits already and the workflow of the test above is one more
	 * to move): workflows built with the combined pack (a mixed Zaia → Gorgias workflow with both AI-tool variants, and an active Zaia
	 * Trigger that has emitted a ticket) exported with n8n's CLI, rewritten by
	 * scripts/migrate-workflows.mjs, imported after the per-provider packages are installed and
	 * the combined pack is removed. The trigger keeps its state (static data, kept by export and
	 * import under the unchanged node name): what it emitted before is not emitted again, and what
	 * arrived meanwhile and after is emitted once. Run on 2.x only, to keep the 1.x runs short.
	 */
	itOnN8n2(
		'moving: export, rewrite, import; every node on its package, the trigger keeps its state',
		async () => {
			const zaiaTicket = sandboxes.zaia.addTicket({ status: 'pending' });
			const gorgiasTicket = sandboxes.gorgias.addTicket({});
			const mixed = mixedWorkflow(zaiaTicket.id, gorgiasTicket.id);
			const trigger = workflow('Migration: Zaia Trigger', [
				{
					name: MIGRATED_TRIGGER,
					type: 'n8n-nodes-ticketing.zaiaTrigger',
					typeVersion: 1,
					parameters: { event: 'newTicket', statuses: ['pending'], pollTimes: POLL_TIMES },
					credentials: { zaiaApi: ref('zaia') },
				},
				{ name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			]);
			await importWorkflows(folder.dir, [mixed, trigger]);

			// Before: the trigger runs under the combined pack and emits one ticket.
			const before = await N8nServer.start(folder.dir);
			let emittedBefore: string;
			try {
				await signIn(before);
				const atStart = sandboxes.zaia.requestsTo(ZAIA_ROUTES.listTickets).length;
				await before.activateWorkflow(trigger.id);
				// The first poll starts from "now"; the ticket after it is the trigger's to emit.
				await polls(atStart, 1);
				await sleep(1_000);
				emittedBefore = sandboxes.zaia.addTicket({ status: 'pending' }).id;
				await before.waitForExecutions(trigger.id, 1);
				expect(await emittedByExecution(before, trigger.id)).toEqual([[emittedBefore]]);
				// Step 1 of the procedure: deactivate the workflows with triggers of the pack.
				await before.deactivateWorkflow(trigger.id);
			} finally {
				await before.stop();
			}

			// Export, as docs/packages.md says.
			const exported = join(folder.dir, 'export');
			const migrated = join(folder.dir, 'migrated');
			mkdirSync(exported);
			await runN8nOk(folder.dir, [
				'export:workflow',
				'--all',
				'--separate',
				`--output=${exported}`,
			]);
			const exportedTrigger = JSON.parse(
				readFileSync(join(exported, `${trigger.id}.json`), 'utf8'),
			) as WorkflowFile & { staticData?: Record<string, unknown> };
			expect(exportedTrigger.staticData).toHaveProperty([`node:${MIGRATED_TRIGGER}`]);

			// Rewrite.
			const { stdout } = await promisify(execFile)(
				process.execPath,
				[join(REPO_ROOT, 'scripts', 'migrate-workflows.mjs'), exported, '--output', migrated],
				{ encoding: 'utf8' },
			);
			expect(stdout).toContain(`"Migration: Zaia and Gorgias" (${mixed.id}): 4 node(s) moved`);
			expect(stdout).toContain(`"Migration: Zaia Trigger" (${trigger.id}): 1 node(s) moved`);
			expect(stdout).toContain(
				`packages these workflows need: ${PROVIDERS.gorgias.packageName}, ${PROVIDERS.zaia.packageName}`,
			);

			// Install the per-provider packages, import, remove the combined pack.
			// The Zaia package is installed already (beforeAll).
			await installPackages(folder.dir, [join('packages', PROVIDERS.gorgias.packageName)]);
			await runN8nOk(folder.dir, ['import:workflow', '--separate', `--input=${migrated}`]);
			await uninstallPackage(folder.dir, 'n8n-nodes-ticketing');

			const result = await executeWorkflow(folder.dir, mixed.id);
			if (!result.run) throw new Error(describeCli(result));
			expect(result.error).toBeUndefined();
			expect(nodeOutput(result.run, 'Zaia ticket')).toEqual([
				sandboxes.zaia.ticketDetail(zaiaTicket.id),
			]);
			expect(nodeOutput(result.run, 'Gorgias ticket').map((ticket) => ticket.id)).toEqual([
				gorgiasTicket.id,
			]);

			// A ticket that arrives while the packages are swapped, and one after.
			const meanwhile = sandboxes.zaia.addTicket({ status: 'pending' }).id;
			const after = await N8nServer.start(folder.dir);
			try {
				await signIn(after);
				const nodeTypes = new Set((await after.nodeTypes()).map((type) => type.name));
				expect([...nodeTypes].filter((type) => type.startsWith('n8n-nodes-ticketing.'))).toEqual(
					[],
				);
				for (const id of [mixed.id, trigger.id]) {
					const stored = await after.getWorkflow(id);
					for (const node of stored.nodes as Array<{ name: string; type: string }>)
						expect([node.name, nodeTypes.has(node.type)]).toEqual([node.name, true]);
				}
				expect(
					((await after.getWorkflow(mixed.id)).nodes as Array<{ type: string }>).map((n) => n.type),
				).toEqual([
					'n8n-nodes-base.manualTrigger',
					`${PROVIDERS.zaia.packageName}.zaia`,
					`${PROVIDERS.gorgias.packageName}.gorgias`,
					`${PROVIDERS.zaia.packageName}.zaiaTool`,
					`${PROVIDERS.gorgias.packageName}.gorgiasTool`,
				]);

				const atStart = sandboxes.zaia.requestsTo(ZAIA_ROUTES.listTickets).length;
				await after.activateWorkflow(trigger.id);
				await after.waitForExecutions(trigger.id, 2);
				const later = sandboxes.zaia.addTicket({ status: 'pending' }).id;
				await after.waitForExecutions(trigger.id, 3);
				// One more poll: nothing is emitted twice.
				await polls(sandboxes.zaia.requestsTo(ZAIA_ROUTES.listTickets).length, 1);
				await sleep(1_000);
				expect(sandboxes.zaia.requestsTo(ZAIA_ROUTES.listTickets).length).toBeGreaterThan(
					atStart + 2,
				);
				expect(await emittedByExecution(after, trigger.id)).toEqual([
					[emittedBefore],
					[meanwhile],
					[later],
				]);
			} finally {
				await after.stop();
			}
		},
	);
});

/**
 * n8n 3.0 turns unverified community packages off by default (N8N_UNVERIFIED_PACKAGES_ENABLED
 * =false). On n8n 2.41 that setting refuses installs from the Community Nodes screen of any
 * package n8n has not verified, while a package already in ~/.n8n/nodes still loads (n8n
 * 3.0's upgrade check says such packages will stop loading there). The switch and its
 * refusal are n8n 2.x's.
 */
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
