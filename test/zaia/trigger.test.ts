import type { IDataObject } from 'n8n-workflow';

import { runPoll, type PollResult } from '../../dev/harness';
import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import type { Fault } from '../../dev/sandboxes/faults';
import { pollSession } from '../support/poll-session';
import { seededRandom, soak } from '../support/soak';
import { sandboxPerTest } from '../kit';
import { credentialsFor, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.zaiaTrigger';

describe('Zaia Trigger: new tickets exactly once', () => {
	let sandbox: ZaiaSandbox;
	let session: ReturnType<typeof pollSession>;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		session = pollSession(TRIGGER, { event: 'newTicket' }, () => credentialsFor(sandbox));
	});

	const poll = async (parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
		await session.poll(parameters, mode);
	const ids = (result: PollResult) => result.items.map((item) => String(item.json.id));
	const at = (iso: string) => new Date(iso).toISOString();

	it('first poll starts from the newest existing ticket and emits nothing', async () => {
		sandbox.addTicket({ status: 'pending', createdAt: at('2026-01-01T10:00:00Z') });
		const newest = sandbox.addTicket({ status: 'ongoing', createdAt: at('2026-01-01T11:00:00Z') });
		const first = await poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([]);
		expect(session.state.watermark).toBe(Date.parse('2026-01-01T11:00:00Z'));
		expect(session.state.seenAtWatermark).toEqual([newest.id]);
		// one request per watched status
		expect(sandbox.requests.map((request) => request.query.status).sort()).toEqual([
			'completed',
			'ongoing',
			'pending',
		]);
	});

	it('emits new tickets once, oldest first, across statuses; an idle poll costs one request per list', async () => {
		sandbox.addTicket({ createdAt: at('2026-01-01T10:00:00Z') });
		await poll();
		const a = sandbox.addTicket({ status: 'ongoing', createdAt: at('2026-01-01T10:01:00Z') });
		const b = sandbox.addTicket({ status: 'pending', createdAt: at('2026-01-01T10:02:00Z') });
		const c = sandbox.addTicket({ status: 'completed', createdAt: at('2026-01-01T10:03:00Z') });
		const second = await poll();
		expect(ids(second)).toEqual([a.id, b.id, c.id]);
		sandbox.clearLog();
		const third = await poll();
		expect(third.items).toEqual([]);
		expect(sandbox.requests).toHaveLength(3);
	});

	it('several tickets with the same timestamp across two polls are each emitted once', async () => {
		sandbox.addTicket({ createdAt: at('2026-01-01T09:00:00Z') });
		await poll();
		const same = at('2026-01-01T10:00:00Z');
		const first = [sandbox.addTicket({ createdAt: same }), sandbox.addTicket({ createdAt: same })];
		expect(ids(await poll()).sort()).toEqual(first.map((ticket) => ticket.id).sort());
		const later = [
			sandbox.addTicket({ createdAt: same }),
			sandbox.addTicket({ status: 'ongoing', createdAt: same }),
		];
		expect(ids(await poll()).sort()).toEqual(later.map((ticket) => ticket.id).sort());
		expect(await poll()).toMatchObject({ items: [] });
	});

	it('a backlog larger than the page budget drains over several polls with nothing lost', async () => {
		sandbox.addTicket({ createdAt: at('2026-01-01T00:00:00Z') });
		await poll({ statuses: ['pending'] });
		const backlog = Array.from({ length: 350 }, (_, i) =>
			sandbox.addTicket({
				status: 'pending',
				createdAt: new Date(Date.parse('2026-01-02T00:00:00Z') + i * 1000).toISOString(),
			}),
		);
		const emitted: string[] = [];
		let polls = 0;
		for (;;) {
			const result = await poll({ statuses: ['pending'], options: { maxPages: 1 } });
			expect(result.error).toBeUndefined();
			if (result.items.length === 0) break;
			expect(result.items.length).toBeLessThanOrEqual(100);
			emitted.push(...ids(result));
			polls++;
		}
		expect(polls).toBe(4);
		expect(emitted).toEqual(backlog.map((ticket) => ticket.id));
	});

	it.each<[string, Fault]>([
		['429', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }],
		['500', { kind: 'status', status: 500 }],
		['a dropped connection', { kind: 'drop' }],
		['malformed JSON', { kind: 'malformed' }],
	])(
		'a poll failing mid-pagination (%s) changes no session.state; the next poll emits everything',
		async (_name, fault) => {
			sandbox.addTicket({ status: 'pending', createdAt: at('2026-01-01T00:00:00Z') });
			await poll({ statuses: ['pending'] });
			const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
			const news = Array.from({ length: 150 }, (_, i) =>
				sandbox.addTicket({
					status: 'pending',
					createdAt: new Date(Date.parse('2026-01-03T00:00:00Z') + i * 1000).toISOString(),
				}),
			);
			// page 1 answers, page 2 keeps failing through every retry
			sandbox.injectFault(ZAIA_ROUTES.listTickets, { kind: 'delay', ms: 1 });
			sandbox.injectFault(ZAIA_ROUTES.listTickets, fault, { times: 5 });
			const failed = await poll({ statuses: ['pending'] });
			expect(failed.error).toBeDefined();
			expect(failed.items).toEqual([]);
			expect(session.state).toEqual(before);
			sandbox.clearFaults();
			const next = await poll({ statuses: ['pending'] });
			expect(ids(next)).toEqual(news.map((ticket) => ticket.id));
		},
	);

	it('a timeout mid-pagination (an answer slower than the poll allows) changes no session.state', async () => {
		sandbox.addTicket({ status: 'pending', createdAt: at('2026-01-01T00:00:00Z') });
		await poll({ statuses: ['pending'] });
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		const news = Array.from({ length: 120 }, (_, i) =>
			sandbox.addTicket({
				status: 'pending',
				createdAt: new Date(Date.parse('2026-01-03T00:00:00Z') + i * 1000).toISOString(),
			}),
		);
		// A 4 s poll budget gives each request 1 s; page 2 answers after 1.5 s, every time.
		sandbox.injectFault(ZAIA_ROUTES.listTickets, { kind: 'delay', ms: 1 });
		sandbox.injectFault(ZAIA_ROUTES.listTickets, { kind: 'delay', ms: 1_500 }, { times: 10 });
		const failed = await runPoll({
			nodeType: TRIGGER,
			parameters: { event: 'newTicket', statuses: ['pending'] },
			credentials: credentialsFor(sandbox),
			staticData: session.state,
			pollBudgetMs: 4_000,
		});
		expect(failed.error?.message).toContain('no answer within the time limit');
		expect(failed.staticData).toEqual(before);
		sandbox.clearFaults();
		expect(ids(await poll({ statuses: ['pending'] }))).toEqual(news.map((ticket) => ticket.id));
	});

	it('manual "Fetch test event" returns the newest ticket and leaves session.state alone', async () => {
		sandbox.addTicket({ createdAt: at('2026-01-01T10:00:00Z') });
		await poll();
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		const newest = sandbox.addTicket({ status: 'ongoing', createdAt: at('2026-01-05T10:00:00Z') });
		sandbox.addTicket({ status: 'pending', createdAt: at('2026-01-04T10:00:00Z') });
		const manual = await poll({}, 'manual');
		expect(ids(manual)).toEqual([newest.id]);
		expect(session.state).toEqual(before);
		// the scheduled poll still sees both
		expect((await poll()).items).toHaveLength(2);
	});

	it('filters by status watched, assignee (by Zaia) and channel (locally); Simplify', async () => {
		const assignee = '0b9d6f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21';
		const chat = sandbox.addChat({ channelType: 'whatsapp' });
		sandbox.addTicket({ createdAt: at('2026-01-01T00:00:00Z') });
		const parameters = {
			statuses: ['ongoing'],
			filters: { assigneeIds: assignee, channelTypes: ['whatsapp'] },
			simplify: true,
		};
		await poll(parameters);
		const match = sandbox.addTicket({
			status: 'ongoing',
			assigneeId: assignee,
			chatId: chat.id,
			createdAt: at('2026-01-02T00:00:00Z'),
		});
		const widget = sandbox.addChat({ channelType: 'widget' });
		sandbox.addTicket({
			status: 'ongoing',
			assigneeId: assignee,
			chatId: widget.id,
			createdAt: at('2026-01-02T00:01:00Z'),
		});
		sandbox.addTicket({
			status: 'pending',
			assigneeId: assignee,
			chatId: chat.id,
			createdAt: at('2026-01-02T00:02:00Z'),
		});
		const result = await poll(parameters);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ provider: 'zaia', id: match.id, channel: 'whatsapp' }),
		]);
		expect(sandbox.requests.at(-1)?.query).toMatchObject({
			status: 'ongoing',
			assigneeIds: assignee,
		});
	});

	it('Ticket Completed emits tickets as they complete, once', async () => {
		const open = sandbox.addTicket({ status: 'ongoing', createdAt: at('2026-01-01T00:00:00Z') });
		sandbox.addTicket({ status: 'completed', createdAt: at('2026-01-01T00:00:00Z') });
		await poll({ event: 'ticketCompleted' });
		expect((await poll({ event: 'ticketCompleted' })).items).toEqual([]);
		sandbox.state.tickets.get(open.id)!.status = 'completed';
		sandbox.state.tickets.get(open.id)!.completedAt = new Date().toISOString();
		expect(ids(await poll({ event: 'ticketCompleted' }))).toEqual([open.id]);
		expect((await poll({ event: 'ticketCompleted' })).items).toEqual([]);
	});
});

