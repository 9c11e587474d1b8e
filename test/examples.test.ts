/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, IDataObject, INode, IRun } from 'n8n-workflow';

import {
	ATTACH_FILE_NODE_TYPE,
	runWorkflow,
	TEST_ITEMS_NODE_TYPE,
	TEXT_ANSWER_NODE_TYPE,
} from '../dev/harness';
import type { Provider, SandboxCredential, SandboxOf } from '../dev/providers';
import { PROVIDER_KEYS, PROVIDERS, sandboxCredential } from '../dev/providers';

const EXAMPLES = join(__dirname, '..', 'examples');

interface WorkflowFile {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

function load(file: string, values: Record<string, string> = {}): WorkflowFile {
	let text = readFileSync(join(EXAMPLES, file), 'utf8');
	for (const [placeholder, value] of Object.entries(values))
		text = text.split(placeholder).join(value);
	return JSON.parse(text) as WorkflowFile;
}

/**
 * n8n-nodes-base is not installed here (the real-n8n tests run the examples unchanged): the
 * manual trigger and the "Ticket data" Set node become one harness node emitting the same item.
 */
async function runLifecycle(
	file: string,
	ticketData: IDataObject,
	credentials: Record<string, Record<string, unknown>>,
) {
	const workflow = load(file);
	const nodes = workflow.nodes.filter(
		(node) => node.name !== 'Start' && node.name !== 'Ticket data',
	);
	nodes.unshift({
		id: 'ticket-data',
		name: 'Ticket data',
		type: TEST_ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	});
	const connections = { ...workflow.connections };
	delete connections.Start;
	return await runWorkflow({ nodes, connections }, credentials, [ticketData]);
}

function credentialsOf({ type, data }: SandboxCredential) {
	return { [type]: data };
}

function lastOutput(run: IRun, nodeName: string): IDataObject[] {
	const task = run.data.resultData.runData[nodeName]?.[0];
	expect(task?.error).toBeUndefined();
	return (task?.data?.main?.[0] ?? []).map((item) => item.json);
}

describe('examples/ are valid n8n workflows of this pack', () => {
	it.each(readdirSync(EXAMPLES).filter((file) => file.endsWith('.json')))('%s', (file) => {
		const workflow = load(file);
		expect(workflow.name).toEqual(expect.any(String));
		const names = new Set(workflow.nodes.map((node) => node.name));
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names.has(from)).toBe(true);
			// main outputs, and an AI model's link to the chain that uses it
			for (const target of Object.values(outputs).flat(2))
				expect(names.has(target?.node ?? '')).toBe(true);
		}
		const ours = workflow.nodes.filter((node) => node.type.startsWith('n8n-nodes-ticketing.'));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) expect(Object.keys(node.credentials ?? {})).toHaveLength(1);
	});
});

/**
 * Each provider's lifecycle example (dev/providers.ts names the file): the ticket data it starts
 * from, seeded in the sandbox, and what must be true after it ran.
 */
