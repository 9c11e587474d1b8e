import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from '../../dev/harness';
import type { Fault } from '../../dev/sandboxes/faults';
import { GURUSUP_ROUTES, type GuruSupSandbox } from '../../dev/sandboxes/gurusup';
import { pollSession } from '../support/poll-session';
import { seededRandom, soak } from '../support/soak';
import { sandboxPerTest } from '../kit';
import { credentialsFor, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.guruSupTrigger';

describe('GuruSup Trigger', () => {
	let sandbox: GuruSupSandbox;
	let session: ReturnType<typeof pollSession>;

	const adopt = sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		session = pollSession(TRIGGER, { event: 'newTicket' }, () => credentialsFor(sandbox));
	});

	const poll = async (parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
		await session.poll(parameters, mode);
	const ids = (result: PollResult) => result.items.map((item) => String(item.json.external_id));
	const at = (iso: string) => new Date(iso).toISOString();

	it('first poll emits nothing; new tickets once, oldest first; repeats emit nothing', async () => {
		sandbox.seedDemo();
		expect((await poll()).items).toEqual([]);
		sandbox.addTicket({ external_id: 'N2', created_at: at('2030-01-01T10:02:00Z') });
		sandbox.addTicket({ external_id: 'N1', created_at: at('2030-01-01T10:01:00Z') });
		expect(ids(await poll())).toEqual(['N1', 'N2']);
		expect((await poll()).items).toEqual([]);
		expect(sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
	});

	it('equal timestamps across polls, and a late ticket inside the grace window', async () => {
		sandbox.addTicket({ external_id: 'OLD', created_at: at('2030-01-01T10:00:00Z') });
		await poll();
		const same = at('2030-01-01T11:00:00Z');
		sandbox.addTicket({ external_id: 'S1', created_at: same });
		expect(ids(await poll())).toEqual(['S1']);
		sandbox.addTicket({ external_id: 'S2', created_at: same });
		// shows up late with an earlier time, still within the grace window
		sandbox.addTicket({ external_id: 'LATE', created_at: at('2030-01-01T10:58:00Z') });
		expect(ids(await poll())).toEqual(['LATE', 'S2']);
		expect((await poll()).items).toEqual([]);
	});

	/** A ticket pushed from another system: its conversation began `agoMs` before now. */
	const importTicket = (externalId: string, agoMs: number, withCreatedAt: boolean) => {
		const began = Date.now() - agoMs;
		const ticket = sandbox.addTicket({
			external_id: externalId,
			messages: [
				{ body: 'first', received_at: new Date(began).toISOString() },
				{ body: 'later', received_at: new Date(began + 1_000).toISOString() },
			],
		});
		if (!withCreatedAt) ticket.created_at = null as unknown as string;
		else ticket.created_at = new Date(began).toISOString();
		return ticket;
	};
	const MINUTE = 60_000;
	const DAY = 24 * 60 * MINUTE;

	it.each([
		['with created_at', true],
		['timed by messages only', false],
	])(
		'tickets imported with earlier messages (%s) are new, whatever their dates: minutes, a day, a year back',
		async (_name, withCreatedAt) => {
			sandbox.addTicket({ external_id: 'NOW0' });
			await poll();
			sandbox.addTicket({ external_id: 'NOW1' });
			expect(ids(await poll())).toEqual(['NOW1']);
			importTicket('IMP30M', 30 * MINUTE, withCreatedAt);
			importTicket('IMP1D', DAY, withCreatedAt);
			importTicket('IMP1Y', 365 * DAY, withCreatedAt);
			// Emitted once, oldest conversation first.
			expect(ids(await poll())).toEqual(['IMP1Y', 'IMP1D', 'IMP30M']);
			expect((await poll()).items).toEqual([]);
			importTicket('IMP5Y', 5 * 365 * DAY, withCreatedAt);
			expect(ids(await poll())).toEqual(['IMP5Y']);
			expect((await poll()).items).toEqual([]);
		},
	);

	it('tickets that existed at activation stay old whatever their dates; a ticket missing from one answer is not new when it comes back', async () => {
		importTicket('OLD-YEAR', 365 * DAY, true);
		importTicket('OLD-NOW', 0, true);
		expect((await poll()).items).toEqual([]);
		const hidden = sandbox.tickets.get('OLD-YEAR')!;
		sandbox.tickets.delete('OLD-YEAR');
		sandbox.addTicket({ external_id: 'NEW1' });
		expect(ids(await poll())).toEqual(['NEW1']);
		sandbox.tickets.set('OLD-YEAR', hidden);
		expect((await poll()).items).toEqual([]);
		// The memory is saved compactly, not as a list of ids.
		expect(session.state.seenIds).toMatch(/^r1:3:\d+:[\w-]{1,30}$/);
		expect(session.state.recent).toEqual([]);
	});

	it('state saved before the id memory: one poll by the earlier rule, then every listed id is remembered', async () => {
		importTicket('BEFORE', 2 * DAY, true);
		const watermark = Date.now() - MINUTE;
		session.state = { watermark, seenAtWatermark: [], recent: [] };
		sandbox.addTicket({ external_id: 'AFTER' });
		expect(ids(await poll())).toEqual(['AFTER']);
		expect(typeof session.state.seenIds).toBe('string');
		importTicket('IMPORTED', 2 * DAY, true);
		expect(ids(await poll())).toEqual(['IMPORTED']);
		expect((await poll()).items).toEqual([]);
	});

	it('Start From (Hours Ago): tickets of that window emitted at once, older ones never', async () => {
		importTicket('OLDER', 3 * 60 * MINUTE, true);
		importTicket('WITHIN', 30 * MINUTE, true);
		expect(ids(await poll({ options: { backfillHours: 2 } }))).toEqual(['WITHIN']);
		importTicket('LATER-IMPORT', 365 * DAY, true);
		expect(ids(await poll({ options: { backfillHours: 2 } }))).toEqual(['LATER-IMPORT']);
		expect((await poll({ options: { backfillHours: 2 } })).items).toEqual([]);
	});

	it('tickets without created_at are timed by their first message', async () => {
		sandbox.addTicket({ external_id: 'A0', created_at: at('2030-01-01T09:00:00Z') });
		await poll();
		const ticket = sandbox.addTicket({
			external_id: 'M1',
			messages: [{ body: 'hi', received_at: '2030-01-01T10:00:00Z' }],
		});
		ticket.created_at = null as unknown as string;
		sandbox.tickets.get('M1')!.created_at = null as unknown as string;
		expect(ids(await poll())).toEqual(['M1']);
	});

	it.each<[string, Fault]>([
		['503', { kind: 'status', status: 503 }],
		['malformed JSON', { kind: 'malformed' }],
	])('a failed poll (%s) changes nothing; the next one emits everything', async (_name, fault) => {
		sandbox.addTicket({ external_id: 'A0', created_at: at('2030-01-01T09:00:00Z') });
		await poll();
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		sandbox.addTicket({ external_id: 'B1', created_at: at('2030-01-01T10:00:00Z') });
		sandbox.injectFault(GURUSUP_ROUTES.listTickets, fault, { times: 5 });
		const failed = await poll();
		expect(failed.error).toBeDefined();
		expect(session.state).toEqual(before);
		sandbox.clearFaults();
		expect(ids(await poll())).toEqual(['B1']);
	});

	it('paged listings are walked whole', async () => {
		await sandbox.stop();
		sandbox = adopt(await startSandbox({ pagination: 'page' }));
		sandbox.addTicket({ external_id: 'A0', created_at: at('2030-01-01T09:00:00Z') });
		await poll();
		for (let i = 0; i < 45; i++)
			sandbox.addTicket({
				external_id: `P${i}`,
				created_at: new Date(Date.parse('2030-01-02T00:00:00Z') + i * 1000).toISOString(),
			});
		expect(ids(await poll())).toEqual(Array.from({ length: 45 }, (_, i) => `P${i}`));
	});

	it('manual mode returns the newest ticket and leaves session.state alone; agent filter; Simplify', async () => {
		sandbox.addTicket({ external_id: 'A0', created_at: at('2030-01-01T09:00:00Z') });
		await poll({ filters: { agentIds: 'ag1' }, simplify: true });
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		sandbox.addTicket({
			external_id: 'X1',
			agent_id: 'ag2',
			created_at: at('2030-01-01T10:00:00Z'),
		});
		sandbox.addTicket({
			external_id: 'X2',
			agent_id: 'ag1',
			created_at: at('2030-01-01T10:01:00Z'),
		});
		const manual = await poll({}, 'manual');
		expect(ids(manual)).toEqual(['X2']);
		expect(session.state).toEqual(before);
		const result = await poll({ filters: { agentIds: 'ag1' }, simplify: true });
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ provider: 'gurusup', externalId: 'X2' }),
		]);
	});
});

