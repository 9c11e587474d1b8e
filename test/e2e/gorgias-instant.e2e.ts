/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * The Gorgias additions in real n8n 2.41, against the loopback Gorgias sandbox:
 * 1. `n8n execute`: Customer Create → Customer Get → Ticket Create for that customer with a
 *    custom field → Ticket Update of another custom field → Ticket Get (Simplify).
 * 2. `n8n start`: activating a Gorgias Instant Trigger workflow creates the HTTP integration;
 *    a ticket created in the sandbox is delivered to n8n's production webhook and starts one
 *    execution; the same delivery again and a call without the secret start none;
 *    deactivating deletes the integration.
 * 3. On n8n's default activation path (workflow publication service on): while n8n is down
 *    Gorgias disables the integration after failed calls; a restart leaves it disabled (n8n does
 *    not run the trigger's checks for a webhook it has registered already); deactivating and
 *    activating replaces it, and the first call of the new one emits the missed tickets once.
 * 4. With `N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false` (n8n's older activation path) a restart
 *    does check it: the disabled integration is replaced at start, with a warning in n8n's log.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from 'undici';

import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { GORGIAS_ROUTES, startGorgiasSandbox } from '../../dev/sandboxes/gorgias';
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
	stopAllN8nServers,
	workflow,
} from '../../dev/n8n';
import type { CredentialFile, OwnerAccount, UserFolder } from '../../dev/n8n';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Waits for something n8n does in the background; fails with `what` after 30 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
		await sleep(200);
	}
}

