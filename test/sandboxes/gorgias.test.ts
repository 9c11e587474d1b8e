/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

import { faults } from '../../dev/sandboxes/faults';
import { GORGIAS_ROUTES, startGorgiasSandbox } from '../../dev/sandboxes/gorgias';
import type { GorgiasList, GorgiasSandbox, GorgiasTicket } from '../../dev/sandboxes/gorgias';
import { call } from './client';

/** A copy of `value` without `keys`, to build "field missing" payloads. */
function omit<T extends object>(value: T, ...keys: string[]): Partial<T> {
	return Object.fromEntries(
		Object.entries(value).filter(([key]) => !keys.includes(key)),
	) as Partial<T>;
}

const LIMIT = 'x-gorgias-account-api-call-limit';
const GORGIAS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;

const TICKET_KEYS = [
	'assignee_team',
	'assignee_user',
	'channel',
	'closed_datetime',
	'created_datetime',
	'custom_fields',
	'customer',
	'external_id',
	'from_agent',
	'id',
	'is_unread',
	'language',
	'last_message_datetime',
	'last_received_message_datetime',
	'messages',
	'messages_count',
	'meta',
	'opened_datetime',
	'priority',
	'snooze_datetime',
	'spam',
	'status',
	'subject',
	'tags',
	'trashed_datetime',
	'updated_datetime',
	'uri',
	'via',
];

/** The tutorial's payloads, per channel (customer emails made concrete). */
function apiTicket() {
	return {
		customer: { email: 'jane@customer.example' },
		messages: [
			{
				sender: { email: 'jane@customer.example' },
				body_html: 'Hello, this is a test ticket! ',
				body_text: 'Hello, this is a test ticket! ',
				channel: 'api',
				from_agent: false,
				stripped_text: 'Hello, this is a test ticket! ',
				subject: 'Test ticket',
				via: 'api',
			},
		],
		meta: { meta: 'example' },
		tags: [{ name: 'test' }],
		channel: 'api',
		from_agent: false,
		status: 'open',
		via: 'api',
	};
}

function emailTicket() {
	return {
		customer: { email: 'jane@customer.example' },
		messages: [
			{
				sender: { email: 'jane@customer.example' },
				source: {
					to: [{ address: 'support@acme.example' }],
					from: { address: 'jane@customer.example' },
				},
				body_html: 'Hello, this is a test message! ',
				body_text: 'Hello, this is a test message! ',
				channel: 'email',
				from_agent: false,
				via: 'api',
			},
		],
		meta: { meta_object: 'example' },
		tags: [{ name: 'urgent' }, { name: 'test' }],
		channel: 'email',
		from_agent: false,
		subject: 'This is a test ticket',
		via: 'api',
	};
}

function phoneTicket(channel: 'phone' | 'sms') {
	return {
		customer: { email: 'jane@customer.example' },
		messages: [
			{
				source: {
					to: [{ address: '+123456789' }],
					from: { address: '+123456789' },
					type: 'phone',
				},
				body_html: 'Hello, this is a test phone ticket! ',
				body_text: 'Hello, this is a test phone ticket! ',
				channel,
				from_agent: false,
				stripped_text: 'Hello, this is a test phone ticket! ',
				via: 'api',
			},
		],
		meta: { meta: 'example' },
		tags: [{ name: 'test' }],
		channel,
		from_agent: false,
		status: 'open',
		via: 'api',
		subject: 'Test ticket',
	};
}

function noteTicket(sender: unknown) {
	return {
		customer: { email: 'jane@customer.example' },
		messages: [
			{
				...(sender === undefined ? {} : { sender }),
				body_text: 'Customer called, see order 1042',
				channel: 'internal-note',
				from_agent: true,
				via: 'internal-note',
			},
		],
		channel: 'api',
		from_agent: true,
		via: 'api',
	};
}

