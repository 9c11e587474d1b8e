import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from '../../dev/harness';
import { GURUSUP_ROUTES, type GuruSupSandbox } from '../../dev/sandboxes/gurusup';
import { sandboxPerTest } from '../kit';
import { MINUTE, useClock } from '../support/clock';
import { pollSession } from '../support/poll-session';
import { credentialsFor, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.guruSupTrigger';

describe('GuruSup Trigger: Customer Waiting for a Reply', () => {
	let sandbox: GuruSupSandbox;
	let session: ReturnType<typeof pollSession>;
	const clock = useClock();

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		session = pollSession(TRIGGER, { event: 'customerWaiting', waitingMinutes: 30 }, () =>
			credentialsFor(sandbox),
		);
	});

	const poll = async (parameters: IDataObject = {}) => {
		const result = await session.poll(parameters);
		expect(result.error).toBeUndefined();
		return result;
	};
	const emitted = (result: PollResult) =>
		result.items.map((item) => [
			String(item.json.external_id),
			(item.json.waiting as IDataObject).level,
		]);

	it('once per episode, from the messages: a follow-up is the same episode, a reply then a new message a new one', async () => {
		await poll();
		const ticket = sandbox.addTicket({ external_id: 'W-1' });
		const since = ticket.messages[0].received_at;
		clock.advance(29 * MINUTE);
		expect((await poll()).items).toEqual([]);
		clock.advance(2 * MINUTE);
		const first = await poll();
		expect(emitted(first)).toEqual([['W-1', 1]]);
		expect(first.items[0].json.waiting).toEqual({
			since,
			minutes: 30,
			level: 1,
			thresholdMinutes: 30,
		});
		sandbox.addMessage('W-1', { is_agent: false });
		clock.advance(45 * MINUTE);
		expect((await poll()).items).toEqual([]);
		sandbox.addMessage('W-1', { is_agent: true });
		clock.advance(MINUTE);
		expect((await poll()).items).toEqual([]);
		sandbox.addMessage('W-1', { is_agent: false });
		clock.advance(31 * MINUTE);
		expect(emitted(await poll())).toEqual([['W-1', 1]]);
		clock.advance(31 * MINUTE);
		expect((await poll()).items).toEqual([]);
	});

	it('second level, only unassigned, no flood at activation, and the cost of a poll: the listing once', async () => {
		const parameters = { secondLevelMinutes: 60, onlyUnassigned: true };
		sandbox.addTicket({ external_id: 'OLD' });
		clock.advance(40 * MINUTE);
		await poll(parameters);
		sandbox.addTicket({ external_id: 'FREE' });
		sandbox.addTicket({
			external_id: 'TAKEN',
			agent_id: 'agent-1',
			agent_name: 'Ana',
			agent: 'ana@example.com',
		});
		clock.advance(31 * MINUTE);
		sandbox.clearLog();
		expect(emitted(await poll(parameters))).toEqual([['FREE', 1]]);
		expect(sandbox.requests.map((request) => request.route)).toEqual([GURUSUP_ROUTES.listTickets]);
		clock.advance(30 * MINUTE);
		// OLD was already waiting past the threshold at activation: not in this episode, at no level.
		expect(emitted(await poll(parameters))).toEqual([['FREE', 2]]);
		clock.advance(30 * MINUTE);
		expect((await poll(parameters)).items).toEqual([]);
	});

	it('a lowered threshold emits what is now over it once; a raised one emits nothing again; Simplify', async () => {
		await poll();
		sandbox.addTicket({ external_id: 'A' });
		clock.advance(21 * MINUTE);
		expect((await poll()).items).toEqual([]);
		const lowered = await poll({ waitingMinutes: 15, simplify: true });
		expect(lowered.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				provider: 'gurusup',
				externalId: 'A',
				waiting: expect.objectContaining({ minutes: 20, level: 1, thresholdMinutes: 15 }),
			}),
		]);
		expect((await poll({ waitingMinutes: 15 })).items).toEqual([]);
		clock.advance(20 * MINUTE);
		expect((await poll({ waitingMinutes: 30 })).items).toEqual([]);
	});

	it('manual mode shows a waiting ticket and keeps no state', async () => {
		await poll();
		sandbox.addTicket({ external_id: 'M' });
		clock.advance(31 * MINUTE);
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		const manual = await session.poll({}, 'manual');
		expect(manual.items.map((item) => item.json.external_id)).toEqual(['M']);
		expect(session.state).toEqual(before);
		expect(emitted(await poll())).toEqual([['M', 1]]);
	});
});
