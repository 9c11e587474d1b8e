import { faults } from '../../dev/sandboxes/faults';
import { GURUSUP_ROUTES, startGuruSupSandbox } from '../../dev/sandboxes/gurusup';
import type { GuruSupPage, GuruSupSandbox, GuruSupTicket } from '../../dev/sandboxes/gurusup';
import { call } from './client';

type Json = Record<string, unknown>;

const TICKET_KEYS = [
	'agent',
	'agent_id',
	'agent_name',
	'created_at',
	'external_id',
	'id',
	'messages',
	'sender',
	'sender_name',
	'sources',
	'subject',
	'updated_at',
];

const MESSAGE_KEYS = [
	'body',
	'external_id',
	'id',
	'is_agent',
	'received_at',
	'sender',
	'sender_name',
	'source',
];

function message(externalId: string, overrides: Json = {}): Json {
	return {
		external_id: externalId,
		body: `Body of ${externalId}`,
		is_agent: false,
		received_at: '2024-11-15T10:30:00Z',
		...overrides,
	};
}

function createBody(overrides: Json = {}): Json {
	return {
		external_id: 'ORD_1001-a',
		subject: 'Refund for order 1001',
		sender: 'customer@example.com',
		agent_id: 'agt_7',
		agent_name: 'Nerea',
		messages: [message('msg_001')],
		sources: 2,
		...overrides,
	};
}

function without(body: Json, key: string): Json {
	const copy = { ...body };
	delete copy[key];
	return copy;
}

function errorPaths(body: unknown): string[] {
	return (body as { errors: Array<{ path: string }> }).errors.map((error) => error.path);
}

