/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * The pack in real n8n 2.41, as users run it: the examples/ workflows unchanged (only their
 * placeholders filled), every Gorgias channel, paging, an error path, the AI-tool variants,
 * and the three triggers running under `n8n start`.
 */
import { join } from 'node:path';

import {
	createUserFolder,
	describeCli,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	N8nServer,
	nodeOutput,
	PACKAGE_NAME,
	REPO_ROOT,
	stopAllN8nServers,
	workflow,
} from '../../dev/n8n';
import type { CredentialFile, UserFolder, WorkflowFile, WorkflowNode } from '../../dev/n8n';
import { nodeType, PROVIDERS } from '../../dev/providers';
import { exampleWorkflow, LIFECYCLES, startSandboxes } from './lifecycles';
import type { Sandboxes } from './lifecycles';

let sandboxes: Sandboxes;
let folder: UserFolder;

/** The refund macro of the refund-macro example: it tags the ticket and replies. */
const REFUND_ACTIONS = [
	{ name: 'addTags', title: 'Add tags', type: 'user', arguments: { tags: 'refund-sent' } },
	{
		name: 'setResponseText',
		title: 'Reply',
		type: 'user',
		arguments: { body_text: 'Your refund is on its way.' },
	},
];

/** An examples/ workflow as a user imports it, with its placeholders and credential ids filled. */
const example = (file: string, values: Record<string, string> = {}) =>
	exampleWorkflow(join(REPO_ROOT, 'examples'), file, sandboxes, values);

const ref = (type: string, credential: CredentialFile) => ({
	[type]: { id: credential.id, name: credential.name },
});

async function run(flow: WorkflowFile) {
	await importWorkflows(folder.dir, [flow]);
	const result = await executeWorkflow(folder.dir, flow.id);
	if (!result.run) throw new Error(describeCli(result));
	return result;
}

beforeAll(async () => {
	sandboxes = await startSandboxes();
	folder = await createUserFolder();
	await importCredentials(folder.dir, Object.values(sandboxes.credentials));
});
afterAll(async () => {
	await stopAllN8nServers();
	await folder?.remove();
	await sandboxes?.stop();
});

describe('examples/ ticket chains in real n8n', () => {
	it.each(Object.values(LIFECYCLES))('$title', async (lifecycle) => {
		const values = lifecycle.prepare(sandboxes);
		const result = await run(example(lifecycle.file, values));
		expect(result.error).toBeUndefined();
		lifecycle.verify(result.run!, sandboxes, values);
	});
});