describe('Gorgias sandbox', () => {
	let gorgias: GorgiasSandbox;
	let auth: Record<string, string>;

	beforeAll(async () => {
		// A roomy bucket that leaks one unit every 3.6 s, so header counts are exact: these tests
		// are about the API, the rate-limit ones use their own sandbox.
		gorgias = await startGorgiasSandbox({ bucket: { capacity: 1000, windowMs: 3_600_000 } });
		auth = { authorization: gorgias.basicAuthorization };
	});
	afterAll(async () => {
		await gorgias.stop();
	});
	beforeEach(() => {
		gorgias.reset();
		gorgias.cursorTtlMs = 5 * 60_000;
	});

	const get = (path: string, headers = auth) => call(gorgias.baseUrl, `/api${path}`, { headers });
	const send = (method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
		call(gorgias.baseUrl, `/api${path}`, { method, body, headers: auth });
	const list = async (path: string) => {
		const res = await get(path);
		expect(res.status).toBe(200);
		return res.json<GorgiasList<GorgiasTicket>>();
	};
	const ids = async (path: string) => (await list(path)).data.map((ticket) => ticket.id);

	describe('authentication', () => {
		it('accepts Basic email:apiKey and Bearer token, and records which one was used', async () => {
			const basic = await get('/account');
			expect(basic.status).toBe(200);
			expect(basic.json()).toMatchObject({ domain: gorgias.domain, status: { status: 'active' } });
			const bearer = await get('/account', { authorization: gorgias.bearerAuthorization });
			expect(bearer.status).toBe(200);
			expect(gorgias.requests.map((entry) => gorgias.authKindOf(entry))).toEqual([
				'api-key',
				'oauth',
			]);
			expect(gorgias.requestsBy('oauth')).toHaveLength(1);
		});

		it.each([
			['no header', undefined],
			['a wrong password', 'WRONG_PASSWORD'],
			['the key without the email', 'KEY_ONLY'],
			['a wrong bearer token', 'Bearer nope'],
			['the API key as a bearer token', 'BEARER_KEY'],
			['an unknown scheme', 'Token abc'],
		])('answers 401 for %s, without the limit header', async (_label, variant) => {
			const encode = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
			const header =
				variant === 'WRONG_PASSWORD'
					? encode(`${gorgias.email}:nope`)
					: variant === 'KEY_ONLY'
						? encode(gorgias.apiKey)
						: variant === 'BEARER_KEY'
							? `Bearer ${gorgias.apiKey}`
							: variant;
			const res = await get('/account', header === undefined ? {} : { authorization: header });
			expect(res.status).toBe(401);
			expect(res.json()).toEqual({ message: 'Unauthorized' });
			expect(res.headers[LIMIT]).toBeUndefined();
			expect(gorgias.authKindOf(gorgias.requests[0])).toBeNull();
			expect(gorgias.bucketStats().accepted).toBe(0);
		});
	});

	describe('rate-limit header', () => {
		it('is on every authenticated answer, whatever its status', async () => {
			const ticket = gorgias.addTicket();
			const answers = [
				await get('/account'),
				await get(`/tickets/${ticket.id}`),
				await send('POST', `/tickets/${ticket.id}/tags`, { names: ['x'] }),
				await send('DELETE', `/tickets/${ticket.id}/tags`, { names: ['x'] }),
				await get('/tickets?limit=0'),
				await get('/tickets/999999'),
				await get('/nope'),
			];
			expect(answers.map((res) => res.status)).toEqual([200, 200, 201, 204, 400, 404, 404]);
			expect(answers.map((res) => res.headers[LIMIT])).toEqual(
				['1', '2', '3', '4', '5', '6', '7'].map((used) => `${used}/1000`),
			);
			expect(answers[6].json()).toEqual({ message: 'Cannot GET /api/nope' });
			expect(await get('/account', { authorization: gorgias.bearerAuthorization })).toMatchObject({
				headers: expect.objectContaining({ [LIMIT]: '1/2000' }),
			});
		});
	});

	describe('cursor pagination', () => {
		it('walks every page to the end and back, newest first by default', async () => {
			gorgias.seedDemo();
			const pages: Array<GorgiasList<GorgiasTicket>> = [await list('/tickets?limit=10')];
			while (pages[pages.length - 1].meta.next_cursor) {
				const cursor = pages[pages.length - 1].meta.next_cursor ?? '';
				pages.push(await list(`/tickets?limit=10&cursor=${encodeURIComponent(cursor)}`));
			}
			// 35 seeded tickets, one of them trashed.
			expect(pages.map((page) => page.data.length)).toEqual([10, 10, 10, 4]);
			expect(pages[0]).toMatchObject({ object: 'list', uri: '/api/tickets' });
			expect(pages[0].meta.prev_cursor).toBeNull();
			expect(pages[3].meta.next_cursor).toBeNull();
			const all = pages.flatMap((page) => page.data);
			expect(new Set(all.map((ticket) => ticket.id)).size).toBe(34);
			const created = all.map((ticket) => ticket.created_datetime);
			expect(created).toEqual([...created].sort().reverse());
			expect(all[0]).not.toHaveProperty('messages');
			expect(Object.keys(all[0]).sort()).toEqual(TICKET_KEYS.filter((key) => key !== 'messages'));

			const back = await list(
				`/tickets?limit=10&cursor=${encodeURIComponent(pages[3].meta.prev_cursor ?? '')}`,
			);
			expect(back.data.map((ticket) => ticket.id)).toEqual(
				pages[2].data.map((ticket) => ticket.id),
			);
		});

		it('defaults to 30 items and accepts limits 1 to 100 only', async () => {
			gorgias.seedDemo();
			expect((await list('/tickets')).data).toHaveLength(30);
			expect((await list('/tickets?limit=100')).data).toHaveLength(34);
			for (const limit of ['0', '101', 'abc', '1.5']) {
				const res = await get(`/tickets?limit=${limit}`);
				expect(res.status).toBe(400);
				expect(res.json()).toMatchObject({
					message: 'Invalid request',
					errors: { limit: [expect.any(String)] },
				});
			}
		});

		it('keeps its place when a ticket is created between pages', async () => {
			for (let i = 0; i < 4; i++) gorgias.addTicket();
			const first = await list('/tickets?limit=2');
			gorgias.addTicket();
			const second = await list(`/tickets?limit=2&cursor=${first.meta.next_cursor ?? ''}`);
			const seen = [...first.data, ...second.data].map((ticket) => ticket.id);
			expect(new Set(seen).size).toBe(4);
		});

		it('answers 400 for a garbage, tampered, foreign, expired or pre-reset cursor', async () => {
			for (let i = 0; i < 3; i++) gorgias.addTicket();
			const { meta } = await list('/tickets?limit=1');
			const cursor = meta.next_cursor ?? '';
			expect(cursor).not.toBe('');
			const cursorError = async (query: string) => {
				const res = await get(`/tickets?${query}`);
				expect(res.status).toBe(400);
				return (res.json() as { errors: { cursor: string[] } }).errors.cursor[0];
			};
			expect(await cursorError('cursor=garbage')).toMatch(/malformed/);
			const [payload, signature] = cursor.split('.');
			const forged = Buffer.from(
				JSON.stringify({
					...JSON.parse(Buffer.from(payload, 'base64url').toString()),
					k: ['9', 1],
				}),
			).toString('base64url');
			expect(await cursorError(`cursor=${forged}.${signature}`)).toMatch(/malformed/);
			expect(await cursorError(`cursor=${cursor}&order_by=created_datetime:asc`)).toMatch(
				/another list/,
			);
			expect((await get(`/users?cursor=${cursor}`)).status).toBe(400);

			gorgias.cursorTtlMs = 30;
			await sleep(60);
			expect(await cursorError(`cursor=${cursor}`)).toMatch(/expired/);

			gorgias.cursorTtlMs = 60_000;
			const fresh = (await list('/tickets?limit=1')).meta.next_cursor ?? '';
			expect((await get(`/tickets?limit=1&cursor=${fresh}`)).status).toBe(200);
			gorgias.reset();
			expect(await cursorError(`cursor=${fresh}`)).toMatch(/malformed/);
		});

		it('orders by created or updated datetime, ascending or descending', async () => {
			gorgias.seedDemo();
			for (const order of [
				'created_datetime:asc',
				'created_datetime:desc',
				'updated_datetime:asc',
				'updated_datetime:desc',
			]) {
				const [field, direction] = order.split(':') as [keyof GorgiasTicket, string];
				const { data } = await list(`/tickets?limit=100&order_by=${order}`);
				const keys = data.map(
					(ticket) => `${String(ticket[field])}|${String(ticket.id).padStart(9)}`,
				);
				const sorted = [...keys].sort();
				expect(keys).toEqual(direction === 'asc' ? sorted : sorted.reverse());
			}
			const byCreated = await ids('/tickets?limit=100&order_by=created_datetime:desc');
			const byUpdated = await ids('/tickets?limit=100&order_by=updated_datetime:desc');
			expect(byUpdated).not.toEqual(byCreated);
			const bad = await get('/tickets?order_by=id:asc');
			expect(bad.status).toBe(400);
			expect(bad.json()).toMatchObject({ errors: { order_by: [expect.any(String)] } });
		});

		it('pages lookups the same way', async () => {
			for (let i = 0; i < 5; i++) gorgias.addUser();
			const first = await get('/users?limit=2&order_by=created_datetime:asc');
			const body = first.json<GorgiasList<{ id: number }>>();
			expect(body.data).toHaveLength(2);
			const rest = await get(
				`/users?limit=10&order_by=created_datetime:asc&cursor=${body.meta.next_cursor ?? ''}`,
			);
			const next = rest.json<GorgiasList<{ id: number }>>();
			expect(next.data).toHaveLength(3);
			expect(next.meta.next_cursor).toBeNull();
			expect([...body.data, ...next.data].map((user) => user.id)).toEqual(
				[...gorgias.state.users.keys()].sort((a, b) => a - b),
			);
		});
	});

	describe('ticket list filters', () => {
		it('fetches a batch by repeated ticket_ids, at most 100', async () => {
			const tickets = Array.from({ length: 5 }, () => gorgias.addTicket());
			const wanted = [tickets[0].id, tickets[2].id, tickets[4].id];
			expect(
				(await ids(`/tickets?${wanted.map((id) => `ticket_ids=${id}`).join('&')}`)).sort(),
			).toEqual(wanted.sort());
			expect(await ids(`/tickets?ticket_ids=${tickets[1].id}`)).toEqual([tickets[1].id]);
			const hundred = Array.from({ length: 100 }, (_, i) => `ticket_ids=${i + 1}`).join('&');
			expect((await get(`/tickets?${hundred}`)).status).toBe(200);
			const tooMany = await get(`/tickets?${hundred}&ticket_ids=101`);
			expect(tooMany.status).toBe(400);
			expect(tooMany.json()).toEqual({
				message: 'Invalid request',
				errors: { ticket_ids: ['At most 100 ticket ids'] },
			});
			expect((await get('/tickets?ticket_ids=abc')).json()).toMatchObject({
				errors: { 'ticket_ids.0': [expect.any(String)] },
			});
		});

		it('filters by customer, external id, view, rule and trash', async () => {
			const demo = gorgias.seedDemo();
			const customer = demo.customers[0];
			const ofCustomer = await list(`/tickets?limit=100&customer_id=${customer.id}`);
			expect(ofCustomer.data.length).toBeGreaterThan(0);
			expect(ofCustomer.data.every((ticket) => ticket.customer.id === customer.id)).toBe(true);

			expect(await ids('/tickets?external_id=order-1003')).toEqual([demo.tickets[3].id]);

			const open = await list(`/tickets?limit=100&view_id=${demo.views[0].id}`);
			expect(open.data.length).toBeGreaterThan(0);
			expect(open.data.every((ticket) => ticket.status === 'open')).toBe(true);
			const unassigned = await list(`/tickets?limit=100&view_id=${demo.views[2].id}`);
			expect(unassigned.data.every((ticket) => ticket.assignee_user === null)).toBe(true);
			const missingView = await get('/tickets?view_id=1');
			expect([missingView.status, missingView.json()]).toEqual([
				404,
				{ message: 'View not found' },
			]);

			const ruled = await ids('/tickets?limit=100&rule_id=42');
			expect(ruled).toHaveLength(17);
			expect(await ids('/tickets?rule_id=43')).toEqual([]);

			expect(await ids('/tickets?trashed=true')).toEqual([demo.tickets[34].id]);
			expect(await ids('/tickets?limit=100&trashed=false')).toHaveLength(34);
			expect(await ids(`/tickets?ticket_ids=${demo.tickets[34].id}`)).toEqual([]);
			expect((await get('/tickets?status=open')).json()).toEqual({
				message: 'Invalid request',
				errors: { status: ['Unknown field'] },
			});
		});
	});

	describe('create ticket, per channel', () => {
		it.each([
			['api', apiTicket],
			['email', emailTicket],
			['phone', () => phoneTicket('phone')],
			['sms', () => phoneTicket('sms')],
		])('accepts the tutorial %s payload', async (channel, build) => {
			const res = await send('POST', '/tickets', build());
			expect(res.status).toBe(201);
			const ticket = res.json<GorgiasTicket>();
			expect(Object.keys(ticket).sort()).toEqual(TICKET_KEYS);
			expect(ticket).toMatchObject({
				channel,
				via: 'api',
				from_agent: false,
				status: 'open',
				priority: 'normal',
				customer: { email: 'jane@customer.example' },
				assignee_user: null,
				assignee_team: null,
				messages_count: 1,
				is_unread: true,
				closed_datetime: null,
				trashed_datetime: null,
				uri: `/api/tickets/${ticket.id}/`,
			});
			expect(Number.isInteger(ticket.id)).toBe(true);
			expect(ticket.created_datetime).toMatch(GORGIAS_DATETIME);
			expect(ticket.last_received_message_datetime).toBe(ticket.messages?.[0].created_datetime);
			expect(ticket.tags.map((tag) => tag.name)).toContain('test');
			expect(ticket.messages?.[0]).toMatchObject({
				ticket_id: ticket.id,
				channel,
				from_agent: false,
				sender: { id: ticket.customer.id, email: 'jane@customer.example' },
				public: true,
			});
			// The customer did not exist: it was created from the email.
			expect(gorgias.state.customerByEmail('jane@customer.example')?.id).toBe(ticket.customer.id);
			expect((await get(`/tickets/${ticket.id}`)).json()).toEqual(ticket);
		});

		it('accepts an internal note from a user given by id or email', async () => {
			const agent = gorgias.addUser({ email: 'agent@acme.example', name: 'Ada Agent' });
			for (const sender of [{ id: agent.id }, { email: 'AGENT@acme.example' }]) {
				const res = await send('POST', '/tickets', noteTicket(sender));
				expect(res.status).toBe(201);
				const ticket = res.json<GorgiasTicket>();
				expect(ticket).toMatchObject({
					channel: 'api',
					from_agent: true,
					last_received_message_datetime: null,
				});
				expect(ticket.messages?.[0]).toMatchObject({
					channel: 'internal-note',
					public: false,
					sender: { id: agent.id, email: 'agent@acme.example', name: 'Ada Agent' },
					receiver: null,
				});
			}
		});

		it('accepts outgoing and free-text channel messages, imports and ticket options', async () => {
			const agent = gorgias.addUser();
			const team = gorgias.addTeam();
			const customer = gorgias.addCustomer({ email: 'bob@customer.example' });
			gorgias.addCustomField({ id: 7, label: 'Tier' });
			const res = await send('POST', '/tickets', {
				customer: { id: customer.id },
				channel: 'chat',
				subject: 'Imported',
				status: 'closed',
				priority: 'high',
				assignee_user: { id: agent.id },
				assignee_team: { id: team.id },
				external_id: 'ext-1',
				custom_fields: [{ id: 7, value: 'gold' }],
				created_datetime: '2021-11-02T21:58:43.171610',
				messages: [
					{
						channel: 'chat',
						via: 'api',
						from_agent: false,
						sender: { id: customer.id },
						body_text: 'Hi',
						created_datetime: '2021-11-02T21:58:43.171610+00:00',
					},
					{
						channel: 'my-custom-channel',
						via: 'api',
						from_agent: false,
						source: { from: { address: 'bob@customer.example' } },
						body_html: '<p>Still there?</p>',
					},
					{
						channel: 'email',
						via: 'api',
						from_agent: true,
						sender: { id: agent.id },
						source: { to: [{ address: 'bob@customer.example' }] },
						body_text: 'Yes!',
						sent_datetime: '2021-11-02T22:00:00Z',
					},
				],
			});
			expect(res.status).toBe(201);
			const ticket = res.json<GorgiasTicket>();
			expect(ticket).toMatchObject({
				status: 'closed',
				priority: 'high',
				external_id: 'ext-1',
				customer: { id: customer.id },
				assignee_user: { id: agent.id, email: agent.email, name: agent.name },
				assignee_team: { id: team.id, name: team.name },
				custom_fields: { '7': { id: 7, value: 'gold' } },
				created_datetime: '2021-11-02T21:58:43.171610+00:00',
				messages_count: 3,
			});
			expect(ticket.closed_datetime).not.toBeNull();
			expect(ticket.messages?.[2]).toMatchObject({
				from_agent: true,
				sender: { id: agent.id },
				receiver: { id: customer.id },
				sent_datetime: '2021-11-02T22:00:00.000000+00:00',
			});
			expect(ticket.last_message_datetime).toBe(ticket.messages?.[2].created_datetime);
		});

		it('creates unknown tag names and reuses known ones case-insensitively', async () => {
			const urgent = gorgias.addTag({ name: 'Urgent' });
			const body = { ...emailTicket(), tags: [{ name: 'urgent' }, { name: 'brand-new' }] };
			const ticket = (await send('POST', '/tickets', body)).json<GorgiasTicket>();
			expect(ticket.tags.map((tag) => tag.name)).toEqual(['Urgent', 'brand-new']);
			expect(ticket.tags[0].id).toBe(urgent.id);
		});

		const invalid: Array<[string, () => unknown, string[]]> = [
			[
				'a message without channel, via and from_agent',
				() => {
					const body = apiTicket();
					return { ...body, messages: [omit(body.messages[0], 'channel', 'via', 'from_agent')] };
				},
				['messages.0.channel', 'messages.0.from_agent', 'messages.0.via'],
			],
			[
				'an email without source.from and source.to',
				() => {
					const body = emailTicket();
					return { ...body, messages: [{ ...body.messages[0], source: undefined }] };
				},
				['messages.0.source.from', 'messages.0.source.to'],
			],
			[
				'an email with an empty source.to',
				() => {
					const body = emailTicket();
					const source = { from: { address: 'jane@customer.example' }, to: [] };
					return { ...body, messages: [{ ...body.messages[0], source }] };
				},
				['messages.0.source.to'],
			],
			[
				'a phone message without source',
				() => {
					const body = phoneTicket('phone');
					return { ...body, messages: [{ ...body.messages[0], source: undefined }] };
				},
				['messages.0.source.from', 'messages.0.source.to'],
			],
			['an internal note without sender', () => noteTicket(undefined), ['messages.0.sender']],
			[
				'an internal note from someone who is not a user',
				() => noteTicket({ email: 'stranger@customer.example' }),
				['messages.0.sender.email'],
			],
			[
				'an internal note with from_agent false',
				() => {
					const body = noteTicket({ email: 'stranger@customer.example' });
					return { ...body, messages: [{ ...body.messages[0], from_agent: false }] };
				},
				['messages.0.from_agent', 'messages.0.sender.email'],
			],
			[
				'an api message without sender',
				() => {
					const body = apiTicket();
					return { ...body, messages: [omit(body.messages[0], 'sender')] };
				},
				['messages.0.sender'],
			],
			[
				'an outgoing message without user sender or recipient',
				() => ({
					customer: { email: 'jane@customer.example' },
					messages: [{ channel: 'email', via: 'api', from_agent: true, body_text: 'Hi' }],
				}),
				['messages.0.sender', 'messages.0.source.to'],
			],
			[
				'a message without body',
				() => {
					const body = apiTicket();
					return { ...body, messages: [omit(body.messages[0], 'body_html', 'body_text')] };
				},
				['messages.0.body_text'],
			],
			['no messages', () => ({ ...apiTicket(), messages: [] }), ['messages']],
			['a missing messages key', () => ({ customer: { email: 'a@b.example' } }), ['messages']],
			[
				'501 messages',
				() => ({
					...apiTicket(),
					messages: Array.from({ length: 501 }, () => apiTicket().messages[0]),
				}),
				['messages'],
			],
			[
				'ticket-level fields of the wrong type and an unknown field',
				() => ({ ...apiTicket(), channel: 5, from_agent: 'no', colour: 'red' }),
				['channel', 'colour', 'from_agent'],
			],
			['no way to know the customer', () => omit(phoneTicket('sms'), 'customer'), ['customer']],
			[
				'unknown customer, assignee, team and tag ids',
				() => ({
					...apiTicket(),
					customer: { id: 1 },
					assignee_user: { id: 1 },
					assignee_team: { id: 1 },
					tags: [{ id: 1 }],
				}),
				['assignee_team.id', 'assignee_user.id', 'customer.id', 'tags.0.id'],
			],
		];

		it.each(invalid)('answers 400 for %s, naming the fields', async (_label, build, fields) => {
			const res = await send('POST', '/tickets', build());
			expect(res.status).toBe(400);
			const body = res.json<{ message: string; errors: Record<string, string[]> }>();
			expect(body.message).toBe('Invalid request');
			expect(Object.keys(body.errors).sort()).toEqual(fields);
			expect(gorgias.state.tickets.size).toBe(0);
			expect(gorgias.state.customers.size).toBe(0);
			expect(gorgias.events()).toEqual([]);
		});

		it('answers 400 for a body that is not JSON', async () => {
			const res = await request(`${gorgias.baseUrl}/api/tickets`, {
				method: 'POST',
				headers: { ...auth, 'content-type': 'application/json' },
				body: '{"messages":',
			});
			expect(res.statusCode).toBe(400);
			expect(await res.body.json()).toEqual({ message: 'Invalid JSON body' });
		});
	});

	describe('update, delete and messages', () => {
		it('closes and reopens, assigns and unassigns', async () => {
			const agent = gorgias.addUser();
			const team = gorgias.addTeam();
			const ticket = gorgias.addTicket();
			const closed = await send('PUT', `/tickets/${ticket.id}`, {
				status: 'closed',
				assignee_user: { id: agent.id },
				assignee_team: { id: team.id },
				priority: 'critical',
				meta: { order: 1 },
			});
			expect(closed.status).toBe(200);
			const after = closed.json<GorgiasTicket>();
			expect(after).toMatchObject({
				status: 'closed',
				assignee_user: { id: agent.id },
				assignee_team: { id: team.id },
				priority: 'critical',
				meta: { order: 1 },
			});
			expect(after.closed_datetime).toMatch(GORGIAS_DATETIME);
			expect(after.updated_datetime > ticket.updated_datetime).toBe(true);
			expect(after.messages).toHaveLength(1);

			const reopened = await send('PUT', `/tickets/${ticket.id}`, {
				status: 'open',
				assignee_user: null,
				assignee_team: null,
			});
			expect(reopened.json()).toMatchObject({
				status: 'open',
				closed_datetime: null,
				assignee_user: null,
				assignee_team: null,
			});
			const bad = await send('PUT', `/tickets/${ticket.id}`, {
				assignee_user: { id: 1 },
				status: 'pending',
				colour: 'red',
			});
			expect(bad.status).toBe(400);
			expect(Object.keys(bad.json<{ errors: object }>().errors).sort()).toEqual([
				'colour',
				'status',
			]);
			const unknownUser = await send('PUT', `/tickets/${ticket.id}`, { assignee_user: { id: 1 } });
			expect(unknownUser.json()).toEqual({
				message: 'Invalid request',
				errors: { 'assignee_user.id': ['No user with this id'] },
			});
			expect((await send('PUT', '/tickets/999999', { status: 'closed' })).status).toBe(404);
		});

		it('trashes and restores, replaces tags, and leaves a no-op update alone', async () => {
			const ticket = gorgias.addTicket({ tags: ['a', 'b'] });
			const trashed = await send('PUT', `/tickets/${ticket.id}`, {
				trashed_datetime: '2030-01-01T00:00:00Z',
			});
			expect(trashed.json()).toMatchObject({
				trashed_datetime: '2030-01-01T00:00:00.000000+00:00',
			});
			expect(await ids('/tickets')).toEqual([]);
			expect(await ids('/tickets?trashed=true')).toEqual([ticket.id]);
			expect((await get(`/tickets/${ticket.id}`)).status).toBe(200);
			await send('PUT', `/tickets/${ticket.id}`, { trashed_datetime: null });
			expect(await ids('/tickets')).toEqual([ticket.id]);

			const retagged = await send('PUT', `/tickets/${ticket.id}`, { tags: [{ name: 'c' }] });
			expect(retagged.json<GorgiasTicket>().tags.map((tag) => tag.name)).toEqual(['c']);

			const before = gorgias.events().length;
			const same = await send('PUT', `/tickets/${ticket.id}`, { tags: [{ name: 'C' }] });
			expect(same.status).toBe(200);
			expect(gorgias.events()).toHaveLength(before);
		});

		it('deletes for good: 204, then 404', async () => {
			const ticket = gorgias.addTicket();
			const deleted = await send('DELETE', `/tickets/${ticket.id}`);
			expect([deleted.status, deleted.text]).toEqual([204, '']);
			const missing = await get(`/tickets/${ticket.id}`);
			expect([missing.status, missing.json()]).toEqual([404, { message: 'Ticket not found' }]);
			expect((await get('/tickets/abc')).status).toBe(404);
		});

		it('posts a reply and a note, and pages messages oldest first', async () => {
			const agent = gorgias.addUser();
			const ticket = gorgias.addTicket({ customer: { email: 'c@customer.example' } });
			const reply = await send('POST', `/tickets/${ticket.id}/messages`, {
				channel: 'email',
				via: 'api',
				from_agent: true,
				sender: { id: agent.id },
				source: { to: [{ address: 'c@customer.example' }] },
				body_text: 'On its way',
			});
			expect(reply.status).toBe(201);
			expect(reply.json()).toMatchObject({
				ticket_id: ticket.id,
				receiver: { email: 'c@customer.example' },
			});
			const noSender = await send('POST', `/tickets/${ticket.id}/messages`, {
				channel: 'internal-note',
				via: 'internal-note',
				from_agent: true,
				body_text: 'note',
			});
			expect(noSender.status).toBe(400);
			expect(noSender.json()).toMatchObject({ errors: { sender: [expect.any(String)] } });
			await send('POST', `/tickets/${ticket.id}/messages`, {
				channel: 'internal-note',
				via: 'internal-note',
				from_agent: true,
				sender: { id: agent.id },
				body_text: 'note',
			});
			const first = await get(`/tickets/${ticket.id}/messages?limit=2`);
			const page = first.json<GorgiasList<{ id: number; from_agent: boolean }>>();
			expect(page.data.map((message) => message.from_agent)).toEqual([false, true]);
			const second = await get(
				`/tickets/${ticket.id}/messages?limit=2&cursor=${page.meta.next_cursor ?? ''}`,
			);
			expect(second.json<GorgiasList<{ channel: string }>>().data.map((m) => m.channel)).toEqual([
				'internal-note',
			]);
			expect(gorgias.ticket(ticket.id)).toMatchObject({ messages_count: 3 });
		});
	});

	describe('ticket tags', () => {
		it('adds by ids and names (201), replaces (202) and removes with a JSON body (204)', async () => {
			const vip = gorgias.addTag({ name: 'vip' });
			const refund = gorgias.addTag({ name: 'refund' });
			const ticket = gorgias.addTicket();
			const path = `/tickets/${ticket.id}/tags`;
			const names = () => gorgias.ticket(ticket.id)?.tags.map((tag) => tag.name);

			const added = await send('POST', path, { ids: [vip.id], names: ['new-one', 'VIP'] });
			expect([added.status, added.text]).toEqual([201, '']);
			expect(names()).toEqual(['vip', 'new-one']);
			expect(gorgias.state.tagByName('new-one')).toBeDefined();

			const listed = await get(path);
			expect(listed.json<GorgiasList<{ name: string; usage: number }>>().data).toEqual([
				expect.objectContaining({ name: 'vip', usage: 1 }),
				expect.objectContaining({ name: 'new-one', usage: 1 }),
			]);

			const replaced = await send('PUT', path, { ids: [refund.id] });
			expect([replaced.status, replaced.text]).toEqual([202, '']);
			expect(names()).toEqual(['refund']);

			await send('POST', path, { names: ['vip'] });
			const removed = await send('DELETE', path, { names: ['refund', 'never-existed'] });
			expect([removed.status, removed.text]).toEqual([204, '']);
			expect(names()).toEqual(['vip']);
			expect(gorgias.state.tagByName('never-existed')).toBeUndefined();
			expect((await send('DELETE', path, { ids: [vip.id] })).status).toBe(204);
			expect(names()).toEqual([]);
		});

		it('answers 400 for an empty selection, an unknown id or a bad body', async () => {
			const ticket = gorgias.addTicket();
			const path = `/tickets/${ticket.id}/tags`;
			expect((await send('POST', path, {})).json()).toEqual({
				message: 'Invalid request',
				errors: { _schema: ['Give at least one tag in ids or names'] },
			});
			expect((await send('PUT', path, { ids: [], names: [] })).status).toBe(400);
			expect((await send('DELETE', path)).status).toBe(400);
			expect((await send('POST', path, { ids: [1] })).json()).toMatchObject({
				errors: { 'ids.0': ['No tag with this id'] },
			});
			expect((await send('POST', path, { names: [''] })).json()).toMatchObject({
				errors: { 'names.0': [expect.any(String)] },
			});
			expect((await send('POST', '/tickets/999999/tags', { names: ['x'] })).status).toBe(404);
		});
	});

	describe('events', () => {
		it('records what the API changed and filters them', async () => {
			const agent = gorgias.addUser({ email: gorgias.email });
			const created = (await send('POST', '/tickets', apiTicket())).json<GorgiasTicket>();
			await send('PUT', `/tickets/${created.id}`, { assignee_user: { id: agent.id } });
			await send('PUT', `/tickets/${created.id}`, { status: 'closed' });
			await send('PUT', `/tickets/${created.id}`, { assignee_user: null });
			await send('POST', `/tickets/${created.id}/tags`, { names: ['late'] });
			expect(gorgias.events().map((event) => event.type)).toEqual([
				'ticket-created',
				'ticket-message-created',
				'ticket-updated',
				'ticket-assigned',
				'ticket-updated',
				'ticket-closed',
				'ticket-updated',
				'ticket-updated',
			]);
			expect(gorgias.events('ticket-updated').map((event) => event.data)).toEqual([
				{ changes: ['assignee_user'] },
				{ changes: ['status'] },
				{ changes: ['assignee_user'] },
				{ changes: ['tags'] },
			]);
			expect(gorgias.events()[0]).toMatchObject({
				object_type: 'Ticket',
				object_id: created.id,
				user_id: agent.id,
			});
			expect(gorgias.events()[1]).toMatchObject({
				object_type: 'TicketMessage',
				object_id: created.messages?.[0].id,
				data: { ticket_id: created.id },
			});

			const page = await get('/events?types=ticket-closed&types=ticket-assigned');
			const events = page.json<GorgiasList<{ type: string; created_datetime: string }>>().data;
			expect(events.map((event) => event.type)).toEqual(['ticket-closed', 'ticket-assigned']);

			const watermark = gorgias.events()[3].created_datetime;
			const newer = await get(
				`/events?order_by=created_datetime:asc&created_datetime[gt]=${encodeURIComponent(watermark)}`,
			);
			expect(newer.json<GorgiasList<{ type: string }>>().data.map((event) => event.type)).toEqual([
				'ticket-updated',
				'ticket-closed',
				'ticket-updated',
				'ticket-updated',
			]);
			const atOrBefore = await get(
				`/events?created_datetime[lte]=${encodeURIComponent(watermark)}`,
			);
			expect(atOrBefore.json<GorgiasList<unknown>>().data).toHaveLength(4);
			const ofTicket = await get(`/events?object_type=Ticket&object_id=${created.id}`);
			expect(ofTicket.json<GorgiasList<unknown>>().data).toHaveLength(7);
			const byUser = async (query: string) =>
				(await get(`/events?${query}`)).json<GorgiasList<unknown>>().data;
			expect(await byUser(`user_ids=${agent.id}`)).toHaveLength(8);
			expect(await byUser(`user_ids=999999&user_ids=${agent.id + 1000}`)).toEqual([]);
			expect((await get('/events?user_ids=me')).status).toBe(400);
			const bad = await get('/events?created_datetime[gt]=yesterday');
			expect(bad.json()).toMatchObject({
				errors: { 'created_datetime[gt]': [expect.any(String)] },
			});
		});

		it('seed helpers record no events; an OAuth call has no user', async () => {
			const ticket = gorgias.addTicket();
			expect(gorgias.events()).toEqual([]);
			await call(gorgias.baseUrl, `/api/tickets/${ticket.id}`, {
				method: 'PUT',
				body: { is_unread: false },
				headers: { authorization: gorgias.bearerAuthorization },
			});
			expect(gorgias.events()).toEqual([expect.objectContaining({ user_id: null })]);
		});
	});

	describe('seed helpers', () => {
		it('normalise datetimes and render full ticket objects', async () => {
			const agent = gorgias.addUser({ name: 'Ada Agent' });
			const ticket = gorgias.addTicket({
				created_datetime: '2024-05-01T10:00:00Z',
				trashed_datetime: '2024-05-02T10:00:00.5+02:00',
				assignee_user_id: agent.id,
				tags: ['vip'],
				messages: [{}, { from_agent: true }],
			});
			expect(ticket).toMatchObject({
				created_datetime: '2024-05-01T10:00:00.000000+00:00',
				trashed_datetime: '2024-05-02T08:00:00.500000+00:00',
				assignee_user: { id: agent.id, name: 'Ada Agent' },
				tags: [{ name: 'vip' }],
				messages_count: 2,
			});
			expect(ticket.messages?.[1]).toMatchObject({ from_agent: true, sender: { id: agent.id } });
			expect(Object.keys(ticket).sort()).toEqual(TICKET_KEYS);
			expect((await get(`/tickets/${ticket.id}`)).json()).toEqual(ticket);
		});
	});

	describe('lookups', () => {
		it('lists users, teams, tags, customers (by email) and views', async () => {
			const demo = gorgias.seedDemo();
			const data = async (path: string) =>
				(await get(path)).json<GorgiasList<Record<string, unknown>>>().data;
			const users = await data('/users');
			expect(users.map((user) => user.email)).toContain(gorgias.email);
			expect(users[1]).toMatchObject({ id: demo.users[0].id, name: 'Marina Duarte' });
			expect((await data('/teams?order_by=created_datetime:asc'))[0]).toMatchObject({
				name: 'Support',
				members: [{ id: demo.users[0].id }, { id: demo.users[1].id }],
			});
			const tags = await data('/tags?order_by=created_datetime:asc');
			expect(tags.map((tag) => tag.name)).toEqual(['urgent', 'vip', 'refund', 'shipping']);
			expect(tags[0].usage).toBeGreaterThan(0);
			const email = demo.customers[2].email ?? '';
			expect(await data(`/customers?email=${encodeURIComponent(email.toUpperCase())}`)).toEqual([
				expect.objectContaining({ id: demo.customers[2].id, email }),
			]);
			const views = await data('/views?order_by=created_datetime:asc');
			expect(views[0]).toMatchObject({
				name: 'Open tickets',
				filters: "eq(ticket.status, 'open')",
			});
			expect(views[0]).not.toHaveProperty('filter');
			expect((await get('/users?query=x')).status).toBe(400);
		});
	});

	describe('faults', () => {
		it('still apply, before auth and without costing the bucket', async () => {
			const ticket = gorgias.addTicket();
			gorgias.injectFault(GORGIAS_ROUTES.getTicket, faults.tooManyRequests('2'));
			gorgias.injectFault(GORGIAS_ROUTES.getTicket, faults.status(503));
			gorgias.injectFault(GORGIAS_ROUTES.getTicket, faults.malformed());
			gorgias.injectFault(GORGIAS_ROUTES.getTicket, faults.drop());
			const limited = await get(`/tickets/${ticket.id}`);
			expect([limited.status, limited.headers['retry-after']]).toEqual([429, '2']);
			expect(limited.headers[LIMIT]).toBeUndefined();
			expect((await get(`/tickets/${ticket.id}`)).status).toBe(503);
			const malformed = await get(`/tickets/${ticket.id}`);
			expect(malformed.status).toBe(200);
			expect(() => malformed.json()).toThrow(SyntaxError);
			await expect(get(`/tickets/${ticket.id}`)).rejects.toThrow();
			expect(gorgias.bucketStats().accepted).toBe(0);
			expect((await get(`/tickets/${ticket.id}`)).status).toBe(200);
			expect(gorgias.requestsTo(GORGIAS_ROUTES.getTicket).map((entry) => entry.fault)).toEqual([
				'status',
				'status',
				'malformed',
				'drop',
				null,
			]);
		});
	});
});

describe('Gorgias sandbox rate limit (scaled bucket)', () => {
	let gorgias: GorgiasSandbox;

	beforeAll(async () => {
		// 5 requests per 2 s for API keys, 10 for OAuth: one unit drains every 400 ms, slow enough
		// for "still full right after the retry" to hold on a busy machine.
		gorgias = await startGorgiasSandbox({ bucket: { capacity: 5, windowMs: 2000 } });
	});
	afterAll(async () => {
		await gorgias.stop();
	});
	beforeEach(() => {
		gorgias.reset();
		gorgias.setBucket({ capacity: 5, windowMs: 2000 });
		gorgias.limiter.retryAfterFormat = 'precise';
	});

	const account = (authorization: string) =>
		call(gorgias.baseUrl, '/api/account', { headers: { authorization } });

	it('answers 429 with Retry-after and the header when full, then recovers', async () => {
		const answers = await Promise.all(
			Array.from({ length: 7 }, () => account(gorgias.basicAuthorization)),
		);
		const statuses = answers.map((res) => res.status).sort();
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
		const rejected = answers.filter((res) => res.status === 429);
		for (const res of rejected) {
			expect(res.headers[LIMIT]).toBe('5/5');
			const seconds = Number(res.headers['retry-after']);
			expect(seconds).toBeGreaterThan(0);
			expect(seconds).toBeLessThanOrEqual(0.4);
			expect(res.json()).toEqual({ message: expect.stringMatching(/limit/) });
		}
		expect(gorgias.bucketStats()).toMatchObject({ accepted: 5, rejected429: 2 });
		expect(gorgias.bucketStats().apiKey.level).toBeGreaterThan(4);

		await sleep(Number(rejected[0].headers['retry-after']) * 1000);
		const retried = await account(gorgias.basicAuthorization);
		expect(retried.status).toBe(200);
		expect(retried.headers[LIMIT]).toBe('5/5');
		expect(await account(gorgias.basicAuthorization)).toMatchObject({ status: 429 });

		// A full window later the bucket has drained completely.
		await sleep(2000);
		expect((await account(gorgias.basicAuthorization)).headers[LIMIT]).toBe('1/5');
	});

	it('keeps OAuth requests in their own, larger bucket', async () => {
		gorgias.setBucketLevel('api-key', 5);
		expect((await account(gorgias.basicAuthorization)).status).toBe(429);
		const oauth = await account(gorgias.bearerAuthorization);
		expect([oauth.status, oauth.headers[LIMIT]]).toEqual([200, '1/10']);
		const stats = gorgias.bucketStats();
		expect(stats.oauth).toMatchObject({ capacity: 10, accepted: 1, rejected429: 0 });
		expect(stats.apiKey).toMatchObject({ capacity: 5, accepted: 0, rejected429: 1 });
	});

	it('can be reconfigured at runtime, send whole seconds, or be switched off', async () => {
		gorgias.setBucket({ capacity: 2, windowMs: 4000 });
		await account(gorgias.basicAuthorization);
		await account(gorgias.basicAuthorization);
		const limited = await account(gorgias.basicAuthorization);
		expect([limited.status, limited.headers[LIMIT]]).toEqual([429, '2/2']);
		expect(Number(limited.headers['retry-after'])).toBeCloseTo(2, 1);

		gorgias.limiter.retryAfterFormat = 'integer';
		gorgias.setBucket({ capacity: 2, windowMs: 200 });
		gorgias.setBucketLevel('api-key', 2);
		expect((await account(gorgias.basicAuthorization)).headers['retry-after']).toBe('1');

		gorgias.setBucket(false);
		const free = await account(gorgias.basicAuthorization);
		expect(free.status).toBe(200);
		expect(free.headers[LIMIT]).toBeUndefined();
		expect(gorgias.bucketStats().enabled).toBe(false);
	});
});
