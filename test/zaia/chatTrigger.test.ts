import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from '../../dev/harness';
import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { sandboxPerTest } from '../kit';
import { pollSession } from '../support/poll-session';
import { seededRandom, soak } from '../support/soak';
import { credentialsFor, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.zaiaTrigger';

describe('Zaia Trigger: New Chat Message', () => {
	let sandbox: ZaiaSandbox;
	let session: ReturnType<typeof pollSession>;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		session = pollSession(TRIGGER, { event: 'newChatMessage' }, () => credentialsFor(sandbox));
	});

	const poll = async (parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
		await session.poll(parameters, mode);
	const ids = (result: PollResult) => result.items.map((item) => String(item.json.id));
	const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

	/** A chat handed over to humans: a pending ticket and one customer message. */
	function handedOver(minutesAgo = 30) {
		const chat = sandbox.addChat({ ownerName: 'Ana Silva' });
		const ticket = sandbox.addTicket({ chatId: chat.id, status: 'pending' });
		sandbox.addChatMessage({ chatId: chat.id, createdAt: ago(minutesAgo) });
		return { chat, ticket };
	}

	it('starts at the newest message, then emits new customer messages of chats with open tickets once', async () => {
		const { chat, ticket } = handedOver();
		const closed = sandbox.addChat();
		sandbox.addTicket({ chatId: closed.id, status: 'completed' });
		const first = await poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([]);
		expect(session.state.watermark).toBeGreaterThan(0);

		const question = sandbox.addChatMessage({
			chatId: chat.id,
			content: 'Any news?',
			createdAt: ago(0.5),
		});
		sandbox.addChatMessage({ chatId: chat.id, role: 'assistant', createdAt: ago(0.4) });
		sandbox.addChatMessage({ chatId: closed.id, createdAt: ago(0.3) });
		sandbox.clearLog();
		const second = await poll();
		expect(second.error).toBeUndefined();
		expect(second.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				id: question.id,
				role: 'user',
				fromCustomer: true,
				senderName: 'Ana Silva',
				text: 'Any news?',
				ticketId: ticket.id,
				customerName: 'Ana Silva',
			}),
		]);
		// one message read per watched chat with activity: the closed ticket's chat is not read
		const messageReads = sandbox.requests.filter(
			(request) => request.path === '/api/v1/chat-messages',
		);
		expect(messageReads.map((request) => request.query.chatId)).toEqual([chat.id]);
		expect(messageReads[0].query).toMatchObject({ joins: 'senders', 'pagination[limit]': '1000' });

		expect((await poll()).items).toEqual([]);
	});

	it('reads only the tickets of the chats with activity, not the whole open ticket list', async () => {
		const { chat } = handedOver();
		// open tickets of quiet chats: the workspace's open list is larger than what is at hand
		for (let n = 0; n < 3; n++) handedOver(3 * 24 * 60);
		await poll();
		const question = sandbox.addChatMessage({ chatId: chat.id, createdAt: ago(0.5) });
		sandbox.clearLog();
		const result = await poll();
		expect(result.items.map((item) => item.json.id)).toEqual([question.id]);
		const ticketReads = sandbox.requests.filter(
			(request) => request.path === '/api/v1/tickets/details',
		);
		expect(ticketReads.map((request) => request.query.status)).toEqual(['pending', 'ongoing']);
		for (const request of ticketReads) {
			expect([request.query.chatIds].flat()).toEqual([chat.id]);
		}
	});

	it('asks Zaia only for chats active since the watermark less the grace window', async () => {
		handedOver();
		await poll();
		const watermark = Number(session.state.watermark);
		sandbox.clearLog();
		await poll();
		const chatList = sandbox.requests.find((request) => request.path === '/api/v1/chats');
		expect(chatList?.query).toEqual({
			lastChatMessageCreatedAtStart: new Date(watermark - 10 * 60_000).toISOString(),
			pageNumber: '1',
			pageSize: '100',
		});
	});

	it('All Chats with every role, raw messages; Specific Chats watches only those', async () => {
		const { chat } = handedOver();
		const other = sandbox.addChat();
		await poll({ watchChats: 'all' });
		const a = sandbox.addChatMessage({ chatId: chat.id, role: 'assistant', createdAt: ago(0.5) });
		const b = sandbox.addChatMessage({ chatId: other.id, createdAt: ago(0.4) });
		const all = await poll({
			watchChats: 'all',
			customerMessagesOnly: false,
			simplifyMessages: false,
		});
		expect(ids(all)).toEqual([a.id, b.id]);
		expect(all.items[0].json).toMatchObject({
			role: 'assistant',
			content: a.content,
			chatId: chat.id,
		});

		const c = sandbox.addChatMessage({ chatId: other.id, createdAt: ago(0.2) });
		sandbox.addChatMessage({ chatId: chat.id, createdAt: ago(0.1) });
		const specific = await poll({ watchChats: 'specific', chatIds: other.id });
		expect(ids(specific)).toEqual([c.id]);
	});

	it('a message written late (an older timestamp inside the grace window) is still emitted once', async () => {
		const { chat } = handedOver(2);
		await poll();
		const late = sandbox.addChatMessage({ chatId: chat.id, createdAt: ago(3) });
		const newer = sandbox.addChatMessage({ chatId: chat.id, createdAt: ago(0.5) });
		expect(ids(await poll())).toEqual([late.id, newer.id]);
		expect((await poll()).items).toEqual([]);
	});

	it('refuses bad chat IDs and an empty Specific Chats list before any request', async () => {
		const bad = await poll({ watchChats: 'specific', chatIds: 'chat-1' });
		expect(bad.error?.message).toContain('Invalid "Chat IDs"');
		const empty = await poll({ watchChats: 'specific', chatIds: '' });
		expect(empty.error?.message).toContain('Invalid "Chat IDs"');
		expect(sandbox.requests).toEqual([]);
	});

	it('a failed message read changes no state; the next poll emits what it missed', async () => {
		const { chat } = handedOver();
		await poll();
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		const message = sandbox.addChatMessage({ chatId: chat.id, createdAt: ago(0.5) });
		sandbox.injectFault(
			ZAIA_ROUTES.listChatMessages,
			{ kind: 'status', status: 500 },
			{ times: 10 },
		);
		const failed = await poll();
		expect(failed.error).toBeDefined();
		expect(session.state).toEqual(before);
		sandbox.clearFaults();
		expect(ids(await poll())).toEqual([message.id]);
	});

	it('manual "Fetch test event" returns the newest customer message and leaves state alone', async () => {
		const { chat } = handedOver();
		await poll();
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		const newest = sandbox.addChatMessage({ chatId: chat.id, createdAt: ago(0.5) });
		sandbox.addChatMessage({ chatId: chat.id, role: 'assistant', createdAt: ago(0.4) });
		expect(ids(await poll({}, 'manual'))).toEqual([newest.id]);
		expect(session.state).toEqual(before);
		expect(ids(await poll())).toEqual([newest.id]);
	});

	it('a quiet workspace starts at its own newest message, not at the epoch', async () => {
		const chat = sandbox.addChat();
		sandbox.addTicket({ chatId: chat.id, status: 'ongoing' });
		const old = sandbox.addChatMessage({ chatId: chat.id, createdAt: ago(3 * 24 * 60) });
		await poll();
		expect(session.state.watermark).toBe(Date.parse(String(old.createdAt)));
		expect((await poll()).items).toEqual([]);
	});
});