describe('GuruSup Trigger soak: 300 polls, about 20 % faults, tickets arriving all along', () => {
	jest.setTimeout(240_000);

	it('emits every ticket exactly once', async () => {
		const sandbox = await startSandbox();
		const random = seededRandom(7);
		let clock = Date.parse('2030-02-01T00:00:00Z');
		try {
			const session = pollSession(TRIGGER, { event: 'newTicket' }, () => credentialsFor(sandbox));
			const poll = async () => await session.poll();
			sandbox.addTicket({ external_id: 'seed0', created_at: '2030-01-01T00:00:00.000Z' });
			await poll();
			const report = await soak({
				label: 'GuruSup',
				rounds: 300,
				random,
				arrive: (round) => {
					const sameTime = random() < 0.3;
					return Array.from({ length: Math.floor(random() * 4) }, (_, i) => {
						if (!sameTime) clock += 1 + Math.floor(random() * 5000);
						// now and then a ticket shows up late, with an earlier time, or is imported
						// with a conversation that began minutes, a day or a year ago
						const late = [0, 0, 0, 0, 0, 0, 60_000, 30 * 60_000, 86_400_000, 365 * 86_400_000][
							Math.floor(random() * 10)
						];
						const id = `R${round}x${i}`;
						const began = new Date(clock - late).toISOString();
						sandbox.addTicket({
							external_id: id,
							created_at: began,
							messages: [{ received_at: began }],
						});
						return id;
					});
				},
				injectFault: (fault, times) =>
					sandbox.injectFault(GURUSUP_ROUTES.listTickets, fault, { times }),
				clearFaults: () => sandbox.clearFaults(),
				poll,
				idOf: (json) => String(json.external_id),
			});
			expect(report).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
			expect(report.failedPolls).toBeGreaterThan(0);
		} finally {
			await sandbox.stop();
		}
	});
});
