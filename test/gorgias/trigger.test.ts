import type { IDataObject } from 'n8n-workflow';

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
