/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { z } from 'zod';

import { faults } from '../../dev/sandboxes/faults';
import { ok, Sandbox } from '../../dev/sandboxes/framework';
import { HttpError, oneOrMany, uuid } from '../../dev/sandboxes/validation';
import { startZaiaSandbox, ZAIA_ROUTES } from '../../dev/sandboxes/zaia';
import type { ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { call } from './client';

const DETAIL_KEYS = [
	'id',
	'workspaceId',
	'chatId',
	'chatIsRemoved',
	'chatOwnerId',
	'status',
	'summary',
	'createdAt',
	'ongoingAt',
	'completedAt',
	'assigneeId',
	'assigneeName',
	'assigneeEmail',
	'assigneePicture',
	'channelId',
	'channelName',
	'channelType',
	'isOwnerBlocked',
	'ownerEmail',
	'ownerEntity',
	'ownerIdentifier',
	'ownerName',
	'pendingChatMessages',
	'responderEntity',
	'responderId',
	'responderName',
	'responderPicture',
	'responderVersionId',
	'responderVersionNumber',
	'ticketingTeamId',
	'ticketingTeamName',
	'ticketingTeamPicture',
].sort();

const WRITE_KEYS = [
	'id',
	'createdAt',
	'updatedAt',
	'assigneeId',
	'chatId',
	'circumstance',
	'completedAt',
	'lastViewedAt',
	'ongoingAt',
	'status',
	'summary',
	'ticketingTeamId',
].sort();

describe('Sandbox framework', () => {
	const handled: unknown[] = [];
	const sandbox = new Sandbox({ auth: (headers) => headers['x-key'] === 'k' });
	sandbox
		.route('GET /items/:id', {
			params: z.object({ id: uuid() }),
			query: z.object({ tag: oneOrMany(z.string()).default([]) }).strict(),
			handler: ({ params, query }) => {
				handled.push(params.id);
				return ok({ id: params.id, tags: query.tag });
			},
		})
		.route('GET /items/special', { handler: () => ok({ special: true }) })
		.route('GET /raw', { handler: ({ query }) => ok(query) })
		.route('POST /items', {
			body: z.object({ name: z.string() }).strict(),
			handler: ({ body }) => {
				handled.push(body.name);
				return { status: 201, body: { name: body.name }, headers: { 'X-Custom': 'yes' } };
			},
		})
		.route('DELETE /items/:id', {
			handler: () => {
				throw new HttpError(409, 'Item is locked');
			},
		});
	let baseUrl: string;
	const headers = { 'x-key': 'k' };

	beforeAll(async () => {
		baseUrl = await sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(() => {
		handled.length = 0;
		sandbox.clearLog();
		sandbox.clearFaults();
		sandbox.latencyMs = 0;
	});

	it('listens on loopback and answers JSON', async () => {
		expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const id = randomUUID();
		const res = await call(baseUrl, `/items/${id}?tag=a&tag=b`, { headers });
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json');
		expect(res.json()).toEqual({ id, tags: ['a', 'b'] });
	});

	it('keeps repeated query keys as arrays and single keys as strings', async () => {
		const res = await call(baseUrl, '/raw?a=1&a=2&b=3&c[x]=4', { headers });
		expect(res.json()).toEqual({ a: ['1', '2'], b: '3', 'c[x]': '4' });
	});

	it('prefers a literal path segment over a parameter', async () => {
		const res = await call(baseUrl, '/items/special', { headers });
		expect(res.json()).toEqual({ special: true });
	});

	it('answers 404 JSON for an unknown route and logs it with route null', async () => {
		const res = await call(baseUrl, '/nope?x=1', { headers });
		expect(res.status).toBe(404);
		expect(res.json()).toEqual({ statusCode: 404, message: 'Cannot GET /nope' });
		expect(sandbox.requests).toEqual([
			expect.objectContaining({ method: 'GET', path: '/nope', route: null, status: 404 }),
		]);
	});

	it('answers 401 when the auth hook refuses, before validation', async () => {
		const res = await call(baseUrl, '/items/not-a-uuid', { headers: { 'x-key': 'wrong' } });
		expect(res.status).toBe(401);
		expect(res.json()).toEqual({ statusCode: 401, message: 'Invalid API key' });
	});

	it('rejects schema violations with 400 and field paths, without calling the handler', async () => {
		const res = await call(baseUrl, '/items/123?tag=a&other=1', { headers });
		expect(res.status).toBe(400);
		expect(res.json()).toEqual({
			statusCode: 400,
			message: 'Invalid request',
			errors: [
				{ path: 'params.id', message: expect.stringContaining('UUID') },
				{ path: 'query', message: expect.stringContaining("'other'") },
			],
		});
		const post = await call(baseUrl, '/items', { method: 'POST', body: { name: 5 }, headers });
		expect(post.status).toBe(400);
		expect(post.json()).toMatchObject({ errors: [{ path: 'body.name' }] });
		expect(handled).toEqual([]);
	});

	it('rejects a body that is not JSON', async () => {
		const res = await request(`${baseUrl}/items`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/json' },
			body: '{"name":',
		});
		expect(res.statusCode).toBe(400);
		expect(await res.body.json()).toEqual({ statusCode: 400, message: 'Invalid JSON body' });
		expect(sandbox.requests[0].body).toBe('{"name":');
	});

	it('passes handler status and headers through and maps HttpError', async () => {
		const created = await call(baseUrl, '/items', { method: 'POST', body: { name: 'x' }, headers });
		expect(created.status).toBe(201);
		expect(created.headers['x-custom']).toBe('yes');
		const locked = await call(baseUrl, `/items/${randomUUID()}`, { method: 'DELETE', headers });
		expect(locked.status).toBe(409);
		expect(locked.json()).toEqual({ statusCode: 409, message: 'Item is locked' });
	});

	it('refuses to inject a fault on a route it does not know', () => {
		expect(() => sandbox.injectFault('GET /item/:id', faults.drop())).toThrow(/unknown route/);
	});

	it('applies a fault the given number of times, then answers normally', async () => {
		sandbox.injectFault('GET /items/:id', faults.status(503), { times: 2 });
		const id = randomUUID();
		const statuses = [];
		for (let i = 0; i < 3; i++)
			statuses.push((await call(baseUrl, `/items/${id}`, { headers })).status);
		expect(statuses).toEqual([503, 503, 200]);
		expect(sandbox.pendingFaults).toEqual([]);
		expect(sandbox.requests.map((entry) => entry.fault)).toEqual(['status', 'status', null]);
	});

	it("'*' faults whatever route comes next, even an unknown one", async () => {
		sandbox.injectFault('*', faults.status(500));
		const res = await call(baseUrl, '/nope', { headers });
		expect(res.status).toBe(500);
		expect(res.json()).toEqual({ statusCode: 500, message: 'Internal Server Error' });
	});

	it('adds the configured latency to every response', async () => {
		sandbox.latencyMs = 60;
		const started = performance.now();
		await call(baseUrl, '/items/special', { headers });
		expect(performance.now() - started).toBeGreaterThanOrEqual(55);
	});

	it('stops promptly even while a delayed request is pending', async () => {
		const local = new Sandbox();
		local.route('GET /slow', { handler: () => ok({}) });
		local.injectFault('GET /slow', faults.delay(30_000));
		const url = await local.start();
		const pending = call(url, '/slow');
		while (local.requests.length === 0) await sleep(5);
		const started = performance.now();
		await local.stop();
		await expect(pending).rejects.toThrow();
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('runs middleware around routing', async () => {
		const local = new Sandbox();
		local.route('GET /ping', { handler: () => ok({ pong: true }) });
		let count = 0;
		local.use(async (req, next) => {
			count++;
			if (req.query.limited === '1') return { status: 429, body: { message: 'slow down' } };
			const response = await next();
			return { ...response, headers: { ...response.headers, 'x-count': String(count) } };
		});
		const url = await local.start();
		try {
			const first = await call(url, '/ping');
			expect(first.headers['x-count']).toBe('1');
			expect((await call(url, '/ping?limited=1')).status).toBe(429);
		} finally {
			await local.stop();
		}
	});
});

describe('Zaia sandbox', () => {
	let zaia: ZaiaSandbox;
	let auth: Record<string, string>;

	beforeAll(async () => {
		zaia = await startZaiaSandbox();
		auth = { authorization: zaia.apiKey };
	});
	afterAll(async () => {
		await zaia.stop();
	});
	beforeEach(() => {
		zaia.reset();
	});

	const get = (path: string, headers = auth) => call(zaia.baseUrl, `/api/v1${path}`, { headers });
	const send = (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
		call(zaia.baseUrl, `/api/v1${path}`, { method, body, headers: auth });

	describe('authentication', () => {
		it.each([
			['no header', {}],
			['a wrong key', { authorization: 'nope' }],
			['a Bearer-prefixed key', { authorization: 'Bearer KEY' }],
		])('answers 401 for %s', async (_label, headers: Record<string, string>) => {
			const value = headers.authorization?.replace('KEY', zaia.apiKey);
			const res = await get(
				'/ticketing-teams',
				value === undefined ? {} : { authorization: value },
			);
			expect(res.status).toBe(401);
			expect(res.json()).toEqual({ statusCode: 401, message: 'Invalid API key' });
		});

		it('accepts the raw key', async () => {
			expect((await get('/ticketing-teams?pageSize=1')).status).toBe(200);
		});
	});

	describe('contract violations answer 400', () => {
		it('status is required on the ticket list', async () => {
			const res = await get('/tickets/details');
			expect(res.status).toBe(400);
			expect(res.json()).toEqual({
				statusCode: 400,
				message: 'Invalid request',
				errors: [{ path: 'query.status', message: 'Required' }],
			});
		});

		it('status must be a known value', async () => {
			const res = await get('/tickets/details?status=open');
			expect(res.json()).toMatchObject({ errors: [{ path: 'query.status' }] });
		});

		it('pageSize is at most 100 and pageNumber at least 1', async () => {
			const res = await get('/tickets/details?status=pending&pageSize=101&pageNumber=0');
			expect(res.status).toBe(400);
			const paths = (res.json() as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
			expect(paths.sort()).toEqual(['query.pageNumber', 'query.pageSize']);
			expect((await get('/tickets/details?status=pending&pageSize=100')).status).toBe(200);
		});

		it('path ids must be uuids', async () => {
			const res = await get('/tickets/12345/details');
			expect(res.status).toBe(400);
			expect(res.json()).toMatchObject({ errors: [{ path: 'params.id' }] });
		});

		it('every value of a repeated uuid parameter is checked', async () => {
			const res = await get(
				`/tickets/details?status=pending&assigneeIds=${randomUUID()}&assigneeIds=bob`,
			);
			expect(res.status).toBe(400);
			expect(res.json()).toMatchObject({ errors: [{ path: 'query.assigneeIds.1' }] });
		});

		it('create needs every field, ticketingTeamId included (null allowed)', async () => {
			const chat = zaia.addChat();
			const body = { chatId: chat.id, assigneeId: randomUUID(), status: 'ongoing' };
			const missing = await send('POST', '/tickets', body);
			expect(missing.status).toBe(400);
			expect(missing.json()).toMatchObject({
				errors: [{ path: 'body.ticketingTeamId', message: 'Required' }],
			});
			expect(zaia.state.tickets.size).toBe(0);
			const created = await send('POST', '/tickets', { ...body, ticketingTeamId: null });
			expect(created.status).toBe(200);
		});

		it('undocumented body and query keys are rejected', async () => {
			const ticket = zaia.addTicket();
			const res = await send('PATCH', `/tickets/${ticket.id}/assignee`, {
				assigneeId: randomUUID(),
				note: 'x',
			});
			expect(res.status).toBe(400);
			expect((await get('/tickets/details?status=pending&limit=5')).status).toBe(400);
			expect(zaia.state.tickets.get(ticket.id)?.assigneeId).toBe(ticket.assigneeId);
		});
	});

	describe('tickets', () => {
		it('gets the documented detail object, or 404', async () => {
			const team = zaia.addTeam({ name: 'Billing' });
			const user = zaia.addUser({ name: 'Marina', email: 'marina@acme.example' });
			const ticket = zaia.addTicket({
				status: 'ongoing',
				ticketingTeamId: team.id,
				...zaia.state.assigneeFields(user.id),
			});
			const res = await get(`/tickets/${ticket.id}/details`);
			expect(res.status).toBe(200);
			const detail = res.json() as Record<string, unknown>;
			expect(Object.keys(detail).sort()).toEqual(DETAIL_KEYS);
			expect(detail).toMatchObject({
				id: ticket.id,
				status: 'ongoing',
				assigneeName: 'Marina',
				ticketingTeamName: 'Billing',
				workspaceId: zaia.workspaceId,
			});
			const missing = await get(`/tickets/${randomUUID()}/details`);
			expect(missing.status).toBe(404);
			expect(missing.json()).toEqual({ statusCode: 404, message: 'Ticket not found' });
		});

		it('pages newest first and ends with a short page', async () => {
			for (let i = 0; i < 25; i++) zaia.addTicket({ status: 'pending' });
			zaia.addTicket({ status: 'completed' });
			const pages: Array<Array<{ id: string; createdAt: string }>> = [];
			for (let page = 1; page <= 3; page++) {
				const res = await get(`/tickets/details?status=pending&pageSize=10&pageNumber=${page}`);
				pages.push(res.json() as Array<{ id: string; createdAt: string }>);
			}
			expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
			const all = pages.flat();
			expect(new Set(all.map((t) => t.id)).size).toBe(25);
			const times = all.map((t) => Date.parse(t.createdAt));
			expect(times).toEqual([...times].sort((a, b) => b - a));
			expect(
				await get('/tickets/details?status=pending&pageNumber=4').then((r) => r.json()),
			).toEqual([]);
		});

		it('defaults to 10 per page', async () => {
			for (let i = 0; i < 12; i++) zaia.addTicket({ status: 'ongoing' });
			expect(
				(await get('/tickets/details?status=ongoing').then((r) => r.json())) as unknown[],
			).toHaveLength(10);
		});

		it('filters by one or several repeated ids', async () => {
			const [a, b, c] = [zaia.addUser(), zaia.addUser(), zaia.addUser()];
			const tickets = [a, b, c].map((user) =>
				zaia.addTicket({ status: 'ongoing', ...zaia.state.assigneeFields(user.id) }),
			);
			const one = (await get(`/tickets/details?status=ongoing&assigneeIds=${a.id}`).then((r) =>
				r.json(),
			)) as Array<{ id: string }>;
			expect(one.map((t) => t.id)).toEqual([tickets[0].id]);
			const two = (await get(
				`/tickets/details?status=ongoing&assigneeIds=${a.id}&assigneeIds=${c.id}`,
			).then((r) => r.json())) as Array<{ id: string }>;
			expect(two.map((t) => t.id).sort()).toEqual([tickets[0].id, tickets[2].id].sort());
		});

		it('filters by tags, search and removed chats', async () => {
			const vip = zaia.addTag({ name: 'vip' });
			const tagged = zaia.addTicket({ tagIds: [vip.id], summary: 'Refund for ORDER-77' });
			const removed = zaia.addTicket();
			zaia.removeChat(removed.chatId);
			const ids = async (query: string) =>
				(
					(await get(`/tickets/details?status=pending${query}`).then((r) => r.json())) as Array<{
						id: string;
					}>
				).map((t) => t.id);
			expect(await ids(`&tagIds=${vip.id}`)).toEqual([tagged.id]);
			expect(await ids('&search=order-77')).toEqual([tagged.id]);
			expect(await ids('')).toEqual([tagged.id]);
			expect((await ids('&includeRemoved=true')).sort()).toEqual([tagged.id, removed.id].sort());
		});

		it('creates, takes over, assigns and completes, answering the write object', async () => {
			const chat = zaia.addChat();
			const team = zaia.addTeam();
			const [first, second] = [randomUUID(), randomUUID()];
			const created = await send('POST', '/tickets', {
				chatId: chat.id,
				ticketingTeamId: team.id,
				assigneeId: first,
				status: 'pending',
			});
			const ticket = created.json() as Record<string, unknown> & { id: string };
			expect(Object.keys(ticket).sort()).toEqual(WRITE_KEYS);
			expect(ticket).toMatchObject({
				chatId: chat.id,
				assigneeId: first,
				circumstance: 'takeover',
				status: 'pending',
				ongoingAt: null,
				completedAt: null,
			});

			const takeover = await send('PATCH', `/tickets/${ticket.id}/takeover`, {
				assigneeId: second,
			});
			expect(takeover.json()).toMatchObject({ status: 'ongoing', assigneeId: second });
			expect((takeover.json() as { ongoingAt: string | null }).ongoingAt).not.toBeNull();

			const assign = await send('PATCH', `/tickets/${ticket.id}/assignee`, { assigneeId: first });
			expect(assign.json()).toMatchObject({ status: 'ongoing', assigneeId: first });

			const complete = await send('PATCH', `/tickets/${ticket.id}/complete`, { userId: first });
			const completed = complete.json() as { status: string; completedAt: string };
			expect(completed.status).toBe('completed');
			expect(Date.parse(completed.completedAt)).not.toBeNaN();
			// A retried complete is harmless.
			const again = await send('PATCH', `/tickets/${ticket.id}/complete`, { userId: first });
			expect((again.json() as { completedAt: string }).completedAt).toBe(completed.completedAt);
			expect(zaia.ticketDetail(ticket.id)).toMatchObject({ status: 'completed' });
		});

		it('refuses to create a ticket for an unknown chat or team', async () => {
			const chat = zaia.addChat();
			const base = { assigneeId: randomUUID(), status: 'pending' };
			const noChat = await send('POST', '/tickets', {
				...base,
				chatId: randomUUID(),
				ticketingTeamId: null,
			});
			expect(noChat.json()).toEqual({ statusCode: 404, message: 'Chat not found' });
			const noTeam = await send('POST', '/tickets', {
				...base,
				chatId: chat.id,
				ticketingTeamId: randomUUID(),
			});
			expect(noTeam.json()).toEqual({ statusCode: 404, message: 'Ticketing team not found' });
		});

		it('attaches and removes tags', async () => {
			const ticket = zaia.addTicket();
			const tag = zaia.addTag();
			const added = await send('POST', `/tickets/${ticket.id}/tags`, { tagId: tag.id });
			expect(added.status).toBe(200);
			expect(added.json()).toMatchObject({ tagId: tag.id, ticketId: ticket.id });
			expect(Object.keys(added.json() as object).sort()).toEqual([
				'createdAt',
				'tagId',
				'ticketId',
				'updatedAt',
			]);
			expect((await send('POST', `/tickets/${ticket.id}/tags`, { tagId: tag.id })).status).toBe(
				409,
			);
			expect(
				(await send('POST', `/tickets/${ticket.id}/tags`, { tagId: randomUUID() })).json(),
			).toEqual({ statusCode: 404, message: 'Tag not found' });
			expect(zaia.ticketTagIds(ticket.id)).toEqual([tag.id]);

			const removed = await send('DELETE', `/tickets/${ticket.id}/tags/${tag.id}`);
			expect(removed.json()).toEqual({ message: expect.any(String) });
			expect(zaia.ticketTagIds(ticket.id)).toEqual([]);
			expect((await send('DELETE', `/tickets/${ticket.id}/tags/${tag.id}`)).status).toBe(404);
		});
	});

	describe('lookups', () => {
		it('lists teams with their public shape', async () => {
			zaia.addTeam({ name: 'A' });
			zaia.addTeam({ name: 'B' });
			const res = await get('/ticketing-teams?pageSize=1&pageNumber=2&joins=tools-agents');
			const teams = res.json() as Array<Record<string, unknown>>;
			expect(teams).toHaveLength(1);
			expect(Object.keys(teams[0]).sort()).toEqual([
				'createdAt',
				'description',
				'id',
				'isRemoved',
				'name',
				'updatedAt',
				'workspaceId',
			]);
			expect(teams[0].name).toBe('B');
		});

		it('creates, reads, updates, lists and deletes tags', async () => {
			const created = await send('POST', '/tags', { name: 'urgent', color: 3 });
			const tag = created.json() as { id: string; color: number };
			expect(created.json()).toMatchObject({ name: 'urgent', color: 3, description: null });
			expect((await send('POST', '/tags', { name: 'x', color: 10 })).status).toBe(400);
			expect((await send('POST', '/tags', { color: 1 })).status).toBe(400);
			expect((await get(`/tags/${tag.id}`)).json()).toMatchObject({ name: 'urgent' });
			const patched = await send('PATCH', `/tags/${tag.id}`, { description: 'now' });
			expect(patched.json()).toMatchObject({ name: 'urgent', description: 'now' });
			expect(((await get('/tags')).json() as unknown[]).length).toBe(1);
			expect((await send('DELETE', `/tags/${tag.id}`)).json()).toMatchObject({ id: tag.id });
			expect((await get(`/tags/${tag.id}`)).status).toBe(404);
		});

		it('filters responders by one or several entities', async () => {
			zaia.addResponder({ entity: 'agents', name: 'Ada' });
			zaia.addResponder({ entity: 'squads', name: 'Squad' });
			zaia.addResponder({ entity: 'workflows', name: 'Flow' });
			const names = async (query: string) =>
				((await get(`/super-identities/responders${query}`)).json() as Array<{ name: string }>).map(
					(r) => r.name,
				);
			expect(await names('?responderEntities=agents')).toEqual(['Ada']);
			expect(await names('?responderEntities=agents&responderEntities=workflows')).toEqual([
				'Ada',
				'Flow',
			]);
			expect(await names('?search=squ')).toEqual(['Squad']);
			expect((await get('/super-identities/responders?responderEntities=bots')).status).toBe(400);
			const [first] = (await get('/super-identities/responders?pageSize=1')).json() as object[];
			expect(Object.keys(first).sort()).toEqual(['entity', 'id', 'name', 'picture', 'workspaceId']);
		});

		it('lists chats and chat messages', async () => {
			const chat = zaia.addChat({ channelType: 'whatsapp' });
			zaia.addChat({ channelType: 'widget' });
			const chats = (await get('/chats?channelTypes=whatsapp')).json() as Array<{ id: string }>;
			expect(chats.map((c) => c.id)).toEqual([chat.id]);
			zaia.addChatMessage({ chatId: chat.id });
			zaia.addChatMessage({ chatId: chat.id });
			const limited = await get(`/chat-messages?chatId=${chat.id}&pagination[limit]=1`);
			expect(limited.json()).toHaveLength(1);
			expect((await get('/chat-messages')).status).toBe(400);
			expect((await get(`/chat-messages?chatId=${chat.id}&pagination[limit]=1001`)).status).toBe(
				400,
			);
		});

		it('chat messages: 250 without a limit, at most 1000, threads, joined senders; chat details and activity filters', async () => {
			const chat = zaia.addChat({ ownerName: 'Ana' });
			const base = Date.parse('2026-03-01T10:00:00Z');
			for (let i = 0; i < 1001; i++) {
				zaia.addChatMessage({
					chatId: chat.id,
					createdAt: new Date(base + i * 1000).toISOString(),
				});
			}
			const messages = `/chat-messages?chatId=${chat.id}`;
			expect((await get(messages)).json()).toHaveLength(250);
			expect((await get(`${messages}&pagination[limit]=1000`)).json()).toHaveLength(1000);
			expect((await get(`${messages}&pagination[limit]=0`)).status).toBe(400);
			expect((await get(`${messages}&limit=10`)).status).toBe(400);
			expect((await get(`${messages}&joins=everything`)).status).toBe(400);
			expect((await get(`${messages}&chatThreadId=main`)).status).toBe(400);
			const [joined] = (await get(`${messages}&joins=senders&pagination[limit]=1`)).json() as Array<
				Record<string, unknown>
			>;
			expect(joined.sender).toEqual({ id: chat.ownerId, name: 'Ana' });
			const detail = (await get(`/chats/${chat.id}/details`)).json() as Record<string, unknown>;
			expect(detail.lastMessageCreatedAt).toBe(new Date(base + 1000 * 1000).toISOString());
			const missing = await get('/chats/3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f/details');
			expect(missing.status).toBe(404);
			const since = (start: string) =>
				get(`/chats?lastChatMessageCreatedAtStart=${encodeURIComponent(start)}`);
			expect(((await since('2026-03-01T10:16:40Z')).json() as unknown[]).length).toBe(1);
			expect(((await since('2026-03-01T10:16:41Z')).json() as unknown[]).length).toBe(0);
			expect((await since('yesterday')).status).toBe(400);
		});

		it('seeds a demo workspace', async () => {
			const demo = zaia.seedDemo();
			expect(demo.tickets).toHaveLength(30);
			const perStatus = await Promise.all(
				['pending', 'ongoing', 'completed'].map(
					async (status) =>
						(
							(
								await get(`/tickets/details?status=${status}&pageSize=100&includeRemoved=true`)
							).json() as unknown[]
						).length,
				),
			);
			expect(perStatus).toEqual([10, 10, 10]);
		});
	});

	describe('faults', () => {
		it('429 carries Retry-After, in seconds or as an HTTP date', async () => {
			const ticket = zaia.addTicket();
			const date = new Date(Date.now() + 2000).toUTCString();
			zaia.injectFault(ZAIA_ROUTES.getTicket, faults.tooManyRequests('0'));
			zaia.injectFault(ZAIA_ROUTES.getTicket, faults.tooManyRequests(date));
			const first = await get(`/tickets/${ticket.id}/details`);
			expect(first.status).toBe(429);
			expect(first.headers['retry-after']).toBe('0');
			expect(first.json()).toEqual({ statusCode: 429, message: 'Too Many Requests' });
			const second = await get(`/tickets/${ticket.id}/details`);
			expect(second.headers['retry-after']).toBe(date);
			expect((await get(`/tickets/${ticket.id}/details`)).status).toBe(200);
		});

		it('5xx with a default or a given body', async () => {
			zaia.injectFault(ZAIA_ROUTES.listTeams, faults.status(500));
			zaia.injectFault(ZAIA_ROUTES.listTeams, faults.status(503, { oops: true }));
			const first = await get('/ticketing-teams');
			expect([first.status, first.json()]).toEqual([
				500,
				{ statusCode: 500, message: 'Internal Server Error' },
			]);
			const second = await get('/ticketing-teams');
			expect([second.status, second.json()]).toEqual([503, { oops: true }]);
		});

		it('drop: the client gets a network error and the log shows no status', async () => {
			zaia.injectFault(ZAIA_ROUTES.listTeams, faults.drop());
			await expect(get('/ticketing-teams')).rejects.toThrow();
			expect(zaia.requests[0]).toMatchObject({
				route: ZAIA_ROUTES.listTeams,
				fault: 'drop',
				status: null,
			});
			expect((await get('/ticketing-teams')).status).toBe(200);
		});

		it('malformed: 200 application/json that does not parse', async () => {
			zaia.injectFault(ZAIA_ROUTES.listTeams, faults.malformed());
			const res = await get('/ticketing-teams');
			expect(res.status).toBe(200);
			expect(res.headers['content-type']).toBe('application/json');
			expect(() => res.json()).toThrow(SyntaxError);
		});

		it('delay: answers normally after waiting', async () => {
			zaia.addTeam();
			zaia.injectFault(ZAIA_ROUTES.listTeams, faults.delay(80));
			const started = performance.now();
			const res = await get('/ticketing-teams');
			expect(performance.now() - started).toBeGreaterThanOrEqual(75);
			expect(res.json()).toHaveLength(1);
		});

		it('a faulted request does not change state; a delayed one does', async () => {
			const ticket = zaia.addTicket({ status: 'pending' });
			const assignee = randomUUID();
			for (const fault of [
				faults.status(500),
				faults.tooManyRequests(),
				faults.drop(),
				faults.malformed(),
			]) {
				zaia.injectFault(ZAIA_ROUTES.takeoverTicket, fault);
				await send('PATCH', `/tickets/${ticket.id}/takeover`, { assigneeId: assignee }).catch(
					() => undefined,
				);
				expect(zaia.ticketDetail(ticket.id)).toMatchObject({ status: 'pending', assigneeId: null });
			}
			zaia.injectFault(ZAIA_ROUTES.takeoverTicket, faults.delay(20));
			const res = await send('PATCH', `/tickets/${ticket.id}/takeover`, { assigneeId: assignee });
			expect(res.status).toBe(200);
			expect(zaia.ticketDetail(ticket.id)).toMatchObject({
				status: 'ongoing',
				assigneeId: assignee,
			});
			expect(zaia.requestsTo(ZAIA_ROUTES.takeoverTicket).map((r) => r.fault)).toEqual([
				'status',
				'status',
				'drop',
				'malformed',
				'delay',
			]);
		});
	});

	describe('request log', () => {
		it('records method, path, query, body, headers, status and route in order', async () => {
			const ticket = zaia.addTicket();
			const tag = zaia.addTag();
			await get(`/tickets/details?status=pending&tagIds=${tag.id}&tagIds=${tag.id}`);
			await send('POST', `/tickets/${ticket.id}/tags`, { tagId: tag.id });
			await get('/ticketing-teams', { authorization: 'wrong' });
			expect(zaia.requests).toEqual([
				expect.objectContaining({
					method: 'GET',
					path: '/api/v1/tickets/details',
					query: { status: 'pending', tagIds: [tag.id, tag.id] },
					body: undefined,
					status: 200,
					route: ZAIA_ROUTES.listTickets,
				}),
				expect.objectContaining({
					method: 'POST',
					path: `/api/v1/tickets/${ticket.id}/tags`,
					query: {},
					body: { tagId: tag.id },
					headers: expect.objectContaining({
						authorization: zaia.apiKey,
						'content-type': 'application/json',
					}),
					status: 200,
					route: ZAIA_ROUTES.addTicketTag,
				}),
				expect.objectContaining({ status: 401, route: ZAIA_ROUTES.listTeams }),
			]);
			expect(zaia.requestsTo(ZAIA_ROUTES.addTicketTag)).toHaveLength(1);
			zaia.clearLog();
			expect(zaia.requests).toEqual([]);
		});
	});
});