describe('Zaia Trigger soak: 300 polls, about 20 % faults, tickets arriving all along', () => {
	jest.setTimeout(240_000);

	it('emits every ticket exactly once', async () => {
		const sandbox = await startSandbox();
		const random = seededRandom(42);
		const statuses = ['pending', 'ongoing', 'completed'];
		let clock = Date.parse('2026-02-01T00:00:00Z');
		try {
			const session = pollSession(TRIGGER, { event: 'newTicket', options: { maxPages: 2 } }, () =>
				credentialsFor(sandbox),
			);
			const poll = async () => await session.poll();
			sandbox.addTicket({ createdAt: '2026-01-01T00:00:00.000Z' });
			await poll();
			const report = await soak({
				label: 'Zaia',
				rounds: 300,
				random,
				// bursts, runs of equal timestamps, and now and then exactly a page of 100
				arrive: (round) => {
					const count = round % 50 === 7 ? 100 : Math.floor(random() * 6);
					const sameTime = random() < 0.3;
					return Array.from({ length: count }, () => {
						if (!sameTime) clock += 1 + Math.floor(random() * 1000);
						const status = statuses[Math.floor(random() * 3)];
						return sandbox.addTicket({ status, createdAt: new Date(clock).toISOString() }).id;
					});
				},
				injectFault: (fault, times) =>
					sandbox.injectFault(ZAIA_ROUTES.listTickets, fault, { times }),
				clearFaults: () => sandbox.clearFaults(),
				poll,
				idOf: (json) => String(json.id),
			});
			expect(report).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
			expect(report.created).toBeGreaterThan(500);
			expect(report.failedPolls).toBeGreaterThan(0);
		} finally {
			await sandbox.stop();
		}
	});
});
