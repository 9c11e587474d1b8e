/**
 * The adaptive concurrency of the action nodes, through n8n's execution engine, against
 * sandboxes with a concurrency limit the node is not told about.
 */
import { randomUUID } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { faults } from '../../dev/sandboxes/faults';
import { peakInFlight, type LoggedRequest } from '../../dev/sandboxes/framework';
import { GORGIAS_ROUTES, type GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { runGorgias, startSandbox as startGorgias } from '../gorgias/setup';
import { jsonOf, rl, sandboxPerTest } from '../kit';
import { runZaia, startSandbox as startZaia } from '../zaia/setup';

const statuses = (requests: readonly LoggedRequest[]) => requests.map((request) => request.status);
const count = (values: unknown[], value: unknown) =>
	values.filter((entry) => entry === value).length;

describe('adaptive concurrency against a hidden concurrency limit', () => {
	let zaia: ZaiaSandbox;
	let gorgias: GorgiasSandbox;
	sandboxPerTest(startZaia, (started) => {
		zaia = started;
	});
	sandboxPerTest(startGorgias, (started) => {
		gorgias = started;
	});

	it('updates: halves below a limit under the start, fails no item, changes each ticket once', async () => {
		// Below the start of 10, so the very first round meets the limit whatever the timing.
		const limit = 6;
		zaia.latencyMs = 100;
		zaia.concurrencyLimit = { max: limit, retryAfter: '0.05' };
		const tickets = Array.from({ length: 120 }, () => zaia.addTicket({ status: 'pending' }));
		const assigneeId = randomUUID();
		const result = await runZaia(zaia, {
			items: tickets.map((ticket) => ({ id: ticket.id })),
			parameters: {
				operation: 'assign',
				ticketId: rl('={{ $json.id }}'),
				assigneeId: rl(assigneeId),
			},
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).filter((item) => item.error !== undefined)).toEqual([]);
		expect(jsonOf(result).map((item) => item.id)).toEqual(tickets.map((ticket) => ticket.id));
		const log = zaia.requestsTo(ZAIA_ROUTES.assignTicket);
		const refused = count(statuses(log), 429);
		expect(refused).toBeGreaterThan(0);
		// At most one slow-start step (half of the start) above the start before the first 429
		// arrived; after it the pool stays near the limit instead of meeting it on every round:
		// a fixed 10 would have had 4 of every 10 requests refused.
		expect(peakInFlight(log)).toBeLessThanOrEqual(15);
		expect(refused / log.length).toBeLessThan(0.1);
		// Every ticket was changed exactly once: a refused request changed nothing and was sent again.
		const accepted = log.filter((request) => request.status === 200).map((request) => request.path);
		expect(accepted.sort()).toEqual(
			tickets.map((ticket) => `/api/v1/tickets/${ticket.id}/assignee`).sort(),
		);
		for (const ticket of tickets) expect(zaia.ticketDetail(ticket.id).assigneeId).toBe(assigneeId);
	});

	const assignAll = async (count: number, options: INodeParameters = {}) => {
		const tickets = Array.from({ length: count }, () => zaia.addTicket({ status: 'pending' }));
		const result = await runZaia(zaia, {
			items: tickets.map((ticket) => ({ id: ticket.id })),
			parameters: {
				operation: 'assign',
				ticketId: rl('={{ $json.id }}'),
				assigneeId: rl(randomUUID()),
				options,
			},
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).filter((item) => item.error !== undefined)).toEqual([]);
		return zaia.requestsTo(ZAIA_ROUTES.assignTicket);
	};

	/** Zaia creates, one ticket per new chat, under continue-on-fail. */
	const createTickets = async (count: number) => {
		const chats = Array.from({ length: count }, () => zaia.addChat());
		const result = await runZaia(zaia, {
			items: chats.map((chat) => ({ chatId: chat.id })),
			parameters: {
				operation: 'create',
				chatId: '={{ $json.chatId }}',
				assigneeId: rl(randomUUID()),
				status: 'pending',
			},
			continueOnFail: true,
		});
		return { chats, result };
	};

	it('never has more requests in flight than Max Parallel Requests, and reaches it when healthy', async () => {
		zaia.latencyMs = 60;
		const log = await assignAll(100, { concurrency: 12 });
		expect(log).toHaveLength(100);
		expect(peakInFlight(log)).toBe(12);
	});

	it('a second run against the same account starts where the first ended healthy; creates do not', async () => {
		// Long enough for a whole first round to arrive before the first answer, on a busy machine.
		zaia.latencyMs = 300;
		// Requests the sandbox received before it sent its first answer: the run's start.
		const firstRound = (log: readonly LoggedRequest[]) => {
			const answered = Math.min(...log.map((request) => request.respondedAt ?? Infinity));
			return log.filter((request) => request.receivedAt < answered).length;
		};
		const first = await assignAll(300);
		expect(firstRound(first)).toBeLessThanOrEqual(10);
		const learned = peakInFlight(first);
		expect(learned).toBeGreaterThan(20);
		zaia.clearLog();
		const second = await assignAll(300);
		expect(firstRound(second)).toBeGreaterThan(20);
		// A create is only sent at a level answered healthy in its own run: 10 at the start.
		zaia.clearLog();
		await createTickets(60);
		expect(firstRound(zaia.requestsTo(ZAIA_ROUTES.createTicket))).toBeLessThanOrEqual(10);
	});

	it('items waiting out a Retry-After hold no slot: the other items go on meanwhile', async () => {
		zaia.latencyMs = 20;
		// The first two requests are refused with a long Retry-After; the ceiling is 4.
		zaia.injectFault(ZAIA_ROUTES.assignTicket, faults.tooManyRequests('2'), { times: 2 });
		const log = await assignAll(40, { concurrency: 4 });
		const refused = log.filter((request) => request.status === 429);
		expect(refused).toHaveLength(2);
		const retriedAt = Math.min(
			...log
				.filter((request) => refused.some((first) => first.path === request.path))
				.filter((request) => request.status === 200)
				.map((request) => request.receivedAt),
		);
		// The 38 other items were all sent and answered before either refused one was sent again;
		// had the two waiting items kept their places, the pool would have been halved to them.
		const others = log.filter(
			(request) =>
				request.status === 200 && !refused.some((first) => first.path === request.path),
		);
		expect(others).toHaveLength(38);
		for (const request of others) expect(request.receivedAt).toBeLessThan(retriedAt);
		expect(peakInFlight(log)).toBeLessThanOrEqual(4);
	});

	it('Zaia creates: never probe above the start, so none meets a 429 and each POST is sent once', async () => {
		zaia.latencyMs = 20;
		zaia.concurrencyLimit = { max: 15, retryAfter: '0.05' };
		const { chats, result } = await createTickets(60);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).filter((item) => item.error !== undefined)).toEqual([]);
		const posts = zaia.requestsTo(ZAIA_ROUTES.createTicket);
		expect(posts).toHaveLength(60);
		expect(count(statuses(posts), 429)).toBe(0);
		expect(posts.map((post) => (post.body as { chatId: string }).chatId).sort()).toEqual(
			chats.map((chat) => chat.id).sort(),
		);
		expect(peakInFlight(posts)).toBeLessThanOrEqual(10);
		expect(zaia.state.tickets.size).toBe(60);
	});

	it('Gorgias creates: a limit below the start is met with 429s, which Gorgias documents as unprocessed; each ticket is created once', async () => {
		gorgias.latencyMs = 20;
		gorgias.concurrencyLimit = { max: 4, retryAfter: '0.05' };
		const externalIds = Array.from({ length: 60 }, (_, index) => `order-${index}`);
		const result = await runGorgias(gorgias, {
			items: externalIds.map((externalId) => ({ externalId })),
			parameters: {
				operation: 'create',
				channel: 'api',
				customerEmail: 'lucia@example.com',
				body: 'Where is my order?',
				additionalFields: { externalId: '={{ $json.externalId }}' },
			},
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).filter((item) => item.error !== undefined)).toEqual([]);
		const posts = gorgias.requestsTo(GORGIAS_ROUTES.createTicket);
		expect(count(statuses(posts), 429)).toBeGreaterThan(0);
		const created = posts
			.filter((post) => post.status === 201)
			.map((post) => (post.body as { external_id: string }).external_id);
		expect(created.sort()).toEqual([...externalIds].sort());
		// The pool halved after the first refusals: a fixed 10 against 4 would see 6 in 10 refused.
		expect(count(statuses(posts), 429) / posts.length).toBeLessThan(0.3);
	});
});
