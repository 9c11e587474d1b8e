import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import type { PollResult } from '../../dev/harness';
import type { Fault } from '../../dev/sandboxes/faults';
import { GORGIAS_ROUTES, type GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import type { GorgiasTicketSeed } from '../../dev/sandboxes/gorgias-data';
import { pollSession } from '../support/poll-session';
import { seededRandom, soak } from '../support/soak';
import { sandboxPerTest } from '../kit';
import { apiKeyCredentials, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.gorgiasTrigger';

/** A ticket created the way the API would: with its ticket-created event, optionally at a given time. */
function created(sandbox: GorgiasSandbox, seed: GorgiasTicketSeed = {}, at?: string) {
	const ticket = sandbox.addTicket(seed);
	const event = sandbox.state.recordEvent('ticket-created', { type: 'Ticket', id: ticket.id });
	if (at) event.created_datetime = at;
	return ticket;
}

describe('Gorgias Trigger', () => {
	let sandbox: GorgiasSandbox;
	let session: ReturnType<typeof pollSession>;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		session = pollSession(TRIGGER, { authentication: 'apiKey', event: 'newTicket' }, () =>
			apiKeyCredentials(sandbox),
		);
	});

	const poll = async (parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
		await session.poll(parameters, mode);
	const ids = (result: PollResult) => result.items.map((item) => Number(item.json.id));

	it('events of one millisecond before activation (Gorgias times have microseconds) are never emitted', async () => {
		for (const micros of ['001', '002', '003']) {
			created(sandbox, {}, `2026-01-01T10:00:00.123${micros}+00:00`);
		}
		expect((await poll()).items).toEqual([]);
		expect((await poll()).items).toEqual([]);
		const next = created(sandbox, {}, '2026-01-01T10:00:00.123004+00:00');
		expect(ids(await poll())).toEqual([next.id]);
	});

	it('first poll starts from the newest event; new tickets once, oldest first; idle = 1 request', async () => {
		created(sandbox);
		const first = await poll();
		expect(first.items).toEqual([]);
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ types: 'ticket-created', order_by: 'created_datetime:desc', limit: '100' },
		]);
		const a = created(sandbox);
		const b = created(sandbox);
		sandbox.clearLog();
		expect(ids(await poll())).toEqual([a.id, b.id]);
		// one events page, one ticket batch
		expect(sandbox.requests.map((request) => request.path)).toEqual([
			'/api/events',
			'/api/tickets',
		]);
		expect(sandbox.requests[0].query).toMatchObject({
			types: 'ticket-created',
			order_by: 'created_datetime:asc',
		});
		expect(sandbox.requests[0].query['created_datetime[gte]']).toEqual(expect.any(String));
		sandbox.clearLog();
		expect((await poll()).items).toEqual([]);
		expect(sandbox.requests).toHaveLength(1);
	});

	it('tickets whose events share a timestamp, split over two polls, are each emitted once', async () => {
		created(sandbox, {}, '2030-01-01T10:00:00.000000+00:00');
		await poll();
		const same = '2030-01-01T11:00:00.123456+00:00';
		const first = [created(sandbox, {}, same), created(sandbox, {}, same)];
		expect(ids(await poll())).toEqual(first.map((ticket) => ticket.id));
		const later = [created(sandbox, {}, same)];
		expect(ids(await poll())).toEqual(later.map((ticket) => ticket.id));
		expect((await poll()).items).toEqual([]);
	});

	it('a backlog larger than the page budget continues on the next polls, in order', async () => {
		created(sandbox);
		await poll();
		const backlog = Array.from({ length: 250 }, () => created(sandbox));
		const emitted: number[] = [];
		for (let i = 0; i < 5; i++) {
			const result = await poll({ options: { maxPages: 1 } });
			expect(result.items.length).toBeLessThanOrEqual(100);
			emitted.push(...ids(result));
		}
		expect(emitted).toEqual(backlog.map((ticket) => ticket.id));
	});

	it.each<[string, string, Fault]>([
		[
			'429 on the events',
			GORGIAS_ROUTES.listEvents,
			{ kind: 'status', status: 429, headers: { 'retry-after': '0' } },
		],
		['5xx on the ticket batch', GORGIAS_ROUTES.listTickets, { kind: 'status', status: 502 }],
		['malformed JSON on the events', GORGIAS_ROUTES.listEvents, { kind: 'malformed' }],
		['a dropped connection on the ticket batch', GORGIAS_ROUTES.listTickets, { kind: 'drop' }],
	])(
		'a failed poll (%s) changes nothing; the next poll emits everything',
		async (_name, route, fault) => {
			created(sandbox);
			await poll();
			const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
			const news = [created(sandbox), created(sandbox)];
			sandbox.injectFault(route, fault, { times: 5 });
			const failed = await poll();
			expect(failed.error).toBeDefined();
			expect(session.state).toEqual(before);
			sandbox.clearFaults();
			expect(ids(await poll())).toEqual(news.map((ticket) => ticket.id));
		},
	);

	it('Ticket Updated emits each changed ticket once per poll, in its latest session.state', async () => {
		const ticket = created(sandbox);
		await poll({ event: 'ticketUpdated' });
		sandbox.state.recordEvent('ticket-updated', { type: 'Ticket', id: ticket.id });
		sandbox.state.recordEvent('ticket-updated', { type: 'Ticket', id: ticket.id });
		const result = await poll({ event: 'ticketUpdated' });
		expect(ids(result)).toEqual([ticket.id]);
		expect((await poll({ event: 'ticketUpdated' })).items).toEqual([]);
	});

	it('Ticket Closed with filters on status, tag and team; Simplify', async () => {
		const team = sandbox.addTeam({ name: 'VIP desk' });
		created(sandbox);
		await poll({ event: 'ticketClosed' });
		const match = sandbox.addTicket({
			status: 'closed',
			tags: ['vip'],
			assignee_team_id: team.id,
		} as GorgiasTicketSeed);
		const other = sandbox.addTicket({ status: 'closed', tags: ['other'] });
		for (const ticket of [match, other])
			sandbox.state.recordEvent('ticket-closed', { type: 'Ticket', id: ticket.id });
		const result = await poll({
			event: 'ticketClosed',
			filters: { statuses: ['closed'], tags: 'VIP', teamIds: String(team.id) },
			simplify: true,
		});
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				provider: 'gorgias',
				id: String(match.id),
				status: 'closed',
				tags: ['vip'],
			}),
		]);
	});

	it('manual mode returns the newest ticket and leaves session.state alone', async () => {
		created(sandbox);
		await poll();
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		created(sandbox);
		const newest = created(sandbox);
		expect(ids(await poll({}, 'manual'))).toEqual([newest.id]);
		expect(session.state).toEqual(before);
		expect((await poll()).items).toHaveLength(2);
	});

	describe('what a poll costs', () => {
		/** One poll: what it emitted and the routes the sandbox received, in order. */
		const costly = async (parameters: IDataObject = {}) => {
			sandbox.clearLog();
			const result = await session.poll(parameters);
			expect(result.error).toBeUndefined();
			return {
				ids: result.items.map((item) => Number(item.json.id)),
				routes: sandbox.requests.map((entry) => entry.route),
			};
		};
		const ONE_PAGE_AND_ONE_BATCH = [GORGIAS_ROUTES.listEvents, GORGIAS_ROUTES.listTickets];

		it.each([1, 50, 99])(
			'%i new tickets (fewer than 100) cost 2 requests: one events page, one ticket batch',
			async (count) => {
				created(sandbox);
				await costly();
				const news = Array.from({ length: count }, () => created(sandbox).id);
				// 99 is the edge: with the event at the watermark read again, the page holds 100.
				const fresh = await costly();
				expect(fresh.ids).toEqual(news);
				expect(fresh.routes).toEqual(ONE_PAGE_AND_ONE_BATCH);
				expect(await costly()).toEqual({ ids: [], routes: [GORGIAS_ROUTES.listEvents] });
			},
		);

		it('99 new after a burst that filled one millisecond still cost 2 requests: only the exact last event is read again', async () => {
			created(sandbox, {}, '2030-01-01T09:00:00.000000+00:00');
			await costly();
			// Gorgias times carry microseconds: 30 tickets created within one millisecond.
			const micros = (i: number) => String(i).padStart(3, '0');
			const burst = Array.from(
				{ length: 30 },
				(_, i) => created(sandbox, {}, `2030-01-01T10:00:00.123${micros(i)}+00:00`).id,
			);
			expect((await costly()).ids).toEqual(burst);
			const news = Array.from(
				{ length: 99 },
				(_, i) => created(sandbox, {}, `2030-01-01T10:00:01.${micros(i)}000+00:00`).id,
			);
			const fresh = await costly();
			expect(fresh.ids).toEqual(news);
			expect(fresh.routes).toEqual(ONE_PAGE_AND_ONE_BATCH);
		});

		it('a state saved without the microsecond watermark (an earlier version) goes on with no repeats', async () => {
			created(sandbox, {}, '2030-01-01T09:00:00.000000+00:00');
			await costly();
			const first = [1, 2, 3].map(
				(i) => created(sandbox, {}, `2030-01-01T10:00:00.123${i}00+00:00`).id,
			);
			expect((await costly()).ids).toEqual(first);
			expect(session.state.exactWatermark).toBe(
				Date.parse('2030-01-01T10:00:00.123Z') * 1000 + 300,
			);
			delete session.state.exactWatermark;
			const later = [4, 5].map(
				(i) => created(sandbox, {}, `2030-01-01T10:00:00.123${i}00+00:00`).id,
			);
			expect((await costly()).ids).toEqual(later);
			expect(session.state.exactWatermark).toBe(
				Date.parse('2030-01-01T10:00:00.123Z') * 1000 + 500,
			);
			expect((await costly()).ids).toEqual([]);
		});

		it('an imported ticket (created_datetime a year back) is emitted once, within the same 2 requests', async () => {
			// 150 tickets, so that the import sorts beyond the first page of the ticket list
			// (newest created first): a walk of that list down to the watermark would not reach it.
			for (let i = 0; i < 150; i++) created(sandbox);
			await costly();
			const before = Array.from({ length: 20 }, () => created(sandbox).id);
			const email = 'import@shop.example';
			const response = await request(`${sandbox.baseUrl}/api/tickets`, {
				method: 'POST',
				headers: { authorization: sandbox.basicAuthorization, 'content-type': 'application/json' },
				body: JSON.stringify({
					customer: { email },
					channel: 'api',
					created_datetime: '2025-01-02T03:04:05.000000+00:00',
					messages: [
						{
							channel: 'api',
							via: 'api',
							from_agent: false,
							sender: { email },
							body_text: 'From the old helpdesk',
							sent_datetime: '2025-01-02T03:04:05.000000+00:00',
						},
					],
				}),
			});
			expect(response.statusCode).toBe(201);
			const imported = ((await response.body.json()) as { id: number }).id;
			const after = Array.from({ length: 20 }, () => created(sandbox).id);
			const newestCreatedFirst = await request(
				`${sandbox.baseUrl}/api/tickets?order_by=created_datetime:desc&limit=100`,
				{ headers: { authorization: sandbox.basicAuthorization } },
			);
			const firstPage = ((await newestCreatedFirst.body.json()) as { data: Array<{ id: number }> })
				.data;
			expect(firstPage.map((ticket) => ticket.id)).not.toContain(imported);

			const fresh = await costly();
			expect(fresh.ids).toEqual([...before, imported, ...after]);
			expect(fresh.routes).toEqual(ONE_PAGE_AND_ONE_BATCH);
			expect((await costly()).ids).toEqual([]);
		});

		it('Simplify costs no request of its own while the tickets carry no custom-field values', async () => {
			created(sandbox);
			await costly({ simplify: true });
			const news = Array.from({ length: 30 }, () => created(sandbox).id);
			const fresh = await costly({ simplify: true });
			expect(fresh.ids).toEqual(news);
			expect(fresh.routes).toEqual(ONE_PAGE_AND_ONE_BATCH);
		});

		it('a backlog of 250 drains: all in one poll by default, or 2 requests per poll with Max Pages 1', async () => {
			created(sandbox);
			await costly();
			const first = Array.from({ length: 250 }, () => created(sandbox).id);
			const whole = await costly();
			expect(whole.ids).toEqual(first);
			// The least 100 items per answer allow: 251 events (one read again) and 250 tickets.
			expect(whole.routes.filter((route) => route === GORGIAS_ROUTES.listEvents)).toHaveLength(3);
			expect(whole.routes.filter((route) => route === GORGIAS_ROUTES.listTickets)).toHaveLength(3);

			const second = Array.from({ length: 250 }, () => created(sandbox).id);
			const emitted: number[] = [];
			const polls: Array<Awaited<ReturnType<typeof costly>>> = [];
			for (let i = 0; i < 4; i++) {
				const result = await costly({ options: { maxPages: 1 } });
				polls.push(result);
				emitted.push(...result.ids);
			}
			expect(emitted).toEqual(second);
			expect(polls.map((result) => result.ids.length)).toEqual([99, 99, 52, 0]);
			expect(polls.map((result) => result.routes)).toEqual([
				ONE_PAGE_AND_ONE_BATCH,
				ONE_PAGE_AND_ONE_BATCH,
				ONE_PAGE_AND_ONE_BATCH,
				[GORGIAS_ROUTES.listEvents],
			]);
		});
	});
});

