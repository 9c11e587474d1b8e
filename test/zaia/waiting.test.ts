import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from '../../dev/harness';
import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { sandboxPerTest } from '../kit';
import { MINUTE, useClock } from '../support/clock';
import { pollSession } from '../support/poll-session';
import { credentialsFor, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.zaiaTrigger';

describe('Zaia Trigger: Customer Waiting for a Reply', () => {
	let sandbox: ZaiaSandbox;
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
		result.items.map((item) => [String(item.json.id), (item.json.waiting as IDataObject).level]);
	/** A handed-over chat: its ticket (pending unless said otherwise). */
	const handedOver = (ticket: IDataObject = {}) => {
		const chat = sandbox.addChat();
		return { chat, ticket: sandbox.addTicket({ chatId: chat.id, status: 'pending', ...ticket }) };
	};
	const write = (chatId: string, role: 'user' | 'assistant' | 'agent') =>
		sandbox.addChatMessage({ chatId, role, createdAt: sandbox.state.now() });

	it('once per episode from the chat: a follow-up is the same episode, a reply then a new message a new one', async () => {
		await poll();
		const { chat, ticket } = handedOver();
		const first = write(chat.id, 'user');
		clock.advance(29 * MINUTE);
		expect((await poll()).items).toEqual([]);
		clock.advance(2 * MINUTE);
		const result = await poll();
		expect(emitted(result)).toEqual([[ticket.id, 1]]);
		expect(result.items[0].json.waiting).toEqual({
			since: first.createdAt,
			minutes: 30,
			level: 1,
			thresholdMinutes: 30,
		});
		write(chat.id, 'user');
		clock.advance(40 * MINUTE);
		expect((await poll()).items).toEqual([]);
		write(chat.id, 'agent');
		clock.advance(MINUTE);
		write(chat.id, 'user');
		clock.advance(31 * MINUTE);
		expect(emitted(await poll())).toEqual([[ticket.id, 1]]);
		clock.advance(40 * MINUTE);
		expect((await poll()).items).toEqual([]);
	});

	it('the AI agent or a human answering in time: nothing; a chat without a ticket: nothing', async () => {
		await poll();
		const ai = handedOver();
		const human = handedOver();
		const noTicket = sandbox.addChat();
		for (const chatId of [ai.chat.id, human.chat.id, noTicket.id]) write(chatId, 'user');
		clock.advance(5 * MINUTE);
		write(ai.chat.id, 'assistant');
		write(human.chat.id, 'agent');
		clock.advance(40 * MINUTE);
		expect((await poll()).items).toEqual([]);
	});

	it('second level; only open; only tickets not taken over; cost: one chats window per level, tickets per status', async () => {
		const parameters = { secondLevelMinutes: 90, onlyUnassigned: true };
		await poll(parameters);
		const pending = handedOver();
		const completed = handedOver({ status: 'completed' });
		const taken = handedOver({ status: 'ongoing', ongoingAt: new Date().toISOString() });
		for (const { chat } of [pending, completed, taken]) write(chat.id, 'user');
		clock.advance(31 * MINUTE);
		sandbox.clearLog();
		expect(emitted(await poll(parameters))).toEqual([[pending.ticket.id, 1]]);
		expect(sandbox.requests.map((request) => request.route)).toEqual([
			ZAIA_ROUTES.listChats,
			ZAIA_ROUTES.listTickets,
			ZAIA_ROUTES.listTickets,
		]);
		clock.advance(60 * MINUTE);
		sandbox.clearLog();
		expect(emitted(await poll(parameters))).toEqual([[pending.ticket.id, 2]]);
		clock.advance(30 * MINUTE);
		sandbox.clearLog();
		expect((await poll(parameters)).items).toEqual([]);
		expect(sandbox.requests.map((request) => request.route)).toEqual([
			ZAIA_ROUTES.listChats,
			ZAIA_ROUTES.listChats,
		]);
	});
});
