import type { GuruSupSandbox } from '../../dev/sandboxes/gurusup';
import { jsonOf, sandboxPerTest } from '../kit';
import { CANARY, runGuruSup, startSandbox } from './setup';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('GuruSup node: requests and outputs', () => {
	let sandbox: GuruSupSandbox;

	const adopt = sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	it('Create sends the documented body with source 2 and the messages as given', async () => {
		const result = await runGuruSup(sandbox, {
			parameters: {
				operation: 'create',
				externalId: 'order1042',
				subject: 'Parcel arrived damaged',
				sender: 'lucia@example.com',
				messages: {
					message: [
						{
							body: 'The box was crushed.',
							isAgent: false,
							externalId: 'msg_001',
							receivedAt: '2024-11-15T10:30:00Z',
						},
						{
							body: 'Sorry! Sending a new one.',
							isAgent: true,
							externalId: 'msg_002',
							receivedAt: '2024-11-15T10:35:00+01:00',
						},
					],
				},
				additionalFields: { agentId: 'agent7', agentName: 'Ana' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect([request.method, request.path]).toEqual(['POST', '/api/v1/tickets']);
		expect(request.headers['x-api-key']).toBe(CANARY);
		expect(request.headers['x-api-username']).toBeUndefined();
		expect(request.body).toEqual({
			external_id: 'order1042',
			subject: 'Parcel arrived damaged',
			sender: 'lucia@example.com',
			messages: [
				{
					external_id: 'msg_001',
					body: 'The box was crushed.',
					is_agent: false,
					received_at: '2024-11-15T10:30:00Z',
				},
				{
					external_id: 'msg_002',
					body: 'Sorry! Sending a new one.',
					is_agent: true,
					received_at: '2024-11-15T10:35:00+01:00',
				},
			],
			sources: 2,
			agent_id: 'agent7',
			agent_name: 'Ana',
		});
		expect(jsonOf(result)[0]).toMatchObject({
			external_id: 'order1042',
			subject: 'Parcel arrived damaged',
		});
		expect(sandbox.ticket('order1042')?.messages).toHaveLength(2);
	});

	it('Create generates well-formed, unique message IDs and timestamps when left empty', async () => {
		const result = await runGuruSup(sandbox, {
			items: [{ n: 1 }, { n: 2 }],
			parameters: {
				operation: 'create',
				externalId: '=order{{ $json.n }}',
				subject: 'Question',
				sender: 'javier@example.com',
				messages: {
					message: [
						{ body: 'Hello' },
						{ body: 'Anyone there?' },
						{ body: 'Agent here', isAgent: true },
					],
				},
			},
		});
		expect(result.error).toBeUndefined();
		const messages = sandbox.requests.flatMap(
			(request) => (request.body as { messages: Array<Record<string, unknown>> }).messages,
		);
		expect(messages).toHaveLength(6);
		const ids = messages.map((message) => String(message.external_id));
		expect(new Set(ids).size).toBe(6);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]+$/);
		for (const message of messages) expect(message.received_at).toMatch(ISO_UTC);
		expect(messages.map((message) => message.is_agent)).toEqual([
			false,
			false,
			true,
			false,
			false,
			true,
		]);
	});

	it('Create takes messages from an expression producing an array', async () => {
		const conversation = [
			{ body: 'Hi', is_agent: false, received_at: '2024-11-15T09:00:00Z' },
			{ body: 'Hello, how can I help?', is_agent: true, external_id: 'a1' },
		];
		const result = await runGuruSup(sandbox, {
			items: [{ conversation }],
			parameters: {
				operation: 'create',
				externalId: 'chat77',
				subject: 'Chat transcript',
				sender: 'carmen@example.com',
				messagesInput: 'json',
				messagesJson: '={{ $json.conversation }}',
			},
		});
		expect(result.error).toBeUndefined();
		const body = sandbox.requests[0].body as { messages: Array<Record<string, unknown>> };
		expect(body.messages[0]).toMatchObject({
			body: 'Hi',
			is_agent: false,
			received_at: '2024-11-15T09:00:00Z',
		});
		expect(body.messages[0].external_id).toMatch(/^[A-Za-z0-9]+$/);
		expect(body.messages[1]).toMatchObject({
			body: 'Hello, how can I help?',
			is_agent: true,
			external_id: 'a1',
		});
		expect(body.messages[1].received_at).toMatch(ISO_UTC);
	});

	it('a date picked without an offset is sent as UTC', async () => {
		await runGuruSup(sandbox, {
			parameters: {
				operation: 'create',
				externalId: 'tz1',
				subject: 'Time',
				sender: 'a@example.com',
				messages: { message: [{ body: 'x', receivedAt: '2024-11-15T10:30:00' }] },
			},
		});
		expect(
			(sandbox.requests[0].body as { messages: Array<{ received_at: string }> }).messages[0]
				.received_at,
		).toBe('2024-11-15T10:30:00Z');
	});

	it('Update sends only the fields chosen, keyed by external ID, and appends messages', async () => {
		sandbox.addTicket({ external_id: 'order1042' });
		const result = await runGuruSup(sandbox, {
			parameters: {
				operation: 'update',
				externalId: 'order1042',
				updateFields: {
					subject: 'Damaged parcel (resolved)',
					senderName: 'Lucía',
					agentEmail: 'ana@shop.example',
				},
				messages: { message: [{ body: 'Replacement shipped', isAgent: true, externalId: 'm9' }] },
			},
		});
		expect(result.error).toBeUndefined();
		const [request] = sandbox.requests;
		expect([request.method, request.path]).toEqual(['PUT', '/api/v1/tickets']);
		expect(request.body).toEqual({
			external_id: 'order1042',
			subject: 'Damaged parcel (resolved)',
			sender_name: 'Lucía',
			agent: 'ana@shop.example',
			messages: [
				{
					external_id: 'm9',
					body: 'Replacement shipped',
					is_agent: true,
					received_at: expect.stringMatching(ISO_UTC),
				},
			],
		});
		expect(sandbox.ticket('order1042')?.subject).toBe('Damaged parcel (resolved)');
		expect(sandbox.ticket('order1042')?.messages.at(-1)?.body).toBe('Replacement shipped');
	});

	it('Update without messages still sends the required empty list', async () => {
		sandbox.addTicket({ external_id: 'T1' });
		await runGuruSup(sandbox, {
			parameters: {
				operation: 'update',
				externalId: 'T1',
				updateFields: { subject: 'New subject' },
			},
		});
		expect(sandbox.requests[0].body).toEqual({
			external_id: 'T1',
			subject: 'New subject',
			messages: [],
		});
	});

	it('Assign sets the agent fields through an update', async () => {
		sandbox.addTicket({ external_id: 'T2' });
		const result = await runGuruSup(sandbox, {
			parameters: {
				operation: 'assign',
				externalId: 'T2',
				agentId: 'agent9',
				agentEmail: 'bo@shop.example',
				agentName: 'Bo',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].method).toBe('PUT');
		expect(sandbox.requests[0].body).toEqual({
			external_id: 'T2',
			agent_id: 'agent9',
			agent: 'bo@shop.example',
			agent_name: 'Bo',
			messages: [],
		});
		expect(sandbox.ticket('T2')).toMatchObject({
			agent_id: 'agent9',
			agent: 'bo@shop.example',
			agent_name: 'Bo',
		});
	});

	it('Take Over sets the agent and adds the agent message', async () => {
		sandbox.addTicket({ external_id: 'T3' });
		const result = await runGuruSup(sandbox, {
			parameters: {
				operation: 'takeOver',
				externalId: 'T3',
				agentName: 'Ana',
				takeOverMessage: 'Hi, Ana here. I will take it from here.',
			},
		});
		expect(result.error).toBeUndefined();
		const body = sandbox.requests[0].body as { messages: Array<Record<string, unknown>> };
		expect(body).toMatchObject({ external_id: 'T3', agent_name: 'Ana' });
		expect(body.messages).toEqual([
			{
				external_id: expect.stringMatching(/^[A-Za-z0-9]+$/),
				body: 'Hi, Ana here. I will take it from here.',
				is_agent: true,
				received_at: expect.stringMatching(ISO_UTC),
			},
		]);
		expect(sandbox.ticket('T3')?.messages.at(-1)).toMatchObject({ is_agent: true });
	});

	it('Get finds a ticket by external ID through the listing', async () => {
		sandbox.seedDemo();
		sandbox.addTicket({ external_id: 'needle7' });
		const result = await runGuruSup(sandbox, {
			parameters: { operation: 'get', externalId: 'needle7' },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /api/v1/tickets',
		]);
		expect(jsonOf(result)).toEqual([sandbox.ticket('needle7')]);
	});

	it('Get says clearly when no ticket has that external ID', async () => {
		sandbox.seedDemo();
		const result = await runGuruSup(sandbox, {
			parameters: { operation: 'get', externalId: 'missing1' },
		});
		expect(result.error?.message).toBe('No GuruSup ticket has the external ID "missing1"');
		expect(result.error?.itemIndex).toBe(0);
	});

	it('Get with Simplify maps to the shared shape', async () => {
		sandbox.addTicket({
			external_id: 'S1',
			subject: 'Hello',
			sender: 'c@example.com',
			sender_name: 'Cee',
			agent_id: 'a1',
			agent_name: 'Ana',
		});
		const result = await runGuruSup(sandbox, {
			parameters: { operation: 'get', externalId: 'S1', simplify: true },
		});
		const raw = sandbox.ticket('S1');
		expect(jsonOf(result)).toEqual([
			{
				provider: 'gurusup',
				id: String(raw?.id),
				externalId: 'S1',
				subject: 'Hello',
				status: 'open',
				assignee: { id: 'a1', name: 'Ana', email: null },
				team: null,
				tags: [],
				channel: 'api',
				customer: { id: null, name: 'Cee', email: 'c@example.com' },
				createdAt: raw?.created_at,
				updatedAt: raw?.updated_at,
				closedAt: null,
				url: null,
				raw,
			},
		]);
	});

	it('Get Many returns the list (a bare array: one request) with limit', async () => {
		sandbox.seedDemo();
		const all = await runGuruSup(sandbox, {
			parameters: { operation: 'getMany', returnAll: true },
		});
		expect(all.items).toHaveLength(15);
		sandbox.clearLog();
		const some = await runGuruSup(sandbox, {
			parameters: { operation: 'getMany', returnAll: false, limit: 4 },
		});
		expect(some.items).toHaveLength(4);
		expect(sandbox.requests).toHaveLength(1);
	});

	it('Get Many with Simplify gives every ticket the shared shape', async () => {
		sandbox.seedDemo();
		const result = await runGuruSup(sandbox, {
			parameters: { operation: 'getMany', returnAll: true, simplify: true },
		});
		const tickets = result.items.map((item) => item.json);
		expect(tickets).toHaveLength(15);
		for (const ticket of tickets) {
			expect(ticket).toMatchObject({
				provider: 'gurusup',
				status: 'open',
				raw: expect.any(Object),
			});
		}
	});

	it('Get Many walks pages when the answer shows paging, and stops', async () => {
		await sandbox.stop();
		sandbox = adopt(await startSandbox({ pagination: 'page' }));
		for (let i = 0; i < 45; i++) sandbox.addTicket({ external_id: `P${i}` });
		const result = await runGuruSup(sandbox, {
			parameters: { operation: 'getMany', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((ticket) => ticket.external_id);
		expect(new Set(ids).size).toBe(45);
		// first request discovers the shape, then pages of the size the server reported (20)
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{},
			{ page: '1', limit: '20' },
			{ page: '2', limit: '20' },
			{ page: '3', limit: '20' },
		]);
	});

	it('sends x-api-username only when the credential has one', async () => {
		await sandbox.stop();
		sandbox = adopt(await startSandbox({ apiUsername: 'ops-bot' }));
		const result = await runGuruSup(sandbox, {
			credentials: { apiUsername: 'ops-bot' },
			parameters: { operation: 'getMany', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].headers['x-api-username']).toBe('ops-bot');
	});
});