describe('Zaia Trigger soak: New Chat Message, 150 polls, about 20 % faults', () => {
	jest.setTimeout(240_000);

	it('emits every customer message of watched chats exactly once', async () => {
		const sandbox = await startSandbox();
		const random = seededRandom(7);
		try {
			const chats = Array.from({ length: 4 }, () => {
				const chat = sandbox.addChat();
				sandbox.addTicket({ chatId: chat.id, status: 'pending' });
				return chat;
			});
			sandbox.addChatMessage({
				chatId: chats[0].id,
				createdAt: new Date(Date.now() - 60_000).toISOString(),
			});
			const session = pollSession(TRIGGER, { event: 'newChatMessage' }, () =>
				credentialsFor(sandbox),
			);
			const poll = async () => await session.poll();
			await poll();
			const report = await soak({
				label: 'Zaia chat messages',
				rounds: 150,
				random,
				// messages in several chats at once, some at equal times, some a little late
				arrive: () => {
					const count = Math.floor(random() * 4);
					const time = Date.now() - Math.floor(random() * 5_000);
					return Array.from({ length: count }, () => {
						const chat = chats[Math.floor(random() * chats.length)];
						sandbox.addChatMessage({
							chatId: chat.id,
							role: 'assistant',
							createdAt: new Date(time).toISOString(),
						});
						return sandbox.addChatMessage({
							chatId: chat.id,
							createdAt: new Date(time).toISOString(),
						}).id;
					});
				},
				injectFault: (fault, times) => {
					const route = random() < 0.5 ? ZAIA_ROUTES.listChatMessages : ZAIA_ROUTES.listChats;
					sandbox.injectFault(route, fault, { times });
				},
				clearFaults: () => sandbox.clearFaults(),
				poll,
				idOf: (json) => String(json.id),
			});
			expect(report).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
			expect(report.created).toBeGreaterThan(150);
			expect(report.failedPolls).toBeGreaterThan(0);
		} finally {
			await sandbox.stop();
		}
	});
});