describe('more of the pack in real n8n', () => {
	it('Gorgias Create for every channel and direction', async () => {
		const user = sandboxes.gorgias.addUser({ name: 'Bo' });
		const sender = { __rl: true, mode: 'id', value: String(user.id) };
		const variants: Array<[string, Record<string, unknown>]> = [
			['API', { channel: 'api' }],
			[
				'Email in',
				{ channel: 'email', direction: 'incoming', supportEmail: 'support@acme.example' },
			],
			[
				'Email out',
				{
					channel: 'email',
					direction: 'outgoing',
					supportEmail: 'support@acme.example',
					senderUser: sender,
				},
			],
			['Chat in', { channel: 'chat', direction: 'incoming' }],
			['Chat out', { channel: 'chat', direction: 'outgoing', senderUser: sender }],
			[
				'Phone in',
				{
					channel: 'phone',
					direction: 'incoming',
					customerPhone: '+14155550100',
					supportPhone: '+14155550199',
				},
			],
			[
				'SMS out',
				{
					channel: 'sms',
					direction: 'outgoing',
					customerPhone: '+14155550100',
					supportPhone: '+14155550199',
					senderUser: sender,
				},
			],
			['Internal note', { channel: 'internal-note', senderUser: sender }],
		];
		const nodes: WorkflowNode[] = [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			...variants.map(([name, parameters], index) => ({
				name,
				type: `${PACKAGE_NAME}.gorgias`,
				typeVersion: 1,
				position: [440, index * 160] as [number, number],
				parameters: {
					authentication: 'apiKey',
					resource: 'ticket',
					operation: 'create',
					customerEmail: 'lucia@example.com',
					body: `Hello from ${name}`,
					...parameters,
				},
				credentials: ref('gorgiasApi', sandboxes.credentials.gorgias),
			})),
		];
		const connections = {
			Start: { main: [variants.map(([name]) => ({ node: name, type: 'main', index: 0 }))] },
		};
		const result = await run(workflow('E2E: Gorgias channels', nodes, connections));
		expect(result.error).toBeUndefined();
		for (const [name, parameters] of variants) {
			const [ticket] = nodeOutput(result.run!, name);
			const stored = sandboxes.gorgias.ticket(Number(ticket.id));
			expect(stored?.messages?.[0]).toMatchObject({
				channel: parameters.channel,
				body_text: `Hello from ${name}`,
			});
		}
	});

	it('Gorgias View → Get Tickets, User and Team lists', async () => {
		const gorgias = sandboxes.gorgias;
		const view = gorgias.addView({ name: 'E2E view', filter: { tag: 'e2e-view' } });
		const inView = [0, 1, 2].map((i) =>
			gorgias.addTicket({ subject: `E2E view ${i}`, tags: ['e2e-view'] }),
		);
		gorgias.addTicket({ subject: 'not in the view' });
		const agents = ['E2E Ada', 'E2E Bea'].map((name) => gorgias.addUser({ name }));
		const team = gorgias.addTeam({ name: 'E2E squad', member_ids: [agents[0].id] });
		const gorgiasNode = (name: string, parameters: Record<string, unknown>, y: number) => ({
			name,
			type: `${PACKAGE_NAME}.gorgias`,
			typeVersion: 1,
			position: [440, y] as [number, number],
			parameters: { authentication: 'apiKey', ...parameters },
			credentials: ref('gorgiasApi', sandboxes.credentials.gorgias),
		});
		const nodes: WorkflowNode[] = [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			gorgiasNode(
				'View tickets',
				{
					resource: 'view',
					operation: 'getTickets',
					viewId: { __rl: true, mode: 'list', value: String(view.id) },
					returnAll: true,
					orderBy: 'created_datetime:asc',
					simplify: true,
				},
				0,
			),
			gorgiasNode(
				'Agents',
				{ resource: 'user', operation: 'getMany', returnAll: true, filters: { search: 'E2E' } },
				160,
			),
			gorgiasNode(
				'Team',
				{
					resource: 'team',
					operation: 'get',
					teamId: { __rl: true, mode: 'id', value: String(team.id) },
				},
				320,
			),
		];
		const connections = {
			Start: {
				main: [
					['View tickets', 'Agents', 'Team'].map((node) => ({ node, type: 'main', index: 0 })),
				],
			},
		};
		const result = await run(workflow('E2E: Gorgias views, users, teams', nodes, connections));
		expect(result.error).toBeUndefined();
		expect(nodeOutput(result.run!, 'View tickets')).toEqual(
			inView.map((ticket) =>
				expect.objectContaining({
					provider: 'gorgias',
					id: String(ticket.id),
					subject: ticket.subject,
				}),
			),
		);
		expect(nodeOutput(result.run!, 'Agents').map((user) => user.name)).toEqual([
			'E2E Ada',
			'E2E Bea',
		]);
		expect(nodeOutput(result.run!, 'Team')).toEqual([
			expect.objectContaining({
				id: team.id,
				name: 'E2E squad',
				members: [expect.objectContaining({ id: agents[0].id })],
			}),
		]);
	});

	it('Zaia Get Many returns all over several pages', async () => {
		for (let i = 0; i < 230; i++) sandboxes.zaia.addTicket({ status: 'ongoing' });
		const expected = [...sandboxes.zaia.state.tickets.values()].filter(
			(ticket) => ticket.status === 'ongoing',
		).length;
		sandboxes.zaia.clearLog();
		const result = await run(
			workflow('E2E: Zaia get many', [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
				{
					name: 'All ongoing',
					type: `${PACKAGE_NAME}.zaia`,
					typeVersion: 1,
					parameters: {
						resource: 'ticket',
						operation: 'getMany',
						status: 'ongoing',
						returnAll: true,
					},
					credentials: ref('zaiaApi', sandboxes.credentials.zaia),
				},
			]),
		);
		expect(nodeOutput(result.run!, 'All ongoing')).toHaveLength(expected);
		expect(sandboxes.zaia.requests.map((request) => request.query.pageNumber)).toEqual([
			'1',
			'2',
			'3',
		]);
	});

	it('an error path with "continue on fail" keeps going with the error as an item', async () => {
		const ticket = sandboxes.zaia.addTicket();
		const missing = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
		const result = await run(
			workflow('E2E: continue on fail', [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
				{
					name: 'Missing ticket',
					type: `${PACKAGE_NAME}.zaia`,
					typeVersion: 1,
					onError: 'continueRegularOutput',
					parameters: {
						resource: 'ticket',
						operation: 'get',
						ticketId: { __rl: true, mode: 'id', value: missing },
					},
					credentials: ref('zaiaApi', sandboxes.credentials.zaia),
				},
				{
					name: 'Next step',
					type: `${PACKAGE_NAME}.zaia`,
					typeVersion: 1,
					parameters: {
						resource: 'ticket',
						operation: 'get',
						ticketId: { __rl: true, mode: 'id', value: ticket.id },
					},
					credentials: ref('zaiaApi', sandboxes.credentials.zaia),
				},
			]),
		);
		expect(result.error).toBeUndefined();
		expect(nodeOutput(result.run!, 'Missing ticket')).toEqual([
			{ error: 'Zaia API error 404: Ticket not found' },
		]);
		expect(nodeOutput(result.run!, 'Next step')).toEqual([sandboxes.zaia.ticketDetail(ticket.id)]);
	});
});

