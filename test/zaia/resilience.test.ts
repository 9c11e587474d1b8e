import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { jsonOf, pairedOf, rl, sandboxPerTest, visibleText } from '../kit';
import { CANARY, runZaia, startSandbox } from './setup';

describe('Zaia node under faults: retries, errors, continue on fail, secrets', () => {
	let sandbox: ZaiaSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	it('retries a GET after 429, honouring Retry-After, then succeeds', async () => {
		const ticket = sandbox.addTicket();
		sandbox.injectFault(ZAIA_ROUTES.getTicket, {
			kind: 'status',
			status: 429,
			headers: { 'retry-after': '1' },
			body: { statusCode: 429, message: 'Too many requests' },
		});
		const result = await runZaia(sandbox, {
			parameters: { operation: 'get', ticketId: rl(ticket.id) },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(ticket.id);
		const [first, second] = sandbox.requests;
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
		// Retry-After: 1 means the second attempt waited about a second, not a short backoff.
		expect(second.receivedAt - (first.respondedAt ?? 0)).toBeGreaterThanOrEqual(950);
	});

	it('retries PATCH after 500 and 503 with backoff', async () => {
		const ticket = sandbox.addTicket({ status: 'ongoing' });
		sandbox.injectFault(ZAIA_ROUTES.assignTicket, { kind: 'status', status: 500 });
		sandbox.injectFault(ZAIA_ROUTES.assignTicket, { kind: 'status', status: 503 });
		const assigneeId = 'e3b8c2a4-0f5d-4a91-82e3-4d5f6a7b8c9d';
		const result = await runZaia(sandbox, {
			parameters: { operation: 'assign', ticketId: rl(ticket.id), assigneeId: rl(assigneeId) },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([500, 503, 200]);
		expect(sandbox.ticketDetail(ticket.id).assigneeId).toBe(assigneeId);
	});

	it('retries reads after a dropped connection and after malformed JSON', async () => {
		const ticket = sandbox.addTicket();
		sandbox.injectFault(ZAIA_ROUTES.getTicket, { kind: 'drop' });
		sandbox.injectFault(ZAIA_ROUTES.getTicket, { kind: 'malformed' });
		const result = await runZaia(sandbox, {
			parameters: { operation: 'get', ticketId: rl(ticket.id) },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(ticket.id);
		expect(sandbox.requests.map((request) => request.fault)).toEqual(['drop', 'malformed', null]);
	});

	it('resumes a Get Many after a fault in the middle of the pages, without duplicates', async () => {
		for (let i = 0; i < 150; i++) sandbox.addTicket({ status: 'pending' });
		// The first page answers, then the second page fails once before answering.
		sandbox.injectFault(ZAIA_ROUTES.listTickets, { kind: 'delay', ms: 1 });
		sandbox.injectFault(ZAIA_ROUTES.listTickets, { kind: 'status', status: 502 });
		const result = await runZaia(sandbox, {
			parameters: { operation: 'getMany', status: 'pending', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(new Set(jsonOf(result).map((ticket) => ticket.id)).size).toBe(150);
		expect(sandbox.requests.map((request) => [request.query.pageNumber, request.status])).toEqual([
			['1', 200],
			['2', 502],
			['2', 200],
		]);
	});

	it('never repeats a create: a 500 is surfaced after exactly one request', async () => {
		const chat = sandbox.addChat();
		sandbox.injectFault(ZAIA_ROUTES.createTicket, {
			kind: 'status',
			status: 500,
			body: { statusCode: 500, message: 'Internal server error' },
		});
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'create',
				chatId: chat.id,
				assigneeId: rl('0b9d6f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21'),
				status: 'pending',
			},
		});
		expect(sandbox.requests).toHaveLength(1);
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.message).toContain('Internal server error');
		expect(sandbox.state.tickets.size).toBe(0);
	});

	it('never repeats a create after a dropped connection either', async () => {
		const chat = sandbox.addChat();
		sandbox.injectFault(ZAIA_ROUTES.createTicket, { kind: 'drop' });
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'create',
				chatId: chat.id,
				assigneeId: rl('0b9d6f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21'),
				status: 'pending',
			},
		});
		expect(sandbox.requests).toHaveLength(1);
		expect(result.error?.message).toBe(
			'Zaia API could not be reached: the connection was closed before an answer arrived',
		);
	});

	it('surfaces the provider message and HTTP code of a 404, naming the request', async () => {
		const missing = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
		const result = await runZaia(sandbox, {
			parameters: { operation: 'get', ticketId: rl(missing) },
		});
		expect(sandbox.requests).toHaveLength(1);
		expect(result.error).toMatchObject({
			message: 'Zaia API error 404: Ticket not found',
			httpCode: '404',
		});
		expect(result.error?.description).toContain(`GET /tickets/${missing}/details`);
	});

	it('gives up after the retry budget and reports the last answer', async () => {
		const ticket = sandbox.addTicket();
		sandbox.injectFault(
			ZAIA_ROUTES.getTicket,
			{ kind: 'status', status: 503, body: { message: 'Down for maintenance' } },
			{ times: 10 },
		);
		const result = await runZaia(sandbox, {
			parameters: { operation: 'get', ticketId: rl(ticket.id) },
		});
		expect(sandbox.requests).toHaveLength(5);
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.message).toBe('Zaia API error 503: Down for maintenance');
		expect(result.error?.description).toContain('after 5 attempts');
	});

	it('continue on fail: good items succeed, bad ones become error items, order and pairing kept', async () => {
		const [a, b] = [sandbox.addTicket(), sandbox.addTicket()];
		const missing = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
		const result = await runZaia(sandbox, {
			continueOnFail: true,
			items: [{ id: a.id }, { id: 'not-a-uuid' }, { id: missing }, { id: b.id }],
			parameters: { operation: 'get', ticketId: rl('={{ $json.id }}') },
		});
		expect(result.error).toBeUndefined();
		expect(pairedOf(result)).toEqual([0, 1, 2, 3]);
		const out = jsonOf(result);
		expect(out[0].id).toBe(a.id);
		expect(out[1]).toEqual({ error: expect.stringContaining('Invalid "Ticket" in item 1') });
		expect(out[2]).toEqual({ error: 'Zaia API error 404: Ticket not found' });
		expect(out[3].id).toBe(b.id);
		// the invalid item never reached the API
		expect(sandbox.requests.map((request) => request.path).sort()).toEqual(
			[a.id, missing, b.id].map((id) => `/api/v1/tickets/${id}/details`).sort(),
		);
	});

	it('without continue on fail, the first failing item stops the node with its index', async () => {
		const a = sandbox.addTicket();
		const missing = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
		const result = await runZaia(sandbox, {
			items: [{ id: a.id }, { id: missing }],
			parameters: {
				operation: 'get',
				ticketId: rl('={{ $json.id }}'),
				options: { concurrency: 1 },
			},
		});
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.itemIndex).toBe(1);
		expect(result.items).toEqual([]);
	});

	it('a wrong API key is reported as 401 without revealing the key', async () => {
		const ticket = sandbox.addTicket();
		const rejectedValue = 'zaia_sk_WRONG_CANARY_e1d2c3b4a5';
		const result = await runZaia(sandbox, {
			apiKey: rejectedValue,
			parameters: { operation: 'get', ticketId: rl(ticket.id) },
		});
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.message).toBe('Zaia API error 401: Invalid API key');
		expect(visibleText(result)).not.toContain(rejectedValue);
		expect(sandbox.requests[0].headers.authorization).toBe(rejectedValue);
	});

	it('the API key appears in no error, whatever the provider echoes back', async () => {
		// A provider (or proxy) that echoes the request headers into its error body.
		const echoes = [
			{
				kind: 'status' as const,
				status: 400,
				body: { message: `bad key ${CANARY}`, headers: { authorization: CANARY } },
			},
			{ kind: 'status' as const, status: 500, body: `authorization: ${CANARY}` },
		];
		for (const fault of echoes) {
			sandbox.reset();
			const fresh = sandbox.addTicket();
			sandbox.injectFault(ZAIA_ROUTES.completeTicket, fault, { times: 10 });
			const result = await runZaia(sandbox, {
				parameters: {
					operation: 'complete',
					ticketId: rl(fresh.id),
					userId: rl('c1f6a0e2-8d3b-4e7f-a9c1-2b3d4e5f6a7b'),
				},
			});
			expect(result.error).toBeDefined();
			expect(visibleText(result)).not.toContain(CANARY);
			expect(visibleText(result)).toContain('[redacted]');
		}
	});

	it('the API key appears in no continue-on-fail output', async () => {
		const fresh = sandbox.addTicket();
		sandbox.injectFault(ZAIA_ROUTES.getTicket, {
			kind: 'status',
			status: 403,
			body: { error: { message: `key ${CANARY} lacks scope` } },
		});
		const result = await runZaia(sandbox, {
			continueOnFail: true,
			parameters: { operation: 'get', ticketId: rl(fresh.id) },
		});
		expect(jsonOf(result)).toEqual([{ error: 'Zaia API error 403: key [redacted] lacks scope' }]);
		expect(visibleText(result)).not.toContain(CANARY);
	});
});