describe('Gorgias Trigger soak: 300 polls, about 20 % faults, tickets arriving all along', () => {
	jest.setTimeout(240_000);

	it('emits every ticket exactly once', async () => {
		const sandbox = await startSandbox();
		const random = seededRandom(99);
		let clock = Date.parse('2030-02-01T00:00:00Z');
		try {
			const session = pollSession(
				TRIGGER,
				{ authentication: 'apiKey', event: 'newTicket', options: { maxPages: 2 } },
				() => apiKeyCredentials(sandbox),
			);
			const poll = async () => await session.poll();
			created(sandbox, {}, '2030-01-01T00:00:00.000000+00:00');
			await poll();
			const report = await soak({
				label: 'Gorgias',
				rounds: 300,
				random,
				arrive: (round) => {
					const count = round % 60 === 13 ? 100 : Math.floor(random() * 5);
					const sameTime = random() < 0.3;
					return Array.from({ length: count }, () => {
						if (!sameTime) clock += 1 + Math.floor(random() * 3000);
						const at = `${new Date(clock).toISOString().slice(0, -1)}000+00:00`;
						return String(created(sandbox, {}, at).id);
					});
				},
				injectFault: (fault, times) => {
					const route = random() < 0.5 ? GORGIAS_ROUTES.listEvents : GORGIAS_ROUTES.listTickets;
					sandbox.injectFault(route, fault, { times });
				},
				clearFaults: () => sandbox.clearFaults(),
				poll,
				idOf: (json) => String(json.id),
			});
			expect(report).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
			expect(report.failedPolls).toBeGreaterThan(0);
		} finally {
			await sandbox.stop();
		}
	});
});
