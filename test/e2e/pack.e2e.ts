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
import { n8nVersion } from '../../dev/n8n/env';
import type { LoggedRequest } from '../../dev/sandboxes/framework';
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

// The 1.x runs of this file skip what is checked on n8n 2.x only (the operation tours, the
// editor's list searches), to keep those runs short.
const itOnN8n2 = n8nVersion().startsWith('2.') ? it : it.skip;

/** `METHOD /path` of each request, to compare with what a workflow should have sent. */
const calls = (requests: readonly LoggedRequest[]) =>
	requests.map((request) => `${request.method} ${request.path}`);

/**
 * One node of a provider, run once ("Execute Once") whatever number of items the node
 * before it put out, so a chain of operations sends one request set per node.
 */
function onceNode(
	provider: 'gorgias' | 'zaia',
	name: string,
	parameters: Record<string, unknown>,
): WorkflowNode {
	const node: WorkflowNode & { executeOnce: boolean } = {
		name,
		type: `${PACKAGE_NAME}.${provider}`,
		typeVersion: 1,
		executeOnce: true,
		parameters: provider === 'gorgias' ? { authentication: 'apiKey', ...parameters } : parameters,
		credentials:
			provider === 'gorgias'
				? ref('gorgiasApi', sandboxes.credentials.gorgias)
				: ref('zaiaApi', sandboxes.credentials.zaia),
	};
	return node;
}

