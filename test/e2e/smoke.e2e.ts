/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * Smoke tests of the real-n8n machinery: the packed pack installed into a fresh n8n 2.41 user
 * folder, n8n run on Node 24 against the loopback Zaia sandbox.
 *
 * 1. CLI: import a credential and a Manual Trigger → Zaia (Get) workflow, `n8n execute` it.
 * 2. Server: `n8n start` lists every node and credential type of the pack; activating a Zaia
 *    Trigger workflow polls the sandbox, and its execution is readable over the REST API.
 */
import { join } from 'node:path';

import type { ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { startZaiaSandbox, ZAIA_ROUTES } from '../../dev/sandboxes/zaia';
import {
	createUserFolder,
	describeCli,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	newN8nId,
	N8nServer,
	nodeOutput,
	PACKAGE_NAME,
	REPO_ROOT,
	stopAllN8nServers,
	workflow,
} from '../../dev/n8n';
import type { CredentialFile, UserFolder } from '../../dev/n8n';

interface PackageJson {
	n8n: { nodes: string[]; credentials: string[] };
}

/** Node and credential type names as the built pack declares them (package.json → dist). */
async function declaredTypes(): Promise<{ nodes: string[]; credentials: string[] }> {
	const pkg = (await import(join(REPO_ROOT, 'package.json'))) as PackageJson;
	const instances = async (files: string[]) =>
		await Promise.all(
			files.map(async (file) => {
				const exported = (await import(join(REPO_ROOT, file))) as Record<string, new () => unknown>;
				return Object.values(exported).map((Type) => new Type());
			}),
		);
	const nodes = (await instances(pkg.n8n.nodes))
		.flat()
		.map(
			(node) => `${PACKAGE_NAME}.${(node as { description: { name: string } }).description.name}`,
		);
	const credentials = (await instances(pkg.n8n.credentials))
		.flat()
		.map((credential) => (credential as { name: string }).name);
	return { nodes, credentials };
}

function zaiaCredential(sandbox: ZaiaSandbox): CredentialFile {
	return {
		id: newN8nId(),
		name: 'Zaia sandbox',
		type: 'zaiaApi',
		data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl },
	};
}

const credentialRef = (credential: CredentialFile) => ({
	zaiaApi: { id: credential.id, name: credential.name },
});

describe('real n8n 2.41 with the pack installed', () => {
	let sandbox: ZaiaSandbox;

	beforeAll(async () => {
		sandbox = await startZaiaSandbox();
	});
	afterAll(async () => {
		await stopAllN8nServers();
		await sandbox?.stop();
	});
	beforeEach(() => sandbox.reset());

	describe('CLI: import and execute', () => {
		let folder: UserFolder;
		beforeAll(async () => {
			folder = await createUserFolder();
		});
		afterAll(async () => {
			await folder?.remove();
		});

		it('runs Manual Trigger → Zaia Get against the sandbox', async () => {
			const ticket = sandbox.addTicket();
			const credential = zaiaCredential(sandbox);
			const flow = workflow('E2E smoke: Zaia get', [
				{
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					parameters: {},
				},
				{
					name: 'Zaia',
					type: `${PACKAGE_NAME}.zaia`,
					typeVersion: 1,
					parameters: {
						resource: 'ticket',
						operation: 'get',
						ticketId: { __rl: true, mode: 'id', value: ticket.id },
					},
					credentials: credentialRef(credential),
				},
			]);

			await importCredentials(folder.dir, [credential]);
			await importWorkflows(folder.dir, [flow]);
			const result = await executeWorkflow(folder.dir, flow.id);

			if (result.code !== 0 || !result.run) throw new Error(describeCli(result));
			expect(result.error).toBeUndefined();
			const items = nodeOutput(result.run, 'Zaia');
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ id: ticket.id });
			expect(items[0]).toEqual(sandbox.ticketDetail(ticket.id));

			const calls = sandbox.requestsTo(ZAIA_ROUTES.getTicket);
			expect(calls).toHaveLength(1);
			expect(calls[0]).toMatchObject({
				method: 'GET',
				path: `/api/v1/tickets/${ticket.id}/details`,
				status: 200,
			});
			expect(calls[0].headers.authorization).toBe(sandbox.apiKey);
		});
	});

	describe('n8n start', () => {
		let folder: UserFolder;
		let server: N8nServer | undefined;
		let credential: CredentialFile;
		const triggerFlowId = newN8nId();

		beforeAll(async () => {
			folder = await createUserFolder();
			credential = zaiaCredential(sandbox);
			await importCredentials(folder.dir, [credential]);
			await importWorkflows(folder.dir, [
				workflow(
					'E2E smoke: Zaia trigger',
					[
						{
							name: 'Zaia Trigger',
							type: `${PACKAGE_NAME}.zaiaTrigger`,
							typeVersion: 1,
							parameters: {
								pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] },
								event: 'newTicket',
								options: { backfillHours: 1 },
							},
							credentials: credentialRef(credential),
						},
					],
					{},
					triggerFlowId,
				),
			]);
			server = await N8nServer.start(folder.dir);
			await server.setupOwner();
		});
		afterAll(async () => {
			await server?.stop();
			await folder?.remove();
		});

		it('serves every node and credential type of the pack to the editor', async () => {
			const declared = await declaredTypes();
			expect(declared.nodes).toHaveLength(7);
			expect(declared.credentials).toHaveLength(4);

			// A fresh login, the way the editor gets its session.
			await server!.logout();
			await server!.login();

			const nodeTypes = (await server!.nodeTypes()).map((type) => type.name);
			const credentialTypes = (await server!.credentialTypes()).map((type) => type.name);
			expect(nodeTypes).toEqual(expect.arrayContaining(declared.nodes));
			expect(credentialTypes).toEqual(expect.arrayContaining(declared.credentials));
			// n8n's own nodes are there as well: the list is the editor's full catalogue.
			expect(nodeTypes).toContain('n8n-nodes-base.manualTrigger');
		});

		it('activates a Zaia Trigger workflow: it polls the sandbox and its execution is readable', async () => {
			const ticket = sandbox.addTicket({ createdAt: new Date(Date.now() - 60_000).toISOString() });

			const activated = await server!.activateWorkflow(triggerFlowId);
			expect(activated.active).toBe(true);

			// Activation polls once at once; with a 1 h backfill the seeded ticket is emitted.
			const [execution] = await server!.waitForExecutions(triggerFlowId, 1, 60_000);
			expect(execution).toMatchObject({ workflowId: triggerFlowId, status: 'success' });
			const detail = await server!.getExecution(execution.id);
			const items = detail.data.resultData.runData['Zaia Trigger'][0].data?.main?.[0] ?? [];
			expect(items.map((item) => item.json.id)).toEqual([ticket.id]);

			const polls = sandbox.requestsTo(ZAIA_ROUTES.listTickets);
			expect(polls.length).toBeGreaterThan(0);
			expect(polls.every((call) => call.headers.authorization === sandbox.apiKey)).toBe(true);

			const deactivated = await server!.deactivateWorkflow(triggerFlowId);
			expect(deactivated.active).toBe(false);
		});
	});
});