describe('Gorgias customers, custom fields and the instant trigger in real n8n', () => {
	let sandbox: GorgiasSandbox;
	let folder: UserFolder;
	let credential: CredentialFile;
	let credentials: Record<string, { id: string; name: string }>;

	beforeAll(async () => {
		// Three failed calls in a row disable an integration (Gorgias: 100).
		sandbox = await startGorgiasSandbox({ bucket: false, integrationFailureLimit: 3 });
		folder = await createUserFolder();
		credential = {
			id: newN8nId(),
			name: 'Gorgias sandbox',
			type: 'gorgiasApi',
			data: {
				subdomain: 'acme',
				email: sandbox.email,
				apiKey: sandbox.apiKey,
				baseUrlOverride: sandbox.baseUrl,
			},
		};
		credentials = { gorgiasApi: { id: credential.id, name: credential.name } };
		await importCredentials(folder.dir, [credential]);
	});
	afterAll(async () => {
		await stopAllN8nServers();
		await folder?.remove();
		await sandbox?.stop();
	});

	const gorgias = (name: string, parameters: Record<string, unknown>) => ({
		name,
		type: `${PACKAGE_NAME}.gorgias`,
		typeVersion: 1,
		parameters: { authentication: 'apiKey', ...parameters },
		credentials,
	});

	it('n8n execute: customer create and get, ticket with custom fields, update, simplify, a note with an attachment and its download', async () => {
		const agent = sandbox.addUser({ name: 'Ana' });
		const guide = Buffer.from('%PDF-1.4 returns guide \u00ff');
		const hosted = sandbox.addFile('returns.pdf', guide, 'application/pdf');
		// The sandbox's signed-file route serves it without credentials, like any file host.
		const fileUrl = `${sandbox.baseUrl}/signed/${hosted.url.split('/').slice(-2).join('/')}`;
		const tier = sandbox.addCustomField({ label: 'Tier' });
		const score = sandbox.addCustomField({
			label: 'Score',
			definition: { data_type: 'number', input_settings: { input_type: 'input_number' } },
		});
		const flow = workflow('E2E: Gorgias customers and custom fields', [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			gorgias('Create Customer', {
				resource: 'customer',
				operation: 'create',
				email: 'e2e@shop.example',
				additionalFields: { name: 'Eve Tester' },
			}),
			gorgias('Get Customer', {
				resource: 'customer',
				operation: 'get',
				customerId: rl('={{ $json.id }}'),
			}),
			gorgias('Update Customer', {
				resource: 'customer',
				operation: 'update',
				customerId: rl('={{ $json.id }}'),
				updateFields: { language: 'fr', note: 'VIP' },
			}),
			gorgias('Find Customer', {
				resource: 'customer',
				operation: 'getMany',
				returnAll: true,
				filters: { email: 'e2e@shop.example' },
			}),
			gorgias('Create Ticket', {
				resource: 'ticket',
				operation: 'create',
				channel: 'api',
				customer: rl('={{ $json.id }}'),
				body: 'My parcel is late',
				customFields: { values: [{ field: String(tier.id), value: 'gold' }] },
			}),
			gorgias('Update Ticket', {
				resource: 'ticket',
				operation: 'update',
				ticketId: rl('={{ $json.id }}'),
				customFields: { values: [{ field: String(score.id), value: '8' }] },
			}),
			gorgias('Get Ticket', {
				resource: 'ticket',
				operation: 'get',
				ticketId: rl('={{ $json.id }}'),
				simplify: true,
			}),
			{
				name: 'Fetch File',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					url: fileUrl,
					options: { response: { response: { responseFormat: 'file' } } },
				},
			},
			gorgias('Note With File', {
				resource: 'message',
				operation: 'create',
				ticketId: rl("={{ $('Get Ticket').item.json.id }}"),
				kind: 'internalNote',
				senderUser: rl(String(agent.id)),
				body: 'Returns guide attached',
				attachments: 'data',
			}),
			gorgias('Get Messages', {
				resource: 'message',
				operation: 'getMany',
				ticketId: rl("={{ $('Get Ticket').item.json.id }}"),
				returnAll: true,
				downloadAttachments: true,
			}),
		]);
		await importWorkflows(folder.dir, [flow]);
		const result = await executeWorkflow(folder.dir, flow.id);
		if (result.code !== 0 || !result.run) throw new Error(describeCli(result));
		expect(result.error).toBeUndefined();

		const [customer] = nodeOutput(result.run, 'Create Customer');
		expect(customer).toMatchObject({ email: 'e2e@shop.example', name: 'Eve Tester' });
		expect(nodeOutput(result.run, 'Get Customer')).toEqual([customer]);
		expect(nodeOutput(result.run, 'Update Customer')).toEqual([
			expect.objectContaining({ id: customer.id, language: 'fr', note: 'VIP' }),
		]);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.updateCustomer).map((call) => call.body)).toEqual([
			{ language: 'fr', note: 'VIP' },
		]);
		expect(nodeOutput(result.run, 'Find Customer')).toEqual([
			expect.objectContaining({ id: customer.id, email: 'e2e@shop.example', language: 'fr' }),
		]);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.listCustomers).map((call) => call.query)).toEqual([
			expect.objectContaining({ email: 'e2e@shop.example' }),
		]);
		const [ticket] = nodeOutput(result.run, 'Create Ticket');
		expect(ticket).toMatchObject({ customer: { id: customer.id } });
		expect(nodeOutput(result.run, 'Get Ticket')).toEqual([
			expect.objectContaining({
				id: String(ticket.id),
				customer: { id: String(customer.id), name: 'Eve Tester', email: 'e2e@shop.example' },
				customFields: { Tier: 'gold', Score: 8 },
			}),
		]);
		// Update wrote the one field it changed; Create's value was never rewritten.
		expect(sandbox.requestsTo(GORGIAS_ROUTES.replaceTicketCustomFields)).toEqual([]);
		expect(
			sandbox
				.requestsTo(GORGIAS_ROUTES.setTicketCustomField)
				.map((call) => [call.path, call.body]),
		).toEqual([[`/api/tickets/${ticket.id}/custom-fields/${score.id}`, 8]]);

		// The file went up as multipart and came back down through the signed redirect.
		const [note] = nodeOutput(result.run, 'Note With File');
		expect(note).toMatchObject({
			channel: 'internal-note',
			attachments: [expect.objectContaining({ name: 'returns.pdf', size: guide.length })],
		});
		const uploaded = [...sandbox.files.values()].filter(
			(file) => file.hash !== hosted.url.split('/')[3],
		);
		expect(uploaded.map((file) => file.data)).toEqual([guide]);
		const messages = result.run.data.resultData.runData['Get Messages'][0].data?.main?.[0] ?? [];
		const withFile = messages.find((item) => item.binary);
		expect(withFile?.binary?.attachment_0).toMatchObject({
			fileName: 'returns.pdf',
			mimeType: 'application/pdf',
		});
		expect(
			sandbox.requestsTo(GORGIAS_ROUTES.signedFile).every((call) => !call.headers.authorization),
		).toBe(true);
	});

	describe('n8n start', () => {
		let server: N8nServer | undefined;
		let owner: OwnerAccount;
		const flowId = newN8nId();
		const webhookId = randomUUID();

		beforeAll(async () => {
			await importWorkflows(folder.dir, [
				workflow(
					'E2E: Gorgias instant trigger',
					[
						{
							name: 'Gorgias Instant Trigger',
							type: `${PACKAGE_NAME}.gorgiasInstantTrigger`,
							typeVersion: 1,
							webhookId,
							parameters: { authentication: 'apiKey', events: ['ticket-created'] },
							credentials,
						},
					],
					{},
					flowId,
				),
			]);
			server = await N8nServer.start(folder.dir);
			owner = await server.setupOwner();
		});
		afterAll(async () => {
			await server?.stop();
		});

		const createTicket = async () => {
			const response = await request(`${sandbox.baseUrl}/api/tickets`, {
				method: 'POST',
				headers: {
					authorization: sandbox.basicAuthorization,
					'content-type': 'application/json',
				},
				body: JSON.stringify({
					customer: { email: 'ann@shop.example' },
					channel: 'api',
					messages: [
						{
							channel: 'api',
							via: 'api',
							from_agent: false,
							sender: { email: 'ann@shop.example' },
							body_text: 'Hello again',
						},
					],
				}),
			});
			const ticket = (await response.body.json()) as { id: number };
			await sandbox.deliveriesSettled();
			return ticket.id;
		};
		const active = () =>
			[...sandbox.state.integrations.values()].filter(
				(entry) => entry.deactivated_datetime === null,
			);
		const idsOf = async (executionId: string) =>
			(await server!.getExecution(executionId)).data.resultData.runData[
				'Gorgias Instant Trigger'
			][0].data?.main?.[0]?.map((item) => item.json.id);

		it('activation wires an integration; a new ticket runs the workflow once; deactivation removes it', async () => {
			sandbox.reset();
			expect((await server!.activateWorkflow(flowId)).active).toBe(true);
			// n8n 2.41 applies a publication in the background (its publication outbox).
			await until(() => sandbox.state.integrations.size > 0, 'the integration is created');
			const integrations = [...sandbox.state.integrations.values()];
			const url = `${server!.baseUrl}/webhook/${webhookId}/webhook?event=ticket-created`;
			expect(integrations.map((entry) => entry.http.url)).toEqual([url]);

			const created = await request(`${sandbox.baseUrl}/api/tickets`, {
				method: 'POST',
				headers: { authorization: sandbox.basicAuthorization, 'content-type': 'application/json' },
				body: JSON.stringify({
					customer: { email: 'ann@shop.example' },
					channel: 'api',
					messages: [
						{
							channel: 'api',
							via: 'api',
							from_agent: false,
							sender: { email: 'ann@shop.example' },
							body_text: 'Where is my order?',
						},
					],
				}),
			});
			const ticket = (await created.body.json()) as { id: number };
			await sandbox.deliveriesSettled();
			expect(sandbox.deliveries.map((delivery) => delivery.status)).toEqual([200]);

			const [execution] = await server!.waitForExecutions(flowId, 1, 30_000);
			expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
			const detail = await server!.getExecution(execution.id);
			const items = detail.data.resultData.runData['Gorgias Instant Trigger'][0].data?.main?.[0];
			expect(items?.map((item) => item.json.id)).toEqual([ticket.id]);

			// Gorgias retrying the same call: answered, and no second execution.
			sandbox.redeliver(sandbox.deliveries[0]);
			await sandbox.deliveriesSettled();
			expect(sandbox.deliveries[1]).toMatchObject({ status: 200 });
			expect(JSON.parse(sandbox.deliveries[1].response ?? '{}')).toEqual({
				received: true,
				duplicate: true,
			});

			// Anyone else who knows the URL: refused.
			const forged = await request(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ticket: sandbox.ticket(ticket.id) }),
			});
			expect(forged.statusCode).toBe(401);
			expect(await forged.body.json()).toEqual({ message: 'Unauthorized' });

			expect((await server!.deactivateWorkflow(flowId)).active).toBe(false);
			await until(() => sandbox.state.integrations.size === 0, 'the integration is deleted');
			// Neither the repeated delivery nor the forged call started an execution.
			expect(await server!.countExecutions({ workflowId: flowId })).toBe(1);
			expect(
				sandbox.requestsTo(GORGIAS_ROUTES.deleteIntegration).map((call) => call.status),
			).toEqual([204]);
		});

		it('a disabled integration: a restart leaves it, deactivate + activate replaces it and replays the missed tickets once', async () => {
			expect((await server!.activateWorkflow(flowId)).active).toBe(true);
			await until(() => active().length === 1, 'the integration is created');
			const [wired] = active();
			const seen = await createTicket();
			const afterSeen = await server!.waitForExecutions(flowId, 2, 30_000);
			expect(await idsOf(afterSeen[0].id)).toEqual([seen]);
			const reads = () => sandbox.requestsTo(GORGIAS_ROUTES.listEvents).length;
			const readsBefore = reads();

			// n8n down: three failed calls disable the integration; the next ticket has no call.
			const port = Number(new URL(server!.baseUrl).port);
			await server!.stop();
			const missed = [await createTicket(), await createTicket(), await createTicket()];
			expect(sandbox.integration(wired.id)?.deactivated_datetime).toEqual(expect.any(String));
			missed.push(await createTicket());
			expect(sandbox.deliveries.filter((call) => call.status === null)).toHaveLength(3);

			// Restarted with defaults: the registered webhook is not checked, nothing replaces it
			// (n8n reconciles publications at start and every 10 s: wait past one round).
			const mark = sandbox.requests.length;
			server = await N8nServer.start(folder.dir, { port });
			await server.login(owner.email, owner.password);
			await sleep(11_000);
			expect(
				sandbox.requests.slice(mark).filter((call) => call.path.startsWith('/api/integrations')),
			).toEqual([]);
			expect(active()).toEqual([]);

			// The admin's fix: deactivate and activate.
			expect((await server.deactivateWorkflow(flowId)).active).toBe(false);
			await until(() => sandbox.state.integrations.size === 0, 'the integrations are deleted');
			expect((await server.activateWorkflow(flowId)).active).toBe(true);
			await until(() => active().length === 1, 'a new integration is created');
			expect(sandbox.integration(wired.id)).toBeUndefined();

			// Its first call emits the missed tickets, oldest first, then its own, in one execution.
			const current = await createTicket();
			const afterReplay = await server.waitForExecutions(flowId, 3, 30_000);
			expect(afterReplay[0]).toMatchObject({ status: 'success', mode: 'webhook' });
			expect(await idsOf(afterReplay[0].id)).toEqual([...missed, current]);
			expect(reads()).toBe(readsBefore + 1);

			// Once: the next ticket runs alone, and reads no events.
			const next = await createTicket();
			const last = await server.waitForExecutions(flowId, 4, 30_000);
			expect(await idsOf(last[0].id)).toEqual([next]);
			expect(reads()).toBe(readsBefore + 1);
			expect(await server.countExecutions({ workflowId: flowId })).toBe(4);
		});

		it('with N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false a restart replaces the disabled integration, logs it, and the next call replays', async () => {
			const [wired] = active();
			const port = Number(new URL(server!.baseUrl).port);
			await server!.stop();
			const missed = [await createTicket(), await createTicket(), await createTicket()];
			expect(sandbox.integration(wired.id)?.deactivated_datetime).toEqual(expect.any(String));

			server = await N8nServer.start(folder.dir, {
				port,
				env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' },
			});
			await until(() => active().length === 1, 'the start replaces the integration');
			expect(sandbox.integration(wired.id)).toBeUndefined();
			expect(server.output).toContain(`Gorgias disabled HTTP integration ${wired.id}`);

			await server.login(owner.email, owner.password);
			const current = await createTicket();
			const [latest] = await server.waitForExecutions(flowId, 5, 30_000);
			expect(await idsOf(latest.id)).toEqual([...missed, current]);
		});
	});
});