const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

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

	itOnN8n2(
		'Gorgias tags, surveys, events, search, macros, views, users and teams in one chain',
		async () => {
			const gorgias = sandboxes.gorgias;
			const ticket = gorgias.addTicket({ subject: 'E2E tour', tags: [] });
			const customer = gorgias.ticket(ticket.id)!.customer as { id: number; email: string };
			const oldTag = gorgias.addTag({ name: 'e2e-tour-old' });
			const view = gorgias.addView({ name: 'E2E tour view', filter: { tag: 'e2e-tour' } });
			const agent = gorgias.addUser({ name: 'E2E Tour Agent' });
			gorgias.state.recordEvent('ticket-created', { type: 'Ticket', id: ticket.id });
			const id = (node: string) => ({
				__rl: true,
				mode: 'id',
				value: `={{ $('${node}').first().json.id }}`,
			});
			const steps: Array<[string, Record<string, unknown>]> = [
				[
					'Tag create',
					{
						resource: 'tag',
						operation: 'create',
						name: 'e2e-tour',
						additionalFields: { description: 'Tour tickets' },
					},
				],
				['Tag get', { resource: 'tag', operation: 'get', tagId: id('Tag create') }],
				[
					'Tag update',
					{
						resource: 'tag',
						operation: 'update',
						tagId: id('Tag create'),
						updateFields: { name: 'e2e-tour-new' },
					},
				],
				[
					'Tag merge',
					{
						resource: 'tag',
						operation: 'merge',
						tagId: id('Tag create'),
						sourceTagIds: [String(oldTag.id)],
					},
				],
				[
					'Tag get many',
					{
						resource: 'tag',
						operation: 'getMany',
						returnAll: true,
						filters: { search: 'e2e-tour' },
					},
				],
				['Tag delete', { resource: 'tag', operation: 'delete', tagId: id('Tag create') }],
				[
					'Survey create',
					{
						resource: 'satisfactionSurvey',
						operation: 'create',
						ticketId: byId(ticket.id),
						customerId: byId(customer.id),
					},
				],
				[
					'Survey get',
					{ resource: 'satisfactionSurvey', operation: 'get', surveyId: id('Survey create') },
				],
				[
					'Survey update',
					{
						resource: 'satisfactionSurvey',
						operation: 'update',
						surveyId: id('Survey create'),
						updateFields: {
							score: 4,
							bodyText: 'Quick answer',
							scoredDatetime: '2026-03-01T10:00:00Z',
						},
					},
				],
				[
					'Survey get many',
					{
						resource: 'satisfactionSurvey',
						operation: 'getMany',
						returnAll: true,
						filters: { ticketId: byId(ticket.id) },
					},
				],
				[
					'Events',
					{
						resource: 'event',
						operation: 'getMany',
						returnAll: true,
						filters: { objectType: 'Ticket', objectId: String(ticket.id) },
					},
				],
				[
					'Search',
					{
						resource: 'search',
						operation: 'search',
						searchType: 'customer',
						query: customer.email,
						size: 5,
					},
				],
				[
					'Macro create',
					{
						resource: 'macro',
						operation: 'create',
						name: 'E2E tour macro',
						additionalFields: { actions: JSON.stringify(REFUND_ACTIONS) },
					},
				],
				['Macro get', { resource: 'macro', operation: 'get', macroId: id('Macro create') }],
				[
					'Macro update',
					{
						resource: 'macro',
						operation: 'update',
						macroId: id('Macro create'),
						updateFields: { name: 'E2E tour macro v2' },
					},
				],
				[
					'Macro get many',
					{
						resource: 'macro',
						operation: 'getMany',
						returnAll: true,
						filters: { search: 'E2E tour macro' },
					},
				],
				['Macro archive', { resource: 'macro', operation: 'archive', macroId: id('Macro create') }],
				[
					'Macro unarchive',
					{ resource: 'macro', operation: 'unarchive', macroId: id('Macro create') },
				],
				['Macro delete', { resource: 'macro', operation: 'delete', macroId: id('Macro create') }],
				['View get', { resource: 'view', operation: 'get', viewId: byId(view.id) }],
				['View get many', { resource: 'view', operation: 'getMany', returnAll: true }],
				['User get', { resource: 'user', operation: 'get', userId: byId(agent.id) }],
				[
					'User create',
					{
						resource: 'user',
						operation: 'create',
						email: 'e2e.tour.new@acme.example',
						name: 'E2E Tour Newcomer',
						role: 'agent',
					},
				],
				[
					'User update',
					{
						resource: 'user',
						operation: 'update',
						userId: id('User create'),
						updateFields: { name: 'E2E Tour Regular' },
					},
				],
				[
					'Team create',
					{
						resource: 'team',
						operation: 'create',
						name: 'E2E tour crew',
						additionalFields: { memberIds: String(agent.id) },
					},
				],
				[
					'Team update',
					{
						resource: 'team',
						operation: 'update',
						teamId: id('Team create'),
						updateFields: { name: 'E2E tour crew v2' },
					},
				],
				[
					'Team get many',
					{
						resource: 'team',
						operation: 'getMany',
						returnAll: true,
						orderBy: 'created_datetime:asc',
					},
				],
			];
			const nodes: WorkflowNode[] = [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
				...steps.map(([name, parameters]) => onceNode('gorgias', name, parameters)),
			];
			gorgias.clearLog();
			const result = await run(workflow('E2E: Gorgias operations tour', nodes));
			expect(result.error).toBeUndefined();
			const out = (node: string) => nodeOutput(result.run!, node);
			const [tag] = out('Tag create');
			const [survey] = out('Survey create');
			const [macro] = out('Macro create');
			const [newcomer] = out('User create');
			const [team] = out('Team create');

			// what Gorgias received, node after node
			expect(calls(gorgias.requests)).toEqual([
				'POST /api/tags',
				`GET /api/tags/${tag.id}`,
				`PUT /api/tags/${tag.id}`,
				`PUT /api/tags/${tag.id}/merge`,
				'GET /api/tags',
				`DELETE /api/tags/${tag.id}`,
				'POST /api/satisfaction-surveys',
				`GET /api/satisfaction-surveys/${survey.id}`,
				`PUT /api/satisfaction-surveys/${survey.id}`,
				'GET /api/satisfaction-surveys',
				'GET /api/events',
				'POST /api/search',
				'POST /api/macros',
				`GET /api/macros/${macro.id}`,
				`PUT /api/macros/${macro.id}`,
				'GET /api/macros',
				'PUT /api/macros/archive',
				'PUT /api/macros/unarchive',
				`DELETE /api/macros/${macro.id}`,
				`GET /api/views/${view.id}`,
				'GET /api/views',
				`GET /api/users/${agent.id}`,
				'POST /api/users',
				`PUT /api/users/${newcomer.id}`,
				'POST /api/teams',
				`PUT /api/teams/${team.id}`,
				'GET /api/teams',
			]);
			const sent = (method: string, path: string) =>
				gorgias.requests.find((request) => request.method === method && request.path === path)!;
			expect(sent('POST', '/api/tags').body).toEqual({
				name: 'e2e-tour',
				description: 'Tour tickets',
			});
			expect(sent('PUT', `/api/tags/${tag.id}`).body).toEqual({ name: 'e2e-tour-new' });
			expect(sent('PUT', `/api/tags/${tag.id}/merge`).body).toEqual({
				source_tags_ids: [oldTag.id],
			});
			expect(sent('GET', '/api/tags').query).toMatchObject({ search: 'e2e-tour' });
			expect(sent('POST', '/api/satisfaction-surveys').body).toEqual({
				ticket_id: ticket.id,
				customer_id: customer.id,
			});
			expect(sent('PUT', `/api/satisfaction-surveys/${survey.id}`).body).toMatchObject({
				score: 4,
				body_text: 'Quick answer',
			});
			expect(sent('GET', '/api/satisfaction-surveys').query).toMatchObject({
				ticket_id: String(ticket.id),
			});
			expect(sent('GET', '/api/events').query).toMatchObject({
				object_type: 'Ticket',
				object_id: String(ticket.id),
			});
			expect(sent('POST', '/api/search').body).toEqual({
				type: 'customer',
				query: customer.email,
				size: 5,
			});
			expect(sent('POST', '/api/macros').body).toMatchObject({
				name: 'E2E tour macro',
				actions: REFUND_ACTIONS,
			});
			expect(sent('PUT', `/api/macros/${macro.id}`).body).toMatchObject({
				name: 'E2E tour macro v2',
			});
			expect(sent('GET', '/api/macros').query).toMatchObject({ search: 'E2E tour macro' });
			for (const verb of ['archive', 'unarchive'])
				expect(sent('PUT', `/api/macros/${verb}`).body).toEqual({ ids: [macro.id] });
			expect(sent('POST', '/api/users').body).toMatchObject({
				email: 'e2e.tour.new@acme.example',
				name: 'E2E Tour Newcomer',
				role: { name: 'agent' },
			});
			expect(sent('PUT', `/api/users/${newcomer.id}`).body).toEqual({ name: 'E2E Tour Regular' });
			expect(sent('POST', '/api/teams').body).toMatchObject({
				name: 'E2E tour crew',
				members: [{ id: agent.id }],
			});
			expect(sent('PUT', `/api/teams/${team.id}`).body).toEqual({ name: 'E2E tour crew v2' });

			// what each node put out, and what Gorgias keeps now
			expect(tag).toMatchObject({ name: 'e2e-tour', description: 'Tour tickets' });
			expect(out('Tag get')).toEqual([expect.objectContaining({ id: tag.id, name: 'e2e-tour' })]);
			expect(out('Tag update')).toEqual([
				expect.objectContaining({ id: tag.id, name: 'e2e-tour-new' }),
			]);
			expect(out('Tag merge')).toHaveLength(1);
			expect(gorgias.state.tags.has(oldTag.id)).toBe(false);
			expect(out('Tag get many').map((entry) => entry.name)).toEqual(['e2e-tour-new']);
			expect(out('Tag delete')).toHaveLength(1);
			expect(gorgias.state.tags.has(Number(tag.id))).toBe(false);
			expect(survey).toMatchObject({ ticket_id: ticket.id, customer_id: customer.id });
			expect(out('Survey get')).toEqual([expect.objectContaining({ id: survey.id })]);
			expect(out('Survey update')).toEqual([
				expect.objectContaining({ id: survey.id, score: 4, body_text: 'Quick answer' }),
			]);
			expect(out('Survey get many')).toEqual([
				expect.objectContaining({ id: survey.id, score: 4 }),
			]);
			expect(out('Events')).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ type: 'ticket-created', object_id: ticket.id }),
				]),
			);
			expect(out('Search')).toEqual([expect.objectContaining({ id: customer.id })]);
			expect(macro).toMatchObject({ name: 'E2E tour macro' });
			expect(out('Macro get')).toEqual([
				expect.objectContaining({ id: macro.id, name: 'E2E tour macro' }),
			]);
			expect(out('Macro update')).toEqual([
				expect.objectContaining({ id: macro.id, name: 'E2E tour macro v2' }),
			]);
			expect(out('Macro get many').map((entry) => entry.id)).toEqual([macro.id]);
			expect(out('Macro archive')).toEqual([expect.objectContaining({ id: macro.id })]);
			expect(out('Macro unarchive')).toEqual([expect.objectContaining({ id: macro.id })]);
			expect(out('Macro delete')).toHaveLength(1);
			expect(gorgias.macroDesk.macros.has(Number(macro.id))).toBe(false);
			expect(out('View get')).toEqual([
				expect.objectContaining({ id: view.id, name: 'E2E tour view' }),
			]);
			expect(out('View get many').map((entry) => entry.id)).toEqual(
				expect.arrayContaining([view.id]),
			);
			expect(out('User get')).toEqual([
				expect.objectContaining({ id: agent.id, name: 'E2E Tour Agent' }),
			]);
			expect(newcomer).toMatchObject({ name: 'E2E Tour Newcomer' });
			expect(out('User update')).toEqual([
				expect.objectContaining({ id: newcomer.id, name: 'E2E Tour Regular' }),
			]);
			expect(team).toMatchObject({ name: 'E2E tour crew' });
			expect(out('Team update')).toEqual([
				expect.objectContaining({ id: team.id, name: 'E2E tour crew v2' }),
			]);
			expect(out('Team get many').map((entry) => entry.name)).toEqual(
				expect.arrayContaining(['E2E tour crew v2']),
			);
		},
	);

	itOnN8n2(
		'Zaia chats, chat messages, teams, tags and a ticket with its chat in one chain',
		async () => {
			const zaia = sandboxes.zaia;
			const chat = zaia.addChat({ ownerName: 'E2E Tour Owner', channelType: 'whatsapp' });
			const ticket = zaia.addTicket({ chatId: chat.id, status: 'pending' });
			const messages = [
				zaia.addChatMessage({ chatId: chat.id, role: 'user', content: 'Where is my order?' }),
				zaia.addChatMessage({
					chatId: chat.id,
					role: 'agent',
					content: 'Checking now.',
					ticketId: ticket.id,
				}),
			];
			const team = zaia.addTeam({ name: 'E2E tour team' });
			const steps: Array<[string, Record<string, unknown>]> = [
				['Chat get', { resource: 'chat', operation: 'get', chatId: byId(chat.id) }],
				[
					'Chats',
					{
						resource: 'chat',
						operation: 'getMany',
						returnAll: true,
						filters: { channelTypes: ['whatsapp'], ownerIds: chat.ownerId },
					},
				],
				[
					'Messages of the chat',
					{
						resource: 'chatMessage',
						operation: 'getMany',
						source: 'chat',
						chatId: byId(chat.id),
						returnAll: true,
					},
				],
				[
					'Messages of the ticket',
					{
						resource: 'chatMessage',
						operation: 'getMany',
						source: 'ticket',
						ticketId: byId(ticket.id),
						returnAll: true,
					},
				],
				['Teams', { resource: 'ticketingTeam', operation: 'getMany', returnAll: true }],
				[
					'Tag create',
					{ resource: 'tag', operation: 'create', name: 'e2e-tour', color: '4', description: '' },
				],
				['Tags', { resource: 'tag', operation: 'getMany', returnAll: true }],
				[
					'Ticket with chat',
					{
						resource: 'ticket',
						operation: 'get',
						ticketId: byId(ticket.id),
						includeChatMessages: true,
					},
				],
			];
			const nodes: WorkflowNode[] = [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
				...steps.map(([name, parameters]) => onceNode('zaia', name, parameters)),
			];
			zaia.clearLog();
			const result = await run(workflow('E2E: Zaia operations tour', nodes));
			expect(result.error).toBeUndefined();
			const out = (node: string) => nodeOutput(result.run!, node);

			expect(calls(zaia.requests)).toEqual([
				`GET /api/v1/chats/${chat.id}/details`,
				'GET /api/v1/chats',
				'GET /api/v1/chat-messages',
				`GET /api/v1/tickets/${ticket.id}/details`,
				'GET /api/v1/chat-messages',
				'GET /api/v1/ticketing-teams',
				'POST /api/v1/tags',
				'GET /api/v1/tags',
				`GET /api/v1/tickets/${ticket.id}/details`,
				'GET /api/v1/chat-messages',
			]);
			const [, chats, byChat, , byTicket, teams, created, , , withTicket] = zaia.requests;
			expect(chats.query).toMatchObject({ channelTypes: 'whatsapp', ownerIds: chat.ownerId });
			expect(byChat.query).toMatchObject({ chatId: chat.id });
			expect(byTicket.query).toMatchObject({ chatId: chat.id });
			expect(teams.query).toMatchObject({ pageNumber: '1' });
			expect(created.body).toEqual({ name: 'e2e-tour', description: null, color: '4' });
			expect(withTicket.query).toMatchObject({ chatId: chat.id });

			expect(out('Chat get')).toEqual([zaia.state.chatDetail(chat)]);
			expect(out('Chats').map((entry) => entry.id)).toEqual([chat.id]);
			const ids = messages.map((message) => message.id);
			expect(out('Messages of the chat').map((entry) => entry.id)).toEqual(ids);
			expect(out('Messages of the ticket').map((entry) => entry.id)).toEqual(ids);
			expect(out('Teams').map((entry) => entry.id)).toEqual(expect.arrayContaining([team.id]));
			const [tag] = out('Tag create');
			expect(tag).toMatchObject({ name: 'e2e-tour', color: 4 });
			expect(out('Tags').map((entry) => entry.id)).toEqual(expect.arrayContaining([tag.id]));
			expect(zaia.state.tags.get(String(tag.id))).toMatchObject({ name: 'e2e-tour' });
			const [detail] = out('Ticket with chat');
			expect(detail).toMatchObject({ id: ticket.id, chatId: chat.id });
			expect((detail.chatMessages as Array<{ id: string }>).map((message) => message.id)).toEqual(
				ids,
			);
		},
	);

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

	itOnN8n2(
		"the editor's list searches answer through n8n's REST API with the provider's records",
		async () => {
			const gorgias = sandboxes.gorgias;
			const zaia = sandboxes.zaia;
			// the trigger tests are done with the logs; the triggers' own polls may still show up
			gorgias.clearLog();
			zaia.clearLog();
			const gorgiasCredentials = {
				gorgiasApi: {
					id: sandboxes.credentials.gorgias.id,
					name: sandboxes.credentials.gorgias.name,
				},
			};
			const zaiaCredentials = {
				zaiaApi: { id: sandboxes.credentials.zaia.id, name: sandboxes.credentials.zaia.name },
			};
			// What the editor posts when a "From List" box is opened and a filter typed.
			const listSearch = async (
				provider: 'gorgias' | 'zaia',
				parameter: string,
				methodName: string,
				filter: string,
				currentNodeParameters: Record<string, unknown>,
			) =>
				await server.rest<{ results: Array<{ name: string; value: string }> }>(
					'POST',
					'/rest/dynamic-node-parameters/resource-locator-results',
					{
						path: `parameters.${parameter}`,
						nodeTypeAndVersion: { name: `${PACKAGE_NAME}.${provider}`, version: 1 },
						currentNodeParameters: {
							...(provider === 'gorgias' ? { authentication: 'apiKey' } : {}),
							...currentNodeParameters,
							[parameter]: { __rl: true, mode: 'list', value: '' },
						},
						methodName,
						filter,
						credentials: provider === 'gorgias' ? gorgiasCredentials : zaiaCredentials,
					},
				);
			const entries = (answer: { results: Array<{ name: string; value: string }> }) =>
				answer.results.map(({ name, value }) => ({ name, value }));

			// Gorgias: macros, users and tags are searched by Gorgias' lists, teams by its search
			const [refund] = ['E2E pick refund', 'E2E pick welcome'].map((name) =>
				gorgias.macroDesk.addMacro({ name, actions: REFUND_ACTIONS }),
			);
			const [ann] = ['E2E Pick Ann', 'E2E Pick Bob'].map((name) => gorgias.addUser({ name }));
			const [crew] = ['E2E pick crew', 'E2E pick squad'].map((name) => gorgias.addTeam({ name }));
			const [vip] = ['e2e-pick-vip', 'e2e-pick-spam'].map((name) => gorgias.addTag({ name }));
			const macros = await listSearch('gorgias', 'macroId', 'searchMacros', 'pick refund', {
				resource: 'macro',
				operation: 'get',
			});
			expect(macros.results.map((entry) => entry.value)).toEqual([String(refund.id)]);
			expect(macros.results[0].name).toContain('E2E pick refund');
			const users = await listSearch('gorgias', 'userId', 'searchUsers', 'Pick Ann', {
				resource: 'user',
				operation: 'get',
			});
			expect(entries(users)).toEqual([
				{ name: `E2E Pick Ann (${ann.email})`, value: String(ann.id) },
			]);
			const teams = await listSearch('gorgias', 'teamId', 'searchTeams', 'pick crew', {
				resource: 'team',
				operation: 'get',
			});
			expect(entries(teams)).toEqual([{ name: 'E2E pick crew', value: String(crew.id) }]);
			const tags = await listSearch('gorgias', 'tagId', 'searchTags', 'pick-vip', {
				resource: 'tag',
				operation: 'get',
			});
			expect(entries(tags)).toEqual([{ name: 'e2e-pick-vip', value: String(vip.id) }]);
			const asked = (method: string, path: string) =>
				gorgias.requests.filter((request) => request.method === method && request.path === path);
			expect(asked('GET', '/api/macros').map((request) => request.query.search)).toContain(
				'pick refund',
			);
			expect(asked('GET', '/api/users').map((request) => request.query.search)).toContain(
				'Pick Ann',
			);
			expect(asked('POST', '/api/search').map((request) => request.body)).toContainEqual({
				type: 'team',
				query: 'pick crew',
				size: 50,
			});
			expect(asked('GET', '/api/tags').map((request) => request.query.search)).toContain(
				'pick-vip',
			);

			// Zaia: teams and tags filtered page by page (Zaia has no search), responders all listed
			const [billing] = ['E2E Pick Billing', 'E2E Pick Technical'].map((name) =>
				zaia.addTeam({ name }),
			);
			const [urgent] = ['e2e-pick-urgent', 'e2e-pick-later'].map((name) => zaia.addTag({ name }));
			const responder = zaia.addResponder({ name: 'E2E Pick Responder', entity: 'squads' });
			const zaiaTeams = await listSearch('zaia', 'ticketingTeamId', 'searchTeams', 'pick billing', {
				resource: 'ticket',
				operation: 'create',
			});
			expect(entries(zaiaTeams)).toEqual([{ name: 'E2E Pick Billing', value: billing.id }]);
			const zaiaTags = await listSearch('zaia', 'tagId', 'searchTags', 'pick-urgent', {
				resource: 'ticket',
				operation: 'addTags',
			});
			expect(entries(zaiaTags)).toEqual([{ name: 'e2e-pick-urgent', value: urgent.id }]);
			const responders = await server.rest<Array<{ name: string; value: string }>>(
				'POST',
				'/rest/dynamic-node-parameters/options',
				{
					path: 'parameters.filters.responderIds',
					nodeTypeAndVersion: { name: `${PACKAGE_NAME}.zaia`, version: 1 },
					currentNodeParameters: { resource: 'ticket', operation: 'getMany', filters: {} },
					methodName: 'getResponders',
					credentials: zaiaCredentials,
				},
			);
			expect(responders).toEqual(
				[...zaia.state.responders.values()]
					.map((entry) => ({ name: `${entry.name} (${entry.entity})`, value: entry.id }))
					.sort((a, b) => a.name.localeCompare(b.name)),
			);
			expect(responders).toContainEqual({
				name: 'E2E Pick Responder (squads)',
				value: responder.id,
			});
			const zaiaPaths = zaia.requests.map((request) => `${request.method} ${request.path}`);
			for (const path of ['ticketing-teams', 'tags', 'super-identities/responders'])
				expect(zaiaPaths).toContain(`GET /api/v1/${path}`);
		},
	);
});