const LIFECYCLES: {
	[P in Provider]: {
		title: string;
		ticketData(sandbox: SandboxOf<P>): IDataObject;
		verify(run: IRun, sandbox: SandboxOf<P>, data: IDataObject): void;
	};
} = {
	zaia: {
		title: 'Zaia: create → tag → assign → take over → complete → get',
		ticketData: (sandbox) => ({
			chatId: sandbox.addChat().id,
			agentId: sandbox.addUser({ name: 'Ana' }).id,
			tagId: sandbox.addTag({ name: 'vip' }).id,
		}),
		verify(run, sandbox, { agentId, tagId }) {
			const [final] = lastOutput(run, 'Get final state');
			expect(final).toMatchObject({
				provider: 'zaia',
				status: 'closed',
				assignee: expect.objectContaining({ id: agentId }),
			});
			expect(sandbox.ticketTagIds(String(final.id))).toEqual([tagId]);
			expect(sandbox.requests.map((request) => request.route)).toEqual([
				'POST /api/v1/tickets',
				'POST /api/v1/tickets/:ticketId/tags',
				'PATCH /api/v1/tickets/:id/assignee',
				'PATCH /api/v1/tickets/:id/takeover',
				'PATCH /api/v1/tickets/:id/complete',
				'GET /api/v1/tickets/:id/details',
			]);
		},
	},
	gorgias: {
		title: 'Gorgias: create → tag → assign → take over → close → get',
		ticketData: (sandbox) => ({
			customerEmail: 'lucia@example.com',
			userId: String(sandbox.addUser({ name: 'Ana' }).id),
			teamId: String(sandbox.addTeam({ name: 'Shipping' }).id),
		}),
		verify(run, sandbox, { userId, teamId }) {
			const [final] = lastOutput(run, 'Get final state');
			expect(final).toMatchObject({
				provider: 'gorgias',
				status: 'closed',
				assignee: expect.objectContaining({ id: userId }),
				team: expect.objectContaining({ id: teamId }),
			});
			expect((final.tags as string[]).sort()).toEqual(['n8n', 'shipping']);
			expect(sandbox.requests.map((request) => `${request.method} ${request.route}`)).toEqual([
				'POST POST /api/tickets',
				'POST POST /api/tickets/:id/tags',
				'PUT PUT /api/tickets/:id',
				'PUT PUT /api/tickets/:id',
				'POST POST /api/tickets/:id/messages',
				'PUT PUT /api/tickets/:id',
				'GET GET /api/tickets/:id',
			]);
		},
	},
	gurusup: {
		title: 'GuruSup: create → assign → take over → get',
		ticketData: () => ({ externalId: 'order1042', customerEmail: 'lucia@example.com' }),
		verify(run, sandbox) {
			const [final] = lastOutput(run, 'Get final state');
			expect(final).toMatchObject({
				provider: 'gurusup',
				externalId: 'order1042',
				assignee: { id: 'agent7', name: 'Ana', email: null },
			});
			expect(sandbox.ticket('order1042')?.messages.map((message) => message.is_agent)).toEqual([
				false,
				true,
			]);
		},
	},
};

/** A provider's lifecycle example against a fresh sandbox of its own. */
async function checkLifecycle<P extends Provider>(provider: P): Promise<void> {
	const entry = PROVIDERS[provider];
	const check = LIFECYCLES[provider];
	const sandbox = (await entry.startSandbox()) as SandboxOf<P>;
	try {
		const data = check.ticketData(sandbox);
		const { type, data: credential } = sandboxCredential(provider, sandbox);
		const run = await runLifecycle(entry.lifecycleExample, data, { [type]: credential });
		check.verify(run, sandbox, data);
	} finally {
		await sandbox.stop();
	}
}

