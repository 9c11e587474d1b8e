import type { IDataObject } from 'n8n-workflow';

import { runPoll, type PollResult } from '../harness';
import type { Fault } from '../sandbox/faults';
import { GURUSUP_ROUTES, type GurusupSandbox } from '../sandbox/gurusup';
import { credentialsFor, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.guruSupTrigger';

describe('GuruSup Trigger', () => {
	let sandbox: GurusupSandbox;
	let state: IDataObject;

	beforeEach(async () => {
		sandbox = await startSandbox();
		state = {};
	});
	afterEach(async () => {
		await sandbox.stop();
	});

	const poll = async (
		parameters: IDataObject = {},
		mode: 'trigger' | 'manual' = 'trigger',
	): Promise<PollResult> => {
		const result = await runPoll({
			nodeType: TRIGGER,
			parameters: { event: 'newTicket', ...parameters },
			credentials: credentialsFor(sandbox),
			staticData: state,
			mode,
		});
		state = result.staticData;
		return result;
	};
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
		const before = JSON.parse(JSON.stringify(state)) as IDataObject;
		sandbox.addTicket({ external_id: 'B1', created_at: at('2030-01-01T10:00:00Z') });
		sandbox.injectFault(GURUSUP_ROUTES.listTickets, fault, { times: 5 });
		const failed = await poll();
		expect(failed.error).toBeDefined();
		expect(state).toEqual(before);
		sandbox.clearFaults();
		expect(ids(await poll())).toEqual(['B1']);
	});

	it('paged listings are walked whole', async () => {
		await sandbox.stop();
		sandbox = await startSandbox({ pagination: 'page' });
		sandbox.addTicket({ external_id: 'A0', created_at: at('2030-01-01T09:00:00Z') });
		await poll();
		for (let i = 0; i < 45; i++)
			sandbox.addTicket({
				external_id: `P${i}`,
				created_at: new Date(Date.parse('2030-01-02T00:00:00Z') + i * 1000).toISOString(),
			});
		expect(ids(await poll())).toEqual(Array.from({ length: 45 }, (_, i) => `P${i}`));
	});

	it('manual mode returns the newest ticket and leaves state alone; agent filter; Simplify', async () => {
		sandbox.addTicket({ external_id: 'A0', created_at: at('2030-01-01T09:00:00Z') });
		await poll({ filters: { agentIds: 'ag1' }, simplify: true });
		const before = JSON.parse(JSON.stringify(state)) as IDataObject;
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
		expect(state).toEqual(before);
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
		let state: IDataObject = {};
		let seed = 7;
		const random = () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		try {
			const poll = async () => {
				const result = await runPoll({
					nodeType: TRIGGER,
					parameters: { event: 'newTicket' },
					credentials: credentialsFor(sandbox),
					staticData: state,
				});
				state = result.staticData;
				return result;
			};
			sandbox.addTicket({ external_id: 'seed0', created_at: '2030-01-01T00:00:00.000Z' });
			await poll();
			let clock = Date.parse('2030-02-01T00:00:00Z');
			const created: string[] = [];
			const emitted = new Map<string, number>();
			let failed = 0;
			for (let round = 0; round < 300; round++) {
				const arriving = Math.floor(random() * 4);
				const sameTime = random() < 0.3;
				for (let i = 0; i < arriving; i++) {
					if (!sameTime) clock += 1 + Math.floor(random() * 5000);
					const id = `R${round}x${i}`;
					// now and then a ticket shows up a little late, with an earlier time
					const late = random() < 0.1 ? 60_000 : 0;
					sandbox.addTicket({ external_id: id, created_at: new Date(clock - late).toISOString() });
					created.push(id);
				}
				if (random() < 0.2) {
					const kinds: Fault[] = [
						{ kind: 'status', status: 429, headers: { 'retry-after': '0' } },
						{ kind: 'status', status: 500 },
						{ kind: 'drop' },
						{ kind: 'malformed' },
					];
					sandbox.injectFault(
						GURUSUP_ROUTES.listTickets,
						kinds[Math.floor(random() * kinds.length)],
						{
							times: random() < 0.15 ? 5 : 1,
						},
					);
				}
				const result = await poll();
				if (result.error) failed++;
				for (const item of result.items) {
					const id = String(item.json.external_id);
					emitted.set(id, (emitted.get(id) ?? 0) + 1);
				}
				sandbox.clearFaults();
			}
			for (const item of (await poll()).items) {
				const id = String(item.json.external_id);
				emitted.set(id, (emitted.get(id) ?? 0) + 1);
			}
			const lost = created.filter((id) => !emitted.has(id)).length;
			const duplicated = [...emitted.values()].filter((count) => count > 1).length;
			// eslint-disable-next-line no-console -- the soak's figures are its report
			console.log(
				`GuruSup soak: ${created.length} created, ${emitted.size} emitted, ${lost} lost, ${duplicated} duplicated, ${failed} failed polls`,
			);
			expect({ lost, duplicated, extra: emitted.size - created.length }).toEqual({
				lost: 0,
				duplicated: 0,
				extra: 0,
			});
		} finally {
			await sandbox.stop();
		}
	});
});