/**
 * The AI hand-over example with its language model replaced: a model cannot run offline, so
 * the chain and its model become a Set node answering what a model would ("TEAM: billing");
 * the Zaia trigger and nodes around it run as shipped.
 */
function summariseExample(): WorkflowFile {
	const flow = example('zaia-summarise-handover-chats.json');
	const nodes = flow.nodes
		.filter((node) => node.name !== 'OpenAI Chat Model')
		.map((node) =>
			node.name === 'Summarise and pick a team'
				? {
						...node,
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						parameters: {
							assignments: {
								assignments: [
									{ id: 'text', name: 'text', type: 'string', value: '=Summary.\nTEAM: billing' },
								],
							},
							options: {},
						},
					}
				: node,
		);
	const connections = { ...flow.connections };
	delete connections['OpenAI Chat Model'];
	return { ...flow, nodes, connections };
}

describe('n8n start: AI tools and the three triggers (and Gorgias survey answers)', () => {
	let server: N8nServer;

	beforeAll(async () => {
		// The trigger workflows are the examples, as users import them.
		triggerTeam = sandboxes.gorgias.addTeam({ name: 'Triage' });
		refundMacro = sandboxes.gorgias.macroDesk.addMacro({ name: 'Refund', actions: REFUND_ACTIONS });
		escalationTeam = sandboxes.gorgias.addTeam({ name: 'Escalations' });
		const triggerFlows = [
			example('zaia-escalate-handovers-to-gorgias.json'),
			example('gorgias-tag-and-assign-new-tickets.json', {
				__GORGIAS_TEAM_ID__: String(triggerTeam.id),
			}),
			example('gurusup-mirror-to-gorgias.json', {
				__GORGIAS_SUPPORT_EMAIL__: 'support@acme.example',
			}),
			example('gorgias-apply-refund-macro.json', {
				__GORGIAS_REFUND_MACRO_ID__: String(refundMacro.id),
			}),
			summariseExample(),
			example('gorgias-escalate-low-csat.json', {
				__GORGIAS_TEAM_ID__: String(escalationTeam.id),
			}),
		];
		await importWorkflows(folder.dir, triggerFlows);
		server = await N8nServer.start(folder.dir);
		await server.setupOwner();
		flows = Object.fromEntries(triggerFlows.map((flow) => [flow.nodes[0].name, flow.id]));
	});
	let flows: Record<string, string> = {};
	let triggerTeam: { id: number };
	let refundMacro: { id: number };
	let refundTicket: { id: number };
	let escalationTeam: { id: number };
	afterAll(async () => {
		await server?.stop();
	});

	it('the action nodes also load as AI-agent tools', async () => {
		const types = (await server.nodeTypes()).map((type) => type.name);
		for (const { nodes } of Object.values(PROVIDERS)) {
			expect(types).toContain(nodeType(nodes.tool));
			expect(types).not.toContain(nodeType(`${nodes.trigger}Tool`));
		}
	});

	it('active triggers emit each new ticket exactly once across n8n executions', async () => {
		for (const id of Object.values(flows))
			expect((await server.activateWorkflow(id)).active).toBe(true);
		// first activation polls once and records the starting point; let that settle
		await new Promise((resolve) => setTimeout(resolve, 3_000));

		const billing = sandboxes.zaia.addTag({ name: 'billing' });
		sandboxes.zaia.addTag({ name: 'technical' });
		const zaiaNew = [
			sandboxes.zaia.addTicket({ status: 'pending' }).id,
			sandboxes.zaia.addTicket({ status: 'pending' }).id,
		];
		for (const id of zaiaNew) {
			const chatId = sandboxes.zaia.ticketDetail(id).chatId;
			sandboxes.zaia.addChatMessage({ chatId, role: 'user', content: 'I was charged twice.' });
		}
		const gorgiasNew = [1, 2, 3].map(() => {
			const ticket = sandboxes.gorgias.addTicket({ tags: [] });
			sandboxes.gorgias.state.recordEvent('ticket-created', { type: 'Ticket', id: ticket.id });
			return String(ticket.id);
		});
		refundTicket = sandboxes.gorgias.addTicket({ tags: ['refund'] });
		sandboxes.gorgias.state.recordEvent('ticket-created', { type: 'Ticket', id: refundTicket.id });
		const gurusupNew = ['E2E1', 'E2E2'].map(
			(id) => sandboxes.gurusup.addTicket({ external_id: id }).external_id,
		);
		// Two customers answer their surveys: one unhappy (escalated), one happy (left alone).
		const [unhappy, happy] = [1, 4].map((score) => {
			const ticket = sandboxes.gorgias.addTicket({ tags: [] });
			const survey = sandboxes.gorgias.addSurvey(ticket.id);
			return { ticket, event: sandboxes.gorgias.answerSurvey(survey.id, score) };
		});

		// Two scheduled polls of every trigger after the tickets arrived: the first emits them,
		// the second would show any repeat. n8n polls once a minute (at a random second).
		const listings = () => [
			sandboxes.zaia.requests.filter((request) => request.path === '/api/v1/tickets/details')
				.length,
			sandboxes.gorgias.requests.filter(
				(request) => request.path === '/api/events' && request.query.types === 'ticket-created',
			).length,
			sandboxes.gurusup.requests.filter((request) => request.method === 'GET').length,
			sandboxes.gorgias.requests.filter(
				(request) =>
					request.path === '/api/events' && request.query.types === 'satisfaction-survey-responded',
			).length,
		];
		const atArrival = listings();
		// requests of two polls: two Zaia examples each watch one status (one list per poll), two
		// Gorgias ticket triggers and one survey trigger poll the event log
		const twoPolls = [4, 4, 2, 2];
		const deadline = Date.now() + 200_000;
		while (
			listings().some((count, index) => count - atArrival[index] < twoPolls[index]) &&
			Date.now() < deadline
		) {
			await new Promise((resolve) => setTimeout(resolve, 2_000));
		}
		// let the last executions be written
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect(listings().map((count, index) => count - atArrival[index] >= twoPolls[index])).toEqual([
			true,
			true,
			true,
			true,
		]);
		const emitted = async (node: string, idOf: (json: Record<string, unknown>) => string) => {
			const ids: string[] = [];
			for (const summary of await server.listExecutions({ workflowId: flows[node] })) {
				const detail = await server.getExecution(summary.id);
				for (const item of detail.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? [])
					ids.push(idOf(item.json));
			}
			return ids.sort();
		};
		expect(await emitted('Zaia hand-over', (json) => String(json.id))).toEqual([...zaiaNew].sort());
		// the Gorgias trigger also sees the tickets the two other examples open in Gorgias
		const gorgiasEmitted = await emitted('New Gorgias ticket', (json) => String(json.id));
		expect(gorgiasEmitted).toEqual(expect.arrayContaining(gorgiasNew));
		expect(new Set(gorgiasEmitted).size).toBe(gorgiasEmitted.length);
		expect(await emitted('New GuruSup ticket', (json) => String(json.external_id))).toEqual(
			[...gurusupNew].sort(),
		);
		expect(await emitted('Survey answered', (json) => String(json.id))).toEqual(
			[unhappy.event.id, happy.event.id].map(String).sort(),
		);
		// the real Filter node let only the low score through: escalated and tagged once
		expect(sandboxes.gorgias.ticket(unhappy.ticket.id)).toMatchObject({
			assignee_team: { id: escalationTeam.id },
			tags: [expect.objectContaining({ name: 'low-csat' })],
		});
		expect(sandboxes.gorgias.ticket(happy.ticket.id)).toMatchObject({
			assignee_team: null,
			tags: [],
		});
		expect(
			sandboxes.gorgias.requests.filter(
				(request) =>
					request.method === 'POST' && request.path === `/api/tickets/${unhappy.ticket.id}/tags`,
			),
		).toHaveLength(1);

		// what the example workflows did with them, once each
		const gorgiasTickets = [...sandboxes.gorgias.state.tickets.values()].map(
			(ticket) => sandboxes.gorgias.ticket(ticket.id)!,
		);
		for (const id of zaiaNew) {
			expect(gorgiasTickets.filter((ticket) => ticket.external_id === `zaia-${id}`)).toHaveLength(
				1,
			);
		}
		for (const id of gurusupNew) {
			expect(
				gorgiasTickets.filter((ticket) => ticket.external_id === `gurusup-${id}`),
			).toHaveLength(1);
		}
		// the AI example read each hand-over's chat and tagged it with the team it was given
		const tagged = Date.now() + 30_000;
		while (
			zaiaNew.some((id) => sandboxes.zaia.ticketTagIds(id).length === 0) &&
			Date.now() < tagged
		) {
			await new Promise((resolve) => setTimeout(resolve, 1_000));
		}
		for (const id of zaiaNew) expect(sandboxes.zaia.ticketTagIds(id)).toEqual([billing.id]);
		expect(
			sandboxes.zaia.requests.filter((request) => request.path === '/api/v1/chat-messages'),
		).toHaveLength(zaiaNew.length);
		for (const id of gorgiasNew) {
			const ticket = sandboxes.gorgias.ticket(Number(id));
			expect(ticket?.tags.map((tag) => tag.name)).toEqual(['triage']);
			expect(ticket?.assignee_team).toMatchObject({ id: triggerTeam.id });
		}
	});

	it('the refund-macro example applies the macro to the new refund ticket through a job', async () => {
		const [summary] = await server.listExecutions({ workflowId: flows['New refund ticket'] });
		const detail = await server.getExecution(summary.id);
		const applied = detail.data.resultData.runData['Apply refund macro']?.[0]?.data?.main?.[0];
		const jobs = [...sandboxes.gorgias.macroDesk.jobs.values()];
		expect(jobs.map((job) => [job.status, job.params])).toEqual([
			['done', { macro_id: refundMacro.id, ticket_ids: [refundTicket.id], apply_and_close: false }],
		]);
		expect(applied?.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ticketId: refundTicket.id,
				jobId: jobs[0].id,
				jobStatus: 'done',
				finished: true,
				ticket: expect.objectContaining({ id: refundTicket.id }),
			}),
		]);
		const ticket = sandboxes.gorgias.ticket(refundTicket.id);
		expect(ticket?.tags.map((tag) => tag.name)).toEqual(
			expect.arrayContaining(['refund', 'refund-sent']),
		);
		expect(ticket?.messages?.at(-1)).toMatchObject({
			from_agent: true,
			body_text: 'Your refund is on its way.',
		});
	});
});