describe('the lifecycle examples run end to end against the sandboxes', () => {
	it.each(PROVIDER_KEYS.map((provider) => [LIFECYCLES[provider].title, provider] as const))(
		'%s',
		async (_title, provider) => {
			await checkLifecycle(provider);
		},
	);

	it('Gorgias instant: new ticket → look up customer → tag → reply with an attachment', async () => {
		const sandbox = await PROVIDERS.gorgias.startSandbox();
		try {
			const agent = sandbox.addUser({ name: 'Ana' });
			const customer = sandbox.addCustomer({ name: 'Lucía Díaz', email: 'lucia@example.com' });
			sandbox.state.customers.get(customer.id)!.language = 'es';
			const ticket = sandbox.addTicket({ customer_id: customer.id, channel: 'email' });
			const workflow = load('gorgias-instant-customer-reply.json', {
				__GORGIAS_USER_ID__: String(agent.id),
				__SUPPORT_EMAIL__: 'support@acme.example',
				__RETURNS_GUIDE_URL__: 'https://shop.example/returns.pdf',
			});
			// What the trigger emits for a call is the ticket (see the instant trigger's tests).
			const guide = Buffer.from('%PDF-1.4 returns guide');
			const nodes = workflow.nodes.map((node) => {
				if (node.name === 'New Gorgias ticket') {
					return { ...node, type: TEST_ITEMS_NODE_TYPE, parameters: {}, credentials: undefined };
				}
				// n8n-nodes-base is not installed here: the download becomes a harness node that
				// adds the same binary property ("data") an HTTP Request file download gives.
				if (node.name === 'Fetch returns guide') {
					expect(node).toMatchObject({
						type: 'n8n-nodes-base.httpRequest',
						parameters: { url: 'https://shop.example/returns.pdf' },
					});
					return {
						...node,
						type: ATTACH_FILE_NODE_TYPE,
						typeVersion: 1,
						parameters: {
							base64: guide.toString('base64'),
							fileName: 'returns.pdf',
							mimeType: 'application/pdf',
						},
					};
				}
				return node;
			});
			const run = await runWorkflow(
				{ nodes, connections: workflow.connections },
				credentialsOf(sandboxCredential('gorgias', sandbox)),
				[sandbox.ticket(ticket.id) as unknown as IDataObject],
			);
			const [reply] = lastOutput(run, 'Reply to the customer');
			expect(reply).toMatchObject({
				ticket_id: ticket.id,
				channel: 'email',
				body_text: expect.stringMatching(/^Hi Lucía, thanks for writing/),
				source: expect.objectContaining({ to: [{ address: 'lucia@example.com' }] }),
				attachments: [expect.objectContaining({ name: 'returns.pdf', size: guide.length })],
			});
			expect([...sandbox.files.values()].map((file) => file.data)).toEqual([guide]);
			expect(
				sandbox
					.ticket(ticket.id)
					?.tags.map((tag) => tag.name)
					.sort(),
			).toEqual(['auto-replied', 'lang-es']);
			expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
				`GET /api/customers/${customer.id}`,
				`POST /api/tickets/${ticket.id}/tags`,
				'POST /api/upload',
				`POST /api/tickets/${ticket.id}/messages`,
			]);
		} finally {
			await sandbox.stop();
		}
	});
	it('Zaia hand-over: read the chat → AI summary and team → tag the ticket by the team name', async () => {
		const sandbox = await PROVIDERS.zaia.startSandbox();
		try {
			const billing = sandbox.addTag({ name: 'billing' });
			sandbox.addTag({ name: 'technical' });
			const chat = sandbox.addChat({ ownerName: 'Ana Silva' });
			const ticket = sandbox.addTicket({ chatId: chat.id, status: 'pending' });
			sandbox.addChatMessage({ chatId: chat.id, role: 'user', content: 'I was charged twice.' });
			sandbox.addChatMessage({
				chatId: chat.id,
				role: 'assistant',
				content: 'A person will help.',
			});
			const workflow = load('zaia-summarise-handover-chats.json');
			// The trigger emits the ticket (see the trigger's tests); a language model cannot run
			// offline: the chain becomes a node answering what a model would, from the same prompt.
			const nodes = workflow.nodes
				.filter((node) => node.name !== 'OpenAI Chat Model')
				.map((node) => {
					if (node.name === 'Zaia hand-over') {
						return { ...node, type: TEST_ITEMS_NODE_TYPE, parameters: {}, credentials: undefined };
					}
					if (node.name === 'Summarise and pick a team') {
						expect(String(node.parameters.text)).toContain('$json.chatMessages');
						return {
							...node,
							type: TEXT_ANSWER_NODE_TYPE,
							typeVersion: 1,
							parameters: {
								text: "={{ 'Customer: ' + $json.chatMessages[0].content + '\\nTEAM: billing' }}",
							},
						};
					}
					return node;
				});
			const connections = { ...workflow.connections };
			delete connections['OpenAI Chat Model'];
			const run = await runWorkflow(
				{ nodes, connections },
				credentialsOf(sandboxCredential('zaia', sandbox)),
				[sandbox.ticketDetail(ticket.id) as unknown as IDataObject],
			);
			const [chatRead] = lastOutput(run, 'Read the chat');
			expect((chatRead.chatMessages as IDataObject[]).map((message) => message.content)).toEqual([
				'I was charged twice.',
				'A person will help.',
			]);
			expect(lastOutput(run, 'Tag with the team')).toEqual([
				expect.objectContaining({ ticketId: ticket.id }),
			]);
			expect(sandbox.ticketTagIds(ticket.id)).toEqual([billing.id]);
		} finally {
			await sandbox.stop();
		}
	});
});