describe('GuruSup sandbox', () => {
	let gurusup: GuruSupSandbox;
	let auth: Record<string, string>;

	beforeAll(async () => {
		gurusup = await startGuruSupSandbox();
		auth = { 'x-api-key': gurusup.apiKey };
	});
	afterAll(async () => {
		await gurusup.stop();
	});
	beforeEach(() => {
		gurusup.reset();
		gurusup.pagination = 'none';
	});

	const list = (query = '', headers = auth) =>
		call(gurusup.baseUrl, `/api/v1/tickets${query}`, { headers });
	const send = (method: 'POST' | 'PUT', body: unknown) =>
		call(gurusup.baseUrl, '/api/v1/tickets', { method, body, headers: auth });

	describe('authentication', () => {
		it.each([
			['no header', {}],
			['a wrong key', { 'x-api-key': 'nope' }],
			['the key as a Bearer token', { authorization: 'Bearer KEY' }],
		])('answers 401 for %s', async (_label, headers: Record<string, string>) => {
			const resolved = Object.fromEntries(
				Object.entries(headers).map(([name, value]) => [
					name,
					value.replace('KEY', gurusup.apiKey),
				]),
			);
			const res = await list('', resolved);
			expect(res.status).toBe(401);
			expect(res.json()).toEqual({ statusCode: 401, message: 'Unauthorized' });
		});

		it('accepts the key and ignores x-api-username when none is configured', async () => {
			expect((await list()).status).toBe(200);
			expect((await list('', { ...auth, 'x-api-username': 'whoever' })).status).toBe(200);
			expect(gurusup.apiUsername).toBeUndefined();
			expect(gurusup.requests[0].headers['x-api-key']).toBe(gurusup.apiKey);
			expect(gurusup.requests[0].headers).not.toHaveProperty('x-api-username');
			expect(gurusup.requests[1].headers['x-api-username']).toBe('whoever');
		});

		it('generates a distinct key per sandbox', async () => {
			const other = await startGuruSupSandbox();
			try {
				expect(other.apiKey).toMatch(/^gs_[0-9a-f]{32}$/);
				expect(other.apiKey).not.toBe(gurusup.apiKey);
			} finally {
				await other.stop();
			}
		});

		it('requires x-api-username to match when one is configured', async () => {
			const CANARY = `canary-${Date.now()}`;
			const strict = await startGuruSupSandbox({ apiKey: CANARY, apiUsername: 'ops@acme.example' });
			try {
				const get = (headers: Record<string, string>) =>
					call(strict.baseUrl, '/api/v1/tickets', { headers });
				expect((await get({ 'x-api-key': CANARY })).status).toBe(401);
				expect(
					(await get({ 'x-api-key': CANARY, 'x-api-username': 'someone@acme.example' })).status,
				).toBe(401);
				expect(
					(await get({ 'x-api-key': 'wrong', 'x-api-username': 'ops@acme.example' })).status,
				).toBe(401);
				expect(
					(await get({ 'x-api-key': CANARY, 'x-api-username': 'ops@acme.example' })).status,
				).toBe(200);
			} finally {
				await strict.stop();
			}
		});

		it('checks the key before validating the body', async () => {
			const res = await call(gurusup.baseUrl, '/api/v1/tickets', {
				method: 'POST',
				body: {},
				headers: { 'x-api-key': 'nope' },
			});
			expect(res.status).toBe(401);
		});
	});

	describe('create', () => {
		it('answers 201 with the ticket, its integer id and the messages with sender info', async () => {
			const res = await send('POST', createBody());
			expect(res.status).toBe(201);
			const ticket = res.json() as GuruSupTicket;
			expect(Object.keys(ticket).sort()).toEqual(TICKET_KEYS);
			expect(Number.isInteger(ticket.id)).toBe(true);
			expect(ticket).toMatchObject({
				external_id: 'ORD_1001-a',
				subject: 'Refund for order 1001',
				sender: 'customer@example.com',
				sender_name: null,
				agent_id: 'agt_7',
				agent: null,
				agent_name: 'Nerea',
				sources: 2,
			});
			expect(ticket.created_at).toBe(ticket.updated_at);
			expect(ticket.messages).toHaveLength(1);
			expect(Object.keys(ticket.messages[0]).sort()).toEqual(MESSAGE_KEYS);
			expect(ticket.messages[0]).toMatchObject({
				external_id: 'msg_001',
				is_agent: false,
				received_at: '2024-11-15T10:30:00Z',
				sender: 'customer@example.com',
				source: 2,
			});
			expect(gurusup.ticket('ORD_1001-a')).toEqual(ticket);
		});

		it('needs only the documented required fields', async () => {
			const body = without(without(createBody(), 'agent_id'), 'agent_name');
			const res = await send('POST', body);
			expect(res.status).toBe(201);
			expect(res.json()).toMatchObject({ agent_id: null, agent_name: null });
		});

		it.each(['external_id', 'subject', 'sender', 'messages', 'sources'])(
			'answers 400 naming a missing %s',
			async (field) => {
				const res = await send('POST', without(createBody(), field));
				expect(res.status).toBe(400);
				expect(res.json()).toEqual({
					statusCode: 400,
					message: 'Invalid request',
					errors: [{ path: `body.${field}`, message: 'Required' }],
				});
				expect(gurusup.tickets.size).toBe(0);
			},
		);

		it.each(['external_id', 'body', 'is_agent', 'received_at'])(
			'answers 400 naming a message without %s',
			async (field) => {
				const res = await send(
					'POST',
					createBody({ messages: [message('msg_001'), without(message('msg_002'), field)] }),
				);
				expect(res.status).toBe(400);
				expect(res.json()).toMatchObject({
					errors: [{ path: `body.messages.1.${field}`, message: 'Required' }],
				});
			},
		);

		it.each<[string, Json, string]>([
			['a sender that is not an email', { sender: 'customer' }, 'body.sender'],
			['an empty subject', { subject: '  ' }, 'body.subject'],
			['sources as a string', { sources: '2' }, 'body.sources'],
			['fractional sources', { sources: 2.5 }, 'body.sources'],
			['an external_id with a space', { external_id: 'ORD 1' }, 'body.external_id'],
			['an external_id with a dot', { external_id: 'ORD.1' }, 'body.external_id'],
			['an empty external_id', { external_id: '' }, 'body.external_id'],
			['no messages', { messages: [] }, 'body.messages'],
			['agent_id null', { agent_id: null }, 'body.agent_id'],
			[
				'a zone-less received_at',
				{ messages: [message('m1', { received_at: '2024-11-15T10:30:00' })] },
				'body.messages.0.received_at',
			],
			[
				'a date-only received_at',
				{ messages: [message('m1', { received_at: '2024-11-15' })] },
				'body.messages.0.received_at',
			],
			[
				'an unparseable received_at',
				{ messages: [message('m1', { received_at: 'yesterday' })] },
				'body.messages.0.received_at',
			],
			[
				'is_agent as a string',
				{ messages: [message('m1', { is_agent: 'false' })] },
				'body.messages.0.is_agent',
			],
			[
				'an empty message body',
				{ messages: [message('m1', { body: '' })] },
				'body.messages.0.body',
			],
			[
				'a message external_id with a slash',
				{ messages: [message('m/1')] },
				'body.messages.0.external_id',
			],
			[
				'two messages with one external_id',
				{ messages: [message('m1'), message('m1')] },
				'body.messages.1.external_id',
			],
			['an undocumented ticket key', { sender_name: 'Ana' }, 'body'],
			[
				'an undocumented message key',
				{ messages: [message('m1', { attachments: [] })] },
				'body.messages.0',
			],
		])('answers 400 for %s', async (_label, overrides, path) => {
			const res = await send('POST', createBody(overrides));
			expect(res.status).toBe(400);
			expect(errorPaths(res.json())).toEqual([path]);
			expect(gurusup.tickets.size).toBe(0);
		});

		it('accepts received_at with fractions or an offset and returns it as sent', async () => {
			const stamps = ['2024-11-15T10:30:00.123Z', '2024-11-15T11:30:00+01:00'];
			const res = await send(
				'POST',
				createBody({
					messages: stamps.map((stamp, i) => message(`m${i}`, { received_at: stamp })),
				}),
			);
			expect(res.status).toBe(201);
			expect((res.json() as GuruSupTicket).messages.map((m) => m.received_at)).toEqual(stamps);
		});

		it('answers 409 for an external_id that already exists, leaving it untouched', async () => {
			expect((await send('POST', createBody())).status).toBe(201);
			const again = await send('POST', createBody({ subject: 'Other' }));
			expect(again.status).toBe(409);
			expect(again.json()).toEqual({
				statusCode: 409,
				message: "Ticket with external_id 'ORD_1001-a' already exists",
			});
			expect(gurusup.ticket('ORD_1001-a')?.subject).toBe('Refund for order 1001');
			expect(gurusup.tickets.size).toBe(1);
		});

		it('rejects a body that is not a JSON object', async () => {
			expect((await send('POST', [createBody()])).status).toBe(400);
			const res = await call(gurusup.baseUrl, '/api/v1/tickets', {
				method: 'POST',
				headers: auth,
			});
			expect(res.status).toBe(400);
			expect(errorPaths(res.json())).toEqual(['body']);
		});
	});

	describe('update', () => {
		it('answers 404 for an unknown ticket', async () => {
			gurusup.addTicket({ external_id: 'KNOWN' });
			const res = await send('PUT', { external_id: 'UNKNOWN', messages: [] });
			expect(res.status).toBe(404);
			expect(res.json()).toEqual({ statusCode: 404, message: 'Ticket not found' });
		});

		it('needs external_id and messages in the body; an empty messages array is fine', async () => {
			const ticket = gurusup.addTicket();
			const noId = await send('PUT', { subject: 'New', messages: [] });
			expect(errorPaths(noId.json())).toEqual(['body.external_id']);
			const noMessages = await send('PUT', { external_id: ticket.external_id, subject: 'New' });
			expect(noMessages.status).toBe(400);
			expect(noMessages.json()).toMatchObject({
				errors: [{ path: 'body.messages', message: 'Required' }],
			});
			expect(gurusup.ticket(ticket.external_id)?.subject).toBe(ticket.subject);
			const res = await send('PUT', {
				external_id: ticket.external_id,
				subject: 'New',
				messages: [],
			});
			expect(res.status).toBe(202);
			expect(res.json()).toMatchObject({ subject: 'New', messages: ticket.messages });
		});

		it.each<[string, Json, string]>([
			['an agent that is not an email', { agent: 'Nerea' }, 'body.agent'],
			['a sender that is not an email', { sender: 'x@' }, 'body.sender'],
			['sources, which only create takes', { sources: 2 }, 'body'],
			[
				'a bad received_at',
				{ messages: [message('m9', { received_at: '15/11/2024' })] },
				'body.messages.0.received_at',
			],
		])('answers 400 for %s', async (_label, overrides, path) => {
			const ticket = gurusup.addTicket();
			const res = await send('PUT', {
				external_id: ticket.external_id,
				messages: [],
				...overrides,
			});
			expect(res.status).toBe(400);
			expect(errorPaths(res.json())).toEqual([path]);
		});

		it('sets the assignment fields and answers 202 with the whole ticket', async () => {
			const ticket = gurusup.addTicket({ external_id: 'T-1' });
			const res = await send('PUT', {
				external_id: 'T-1',
				agent_id: 'agt_9',
				agent: 'nerea@support.example',
				agent_name: 'Nerea Campos',
				sender_name: 'Lucía',
				messages: [],
			});
			expect(res.status).toBe(202);
			const updated = res.json() as GuruSupTicket;
			expect(Object.keys(updated).sort()).toEqual(TICKET_KEYS);
			expect(updated).toMatchObject({
				id: ticket.id,
				agent_id: 'agt_9',
				agent: 'nerea@support.example',
				agent_name: 'Nerea Campos',
				sender_name: 'Lucía',
				subject: ticket.subject,
			});
			expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse(ticket.created_at));
		});

		it('appends new messages and ignores ones the ticket already has', async () => {
			await send('POST', createBody({ external_id: 'T-2' }));
			const first = await send('PUT', {
				external_id: 'T-2',
				agent: 'nerea@support.example',
				agent_name: 'Nerea',
				messages: [
					message('msg_001', { body: 'edited?' }),
					message('msg_002', { is_agent: true, body: 'On it.' }),
				],
			});
			expect(first.status).toBe(202);
			const after = first.json() as GuruSupTicket;
			expect(after.messages.map((m) => [m.external_id, m.body])).toEqual([
				['msg_001', 'Body of msg_001'],
				['msg_002', 'On it.'],
			]);
			expect(after.messages[1]).toMatchObject({
				is_agent: true,
				sender: 'nerea@support.example',
				sender_name: 'Nerea',
			});

			// A retried request changes nothing, not even updated_at.
			const retry = await send('PUT', {
				external_id: 'T-2',
				agent: 'nerea@support.example',
				agent_name: 'Nerea',
				messages: [message('msg_002', { is_agent: true, body: 'On it.' })],
			});
			expect(retry.status).toBe(202);
			expect(retry.json()).toEqual(after);

			const third = await send('PUT', { external_id: 'T-2', messages: [message('msg_003')] });
			expect((third.json() as GuruSupTicket).messages.map((m) => m.external_id)).toEqual([
				'msg_001',
				'msg_002',
				'msg_003',
			]);
			expect(gurusup.ticket('T-2')?.messages).toHaveLength(3);
		});

		it('rejects two messages with one external_id in the same request', async () => {
			const ticket = gurusup.addTicket();
			const res = await send('PUT', {
				external_id: ticket.external_id,
				messages: [message('dup'), message('dup')],
			});
			expect(errorPaths(res.json())).toEqual(['body.messages.1.external_id']);
			expect(gurusup.ticket(ticket.external_id)?.messages).toHaveLength(1);
		});
	});

	describe('list', () => {
		it('answers a bare array of every ticket, newest first, ignoring query parameters', async () => {
			for (let i = 0; i < 25; i++) gurusup.addTicket();
			const res = await list('?external_id=TCK-1001&page=2&limit=5');
			expect(res.status).toBe(200);
			const tickets = res.json() as GuruSupTicket[];
			expect(Array.isArray(tickets)).toBe(true);
			expect(tickets).toHaveLength(25);
			const times = tickets.map((t) => Date.parse(t.created_at));
			expect(times).toEqual([...times].sort((a, b) => b - a));
			expect(Object.keys(tickets[0]).sort()).toEqual(TICKET_KEYS);
			expect(Object.keys(tickets[0].messages[0]).sort()).toEqual(MESSAGE_KEYS);
			expect(await list().then((r) => r.json())).toEqual(tickets);
		});

		it('answers an empty array for an empty account', async () => {
			expect((await list()).json()).toEqual([]);
		});

		it("in 'page' mode answers { data, page, limit, total } and honours page/limit", async () => {
			gurusup.pagination = 'page';
			for (let i = 0; i < 45; i++) gurusup.addTicket();
			const first = (await list()).json() as GuruSupPage;
			expect(Object.keys(first).sort()).toEqual(['data', 'limit', 'page', 'total']);
			expect(first).toMatchObject({ page: 1, limit: 20, total: 45 });
			expect(first.data).toHaveLength(20);

			const pages: GuruSupPage[] = [];
			for (let page = 1; page <= 4; page++) {
				pages.push(
					(await list(`?page=${page}&limit=15&external_id=ignored`)).json() as GuruSupPage,
				);
			}
			expect(pages.map((p) => p.data.length)).toEqual([15, 15, 15, 0]);
			expect(pages.map((p) => [p.page, p.limit, p.total])[3]).toEqual([4, 15, 45]);
			const ids = pages.flatMap((p) => p.data.map((t) => t.id));
			expect(new Set(ids).size).toBe(45);
			expect(first.data.map((t) => t.id)).toEqual(ids.slice(0, 20));
		});

		it("in 'page' mode rejects a page below 1 and a limit outside 1–100", async () => {
			gurusup.pagination = 'page';
			const res = await list('?page=0&limit=101');
			expect(res.status).toBe(400);
			expect(errorPaths(res.json()).sort()).toEqual(['query.limit', 'query.page']);
			expect((await list('?limit=abc')).status).toBe(400);
			expect((await list('?limit=100')).status).toBe(200);
		});

		it('lists the demo account: 15 tickets with 1–4 messages each', async () => {
			const demo = gurusup.seedDemo();
			expect(demo).toHaveLength(15);
			const tickets = (await list()).json() as GuruSupTicket[];
			expect(tickets).toHaveLength(15);
			expect(tickets[0].external_id).toBe('DEMO-015');
			const counts = tickets.map((t) => t.messages.length);
			expect(Math.min(...counts)).toBe(1);
			expect(Math.max(...counts)).toBe(4);
			for (const ticket of tickets) {
				for (const entry of ticket.messages) {
					expect(entry.sender).toBe(entry.is_agent ? ticket.agent : ticket.sender);
					expect(entry.sender).not.toBeNull();
				}
			}
		});
	});

	describe('state helpers', () => {
		it('addTicket fills defaults, takes overrides and refuses a duplicate external_id', () => {
			const ticket = gurusup.addTicket({
				external_id: 'X-1',
				agent_name: 'Iván',
				messages: [{ is_agent: false }, { external_id: 'custom', body: 'Hi' }],
			});
			expect(ticket).toMatchObject({ external_id: 'X-1', agent_name: 'Iván', sources: 2 });
			expect(ticket.messages.map((m) => m.external_id)[1]).toBe('custom');
			expect(gurusup.tickets.get('X-1')).toBe(ticket);
			expect(gurusup.ticket('X-1')).not.toBe(ticket);
			expect(gurusup.ticket('nope')).toBeUndefined();
			expect(() => gurusup.addTicket({ external_id: 'X-1' })).toThrow(/already exists/);
		});

		it('reset empties the account, the log and the fault queue', async () => {
			gurusup.addTicket();
			gurusup.injectFault(GURUSUP_ROUTES.listTickets, faults.status(500));
			await list('', {});
			gurusup.reset();
			expect(gurusup.tickets.size).toBe(0);
			expect(gurusup.requests).toEqual([]);
			expect(gurusup.pendingFaults).toEqual([]);
		});
	});

	describe('faults', () => {
		it('429 carries Retry-After, then the route answers normally', async () => {
			gurusup.injectFault(GURUSUP_ROUTES.listTickets, faults.tooManyRequests('3'));
			const limited = await list();
			expect(limited.status).toBe(429);
			expect(limited.headers['retry-after']).toBe('3');
			expect((await list()).status).toBe(200);
		});

		it('503 on create changes nothing; the retry creates the ticket', async () => {
			gurusup.injectFault(GURUSUP_ROUTES.createTicket, faults.status(503));
			const failed = await send('POST', createBody());
			expect(failed.status).toBe(503);
			expect(failed.json()).toEqual({ statusCode: 503, message: 'Service Unavailable' });
			expect(gurusup.tickets.size).toBe(0);
			expect((await send('POST', createBody())).status).toBe(201);
		});

		it('drop on update: network error, no status logged, no message appended', async () => {
			const ticket = gurusup.addTicket();
			gurusup.injectFault(GURUSUP_ROUTES.updateTicket, faults.drop());
			const body = { external_id: ticket.external_id, messages: [message('late')] };
			await expect(send('PUT', body)).rejects.toThrow();
			expect(gurusup.requestsTo(GURUSUP_ROUTES.updateTicket)).toEqual([
				expect.objectContaining({ fault: 'drop', status: null, body }),
			]);
			expect(gurusup.ticket(ticket.external_id)?.messages).toHaveLength(1);
			expect((await send('PUT', body)).status).toBe(202);
			expect(gurusup.ticket(ticket.external_id)?.messages).toHaveLength(2);
		});

		it('malformed: 200 application/json that does not parse', async () => {
			gurusup.injectFault(GURUSUP_ROUTES.listTickets, faults.malformed());
			const res = await list();
			expect(res.status).toBe(200);
			expect(() => res.json()).toThrow(SyntaxError);
		});
	});

	describe('request log', () => {
		it('records each call with its route key, status, query and body', async () => {
			await send('POST', createBody());
			await send('PUT', { external_id: 'ORD_1001-a', messages: [] });
			await list('?page=1');
			expect(gurusup.requests).toEqual([
				expect.objectContaining({
					method: 'POST',
					path: '/api/v1/tickets',
					route: GURUSUP_ROUTES.createTicket,
					status: 201,
					body: createBody(),
				}),
				expect.objectContaining({ route: GURUSUP_ROUTES.updateTicket, status: 202 }),
				expect.objectContaining({
					route: GURUSUP_ROUTES.listTickets,
					status: 200,
					query: { page: '1' },
				}),
			]);
			expect(gurusup.routeKeys.sort()).toEqual(Object.values(GURUSUP_ROUTES).sort());
		});
	});
});
