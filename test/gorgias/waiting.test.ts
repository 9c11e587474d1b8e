import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from '../../dev/harness';
import { GORGIAS_ROUTES, type GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { sandboxPerTest } from '../kit';
import { pollSession } from '../support/poll-session';
import { MINUTE, useClock } from '../support/clock';
import { apiKeyCredentials, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.gorgiasTrigger';

describe('Gorgias Trigger: Customer Waiting for a Reply', () => {
	let sandbox: GorgiasSandbox;
	let session: ReturnType<typeof pollSession>;
	const clock = useClock();

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		session = pollSession(
			TRIGGER,
			{ authentication: 'apiKey', event: 'customerWaiting', waitingMinutes: 30 },
			() => apiKeyCredentials(sandbox),
		);
	});

	/** A message as Gorgias records one: the message, and its ticket-message-created event. */
	const write = (ticketId: number, fromAgent: boolean, channel?: string) => {
		const message = sandbox.state.addMessage(ticketId, {
			from_agent: fromAgent,
			created_datetime: sandbox.state.now(),
			...(channel ? { channel, public: false } : {}),
		});
		sandbox.state.recordEvent(
			'ticket-message-created',
			{ type: 'TicketMessage', id: message.id },
			{ ticket_id: ticketId },
		);
		return message;
	};
	const poll = async (parameters: IDataObject = {}) => {
		const result = await session.poll(parameters);
		expect(result.error).toBeUndefined();
		return result;
	};
	const emitted = (result: PollResult) =>
		result.items.map((item) => [Number(item.json.id), (item.json.waiting as IDataObject).level]);

	it('emits a ticket once when the customer waited past the threshold, again only after a reply and a new wait', async () => {
		await poll();
		const ticket = sandbox.addTicket();
		write(ticket.id, false);
		const customerAt = Date.now();
		clock.advance(29 * MINUTE);
		expect((await poll()).items).toEqual([]);
		clock.advance(2 * MINUTE);
		const first = await poll();
		expect(emitted(first)).toEqual([[ticket.id, 1]]);
		expect(first.items[0].json.waiting).toEqual({
			since: new Date(customerAt).toISOString(),
			minutes: 31,
			level: 1,
			thresholdMinutes: 30,
		});
		clock.advance(10 * MINUTE);
		expect((await poll()).items).toEqual([]);
		// A follow-up without a reply: the same episode.
		write(ticket.id, false);
		clock.advance(40 * MINUTE);
		expect((await poll()).items).toEqual([]);
		// An agent replies, the customer writes again: a new episode.
		write(ticket.id, true);
		clock.advance(MINUTE);
		write(ticket.id, false);
		clock.advance(31 * MINUTE);
		expect(emitted(await poll())).toEqual([[ticket.id, 1]]);
		clock.advance(60 * MINUTE);
		expect((await poll()).items).toEqual([]);
	});

	it('an agent reply before the threshold: nothing; an internal note counts as a reply (ticket fields cannot tell)', async () => {
		await poll();
		const answered = sandbox.addTicket();
		const noted = sandbox.addTicket();
		write(answered.id, false);
		write(noted.id, false);
		clock.advance(10 * MINUTE);
		write(answered.id, true);
		write(noted.id, true, 'internal-note');
		clock.advance(60 * MINUTE);
		expect((await poll()).items).toEqual([]);
	});

	it('second level: level 1 at the first threshold, level 2 once at the second', async () => {
		const parameters = { secondLevelMinutes: 120 };
		await poll(parameters);
		const ticket = sandbox.addTicket();
		write(ticket.id, false);
		clock.advance(31 * MINUTE);
		expect(emitted(await poll(parameters))).toEqual([[ticket.id, 1]]);
		clock.advance(60 * MINUTE);
		expect((await poll(parameters)).items).toEqual([]);
		clock.advance(30 * MINUTE);
		const second = await poll(parameters);
		expect(emitted(second)).toEqual([[ticket.id, 2]]);
		expect(second.items[0].json.waiting).toMatchObject({
			level: 2,
			minutes: 121,
			thresholdMinutes: 120,
		});
		clock.advance(60 * MINUTE);
		expect((await poll(parameters)).items).toEqual([]);
	});

	it('a ticket already waiting at activation is not emitted (no flood); backfill asks for it', async () => {
		const old = sandbox.addTicket();
		write(old.id, false);
		clock.advance(45 * MINUTE);
		await poll();
		clock.advance(MINUTE);
		expect((await poll()).items).toEqual([]);

		const backfilled = pollSession(
			TRIGGER,
			{
				authentication: 'apiKey',
				event: 'customerWaiting',
				waitingMinutes: 30,
				options: { backfillHours: 1 },
			},
			() => apiKeyCredentials(sandbox),
		);
		expect((await backfilled.poll()).items.map((item) => item.json.id)).toEqual([old.id]);
	});

	it('a lowered threshold emits what is now over it once; a raised one does not emit again', async () => {
		await poll();
		const a = sandbox.addTicket();
		write(a.id, false);
		clock.advance(20 * MINUTE);
		const b = sandbox.addTicket();
		write(b.id, false);
		clock.advance(5 * MINUTE);
		expect((await poll()).items).toEqual([]);
		// 25 and 5 minutes waited: lowered to 15, a is over it.
		expect(emitted(await poll({ waitingMinutes: 15 }))).toEqual([[a.id, 1]]);
		expect(await poll({ waitingMinutes: 15 })).toMatchObject({ items: [] });
		clock.advance(11 * MINUTE);
		expect(emitted(await poll({ waitingMinutes: 15 }))).toEqual([[b.id, 1]]);
		// Raised to 30: nothing again, neither now nor when they pass 30.
		clock.advance(30 * MINUTE);
		expect((await poll()).items).toEqual([]);
	});

	it('only open and only unassigned tickets', async () => {
		const user = sandbox.addUser();
		const parameters = { onlyUnassigned: true };
		await poll(parameters);
		const open = sandbox.addTicket();
		const closed = sandbox.addTicket({ status: 'closed' });
		const assigned = sandbox.addTicket({ assignee_user_id: user.id });
		for (const ticket of [open, closed, assigned]) write(ticket.id, false);
		clock.advance(31 * MINUTE);
		expect(emitted(await poll(parameters))).toEqual([[open.id, 1]]);
	});

	it('an idle poll costs one request per level; 50 newly waiting cost one ticket batch more', async () => {
		const second = { secondLevelMinutes: 120 };
		await poll(second);
		clock.advance(121 * MINUTE);
		sandbox.clearLog();
		expect((await poll(second)).items).toEqual([]);
		expect(sandbox.requests.map((request) => request.route)).toEqual([
			GORGIAS_ROUTES.listEvents,
			GORGIAS_ROUTES.listEvents,
		]);
		const tickets = Array.from({ length: 50 }, () => sandbox.addTicket());
		for (const ticket of tickets) write(ticket.id, false);
		clock.advance(31 * MINUTE);
		sandbox.clearLog();
		const result = await poll(second);
		expect(result.items.map((item) => item.json.id)).toEqual(tickets.map((ticket) => ticket.id));
		expect(sandbox.requests.map((request) => request.route)).toEqual([
			GORGIAS_ROUTES.listEvents,
			GORGIAS_ROUTES.listEvents,
			GORGIAS_ROUTES.listTickets,
		]);
		expect(sandbox.requests[0].query).toMatchObject({
			types: 'ticket-message-created',
			order_by: 'created_datetime:asc',
		});
		clock.advance(MINUTE);
		sandbox.clearLog();
		expect((await poll()).items).toEqual([]);
		expect(sandbox.requests.map((request) => request.route)).toEqual([GORGIAS_ROUTES.listEvents]);
	});

	it.each([
		['0', 0],
		['a word', 'soon'],
		['a second level below the first', -1],
	])(
		'a bad threshold (%s) fails with the parameter named, before any request',
		async (_name, value) => {
			sandbox.clearLog();
			const parameters =
				value === -1 ? { waitingMinutes: 30, secondLevelMinutes: 20 } : { waitingMinutes: value };
			const result = await session.poll(parameters);
			expect(result.error?.message).toMatch(
				value === -1 ? /Second Level After \(Minutes\)/ : /Waiting Longer Than \(Minutes\)/,
			);
			expect(sandbox.requests).toHaveLength(0);
		},
	);
});
