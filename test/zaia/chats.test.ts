import { startZaiaSandbox, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { expectRefusedBeforeSending, jsonOf, rl, sandboxPerTest, sent } from '../kit';
import { CANARY, runZaia, startSandbox } from './setup';

const at = (minute: number) => new Date(Date.parse('2026-03-01T10:00:00Z') + minute * 60_000);
const iso = (minute: number) => at(minute).toISOString();

describe('Zaia node: chats and chat messages', () => {
	let sandbox: ZaiaSandbox;
	const adopt = sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	/** A chat of a ticket, with a customer question, the AI's answer and a human's reply. */
	function conversation(target: ZaiaSandbox = sandbox) {
		const chat = target.addChat({ ownerName: 'Ana Silva', channelType: 'whatsapp' });
		const ticket = target.addTicket({ chatId: chat.id, status: 'pending' });
		const question = target.addChatMessage({
			chatId: chat.id,
			role: 'user',
			content: 'Where is my refund?',
			createdAt: iso(1),
		});
		const answer = target.addChatMessage({
			chatId: chat.id,
			role: 'assistant',
			content: 'Let me hand you to a person.',
			createdAt: iso(2),
		});
		const human = target.addChatMessage({
			chatId: chat.id,
			role: 'agent',
			content: 'Hi Ana, checking now.',
			createdAt: iso(3),
			ticketId: ticket.id,
		});
		return { chat, ticket, messages: [question, answer, human] };
	}

	it('Chat Message → Get Many by ticket resolves the chat, joins senders and simplifies, oldest first', async () => {
		const { chat, ticket, messages } = conversation();
		const result = await runZaia(sandbox, {
			parameters: {
				resource: 'chatMessage',
				operation: 'getMany',
				source: 'ticket',
				ticketId: rl(ticket.id, 'list'),
				returnAll: true,
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			`GET /api/v1/tickets/${ticket.id}/details`,
			'GET /api/v1/chat-messages',
		]);
		expect(sandbox.requests[1].query).toEqual({
			chatId: chat.id,
			joins: 'senders',
			'pagination[limit]': '1000',
		});
		expect(sandbox.requests[1].headers.authorization).toBe(CANARY);
		expect(jsonOf(result)).toEqual([
			{
				id: messages[0].id,
				chatId: chat.id,
				threadId: null,
				role: 'user',
				fromCustomer: true,
				senderId: chat.ownerId,
				senderName: 'Ana Silva',
				text: 'Where is my refund?',
				createdAt: iso(1),
			},
			expect.objectContaining({
				role: 'assistant',
				fromCustomer: false,
				text: messages[1].content,
			}),
			expect.objectContaining({ role: 'agent', fromCustomer: false, senderName: null }),
		]);
	});

	it('sorts oldest first even when Zaia answers newest first (the order is undocumented)', async () => {
		const reversed = adopt(
			await startZaiaSandbox({ apiKey: CANARY, chatMessagesNewestFirst: true }),
		);
		const { chat, messages } = conversation(reversed);
		const result = await runZaia(reversed, {
			parameters: {
				resource: 'chatMessage',
				operation: 'getMany',
				source: 'chat',
				chatId: rl(chat.id),
				limit: 2,
				simplifyMessages: false,
				messageOptions: { includeSenders: false, threadId: '' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(reversed.requests[0].query).toEqual({ chatId: chat.id, 'pagination[limit]': '2' });
		expect(jsonOf(result).map((message) => message.id)).toEqual([messages[0].id, messages[1].id]);
		expect(jsonOf(result)[0]).toMatchObject({ role: 'user', content: 'Where is my refund?' });
	});

	it('thread and ticket-only options reach Zaia as chatThreadId and ticketIds; custom customer roles', async () => {
		const { chat, ticket, messages } = conversation();
		const threadId = '6a4b1f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21';
		sandbox.state.chatMessages.forEach((message) => (message.chatThreadId = threadId));
		const result = await runZaia(sandbox, {
			parameters: {
				resource: 'chatMessage',
				operation: 'getMany',
				source: 'ticket',
				ticketId: rl(ticket.id),
				limit: 10,
				messageOptions: { threadId, ticketMessagesOnly: true, customerRoles: 'agent, user' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[1].query).toEqual({
			chatId: chat.id,
			chatThreadId: threadId,
			ticketIds: ticket.id,
			joins: 'senders',
			'pagination[limit]': '10',
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ id: messages[2].id, fromCustomer: true, threadId }),
		]);
	});

	it.each([
		['a limit above the 1,000 Zaia lists', { limit: 1001 }, 'Limit'],
		[
			'a thread that is no UUID',
			{ limit: 5, messageOptions: { threadId: 'main' } },
			'Options → Thread ID',
		],
		['a chat that is no UUID', { source: 'chat', chatId: rl('={{ "chat-1" }}') }, 'Chat'],
	])('refuses %s before any request', async (_label, parameters, label) => {
		const result = await runZaia(sandbox, {
			parameters: {
				resource: 'chatMessage',
				operation: 'getMany',
				source: 'ticket',
				ticketId: rl('3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f'),
				...parameters,
			},
		});
		expectRefusedBeforeSending(result, sandbox, label);
	});

	it("an unknown chat surfaces Zaia's own 404 message", async () => {
		const result = await runZaia(sandbox, {
			parameters: {
				resource: 'chatMessage',
				operation: 'getMany',
				source: 'chat',
				chatId: rl('3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f'),
			},
		});
		expect(result.error?.message).toContain('Chat not found.');
		expect(JSON.stringify(result.error)).not.toContain(CANARY);
	});

	it('Chat → Get reads the chat details (path inferred) with its last messages and ticket', async () => {
		const { chat, ticket } = conversation();
		const result = await runZaia(sandbox, {
			parameters: { resource: 'chat', operation: 'get', chatId: rl(chat.id, 'list') },
		});
		expect(sent(sandbox)).toEqual([`GET /api/v1/chats/${chat.id}/details`]);
		expect(jsonOf(result)).toEqual([sandbox.state.chatDetail(chat)]);
		expect(jsonOf(result)[0]).toMatchObject({
			lastMessageContent: 'Hi Ana, checking now.',
			lastMessageRole: 'agent',
			ticketId: ticket.id,
		});
	});

	it('Chat → Get Many sends channel, owner and last-message filters and pages to the limit', async () => {
		const whatsapp = Array.from({ length: 3 }, (_, i) => {
			const chat = sandbox.addChat({ channelType: 'whatsapp' });
			sandbox.addChatMessage({ chatId: chat.id, createdAt: iso(10 + i) });
			return chat;
		});
		const other = sandbox.addChat({ channelType: 'widget' });
		sandbox.addChatMessage({ chatId: other.id, createdAt: iso(11) });
		sandbox.addChatMessage({
			chatId: sandbox.addChat({ channelType: 'whatsapp' }).id,
			createdAt: iso(1),
		});
		const result = await runZaia(sandbox, {
			parameters: {
				resource: 'chat',
				operation: 'getMany',
				returnAll: true,
				filters: {
					channelTypes: ['whatsapp'],
					lastMessageAfter: '2026-03-01T10:05:00Z',
					lastMessageBefore: iso(30),
					ownerIds: whatsapp.map((chat) => chat.ownerId).join(','),
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].query).toEqual({
			channelTypes: 'whatsapp',
			ownerIds: whatsapp.map((chat) => chat.ownerId),
			lastChatMessageCreatedAtStart: iso(5),
			lastChatMessageCreatedAtEnd: iso(30),
			pageNumber: '1',
			pageSize: '100',
		});
		expect(
			jsonOf(result)
				.map((chat) => chat.id)
				.sort(),
		).toEqual(whatsapp.map((chat) => chat.id).sort());
	});

	it('Chat → Get Many refuses a bad time or owner before any request', async () => {
		const time = await runZaia(sandbox, {
			parameters: {
				resource: 'chat',
				operation: 'getMany',
				filters: { lastMessageAfter: 'yesterday' },
			},
		});
		expectRefusedBeforeSending(time, sandbox, 'Filters → Last Message After');
		const owner = await runZaia(sandbox, {
			parameters: { resource: 'chat', operation: 'getMany', filters: { ownerIds: 'ana' } },
		});
		expectRefusedBeforeSending(owner, sandbox, 'Filters → Owner IDs');
	});

	it('Ticket → Get with "Include Chat Messages" adds the chat messages, also beside Simplify', async () => {
		const { chat, ticket, messages } = conversation();
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'get',
				ticketId: rl(ticket.id),
				includeChatMessages: true,
				simplify: true,
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			`GET /api/v1/tickets/${ticket.id}/details`,
			'GET /api/v1/chat-messages',
		]);
		expect(sandbox.requests[1].query).toMatchObject({
			chatId: chat.id,
			'pagination[limit]': '1000',
		});
		const [output] = jsonOf(result);
		expect(output).toMatchObject({ provider: 'zaia', id: ticket.id });
		expect((output.chatMessages as Array<{ id: string }>).map((message) => message.id)).toEqual(
			messages.map((message) => message.id),
		);
	});
});

describe('Zaia node: teams and tags', () => {
	let sandbox: ZaiaSandbox;
	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	it('Ticketing Team → Get Many pages through every team; joins tools-agents on request', async () => {
		const teams = Array.from({ length: 105 }, (_, i) => sandbox.addTeam({ name: `Team ${i}` }));
		const all = await runZaia(sandbox, {
			parameters: { resource: 'ticketingTeam', operation: 'getMany', returnAll: true },
		});
		expect(jsonOf(all).map((team) => team.id)).toEqual(teams.map((team) => team.id));
		expect(sandbox.requests.map((request) => request.query.pageNumber)).toEqual(['1', '2']);
		sandbox.clearLog();
		const some = await runZaia(sandbox, {
			parameters: {
				resource: 'ticketingTeam',
				operation: 'getMany',
				limit: 3,
				includeToolsAgents: true,
			},
		});
		expect(jsonOf(some)).toHaveLength(3);
		expect(sandbox.requests[0].query).toEqual({
			joins: 'tools-agents',
			pageNumber: '1',
			pageSize: '3',
		});
	});

	it('Tag → Create posts name, description and the color as text; Get Many lists tags', async () => {
		const created = await runZaia(sandbox, {
			parameters: {
				resource: 'tag',
				operation: 'create',
				name: ' refund ',
				color: '4',
				description: '',
			},
		});
		expect(created.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({ name: 'refund', description: null, color: '4' });
		expect(jsonOf(created)[0]).toMatchObject({ name: 'refund', color: 4 });
		sandbox.clearLog();
		const listed = await runZaia(sandbox, {
			parameters: { resource: 'tag', operation: 'getMany', returnAll: true },
		});
		expect(sent(sandbox)).toEqual(['GET /api/v1/tags']);
		expect(jsonOf(listed).map((tag) => tag.name)).toEqual(['refund']);
	});

	it('Tag → Create refuses an empty name before any request', async () => {
		const result = await runZaia(sandbox, {
			parameters: { resource: 'tag', operation: 'create', name: '  ', color: '1' },
		});
		expectRefusedBeforeSending(result, sandbox, 'Name');
	});

	it('Add Tags takes tags by name; workflows saved with list and ID values keep working', async () => {
		const ticket = sandbox.addTicket();
		const urgent = sandbox.addTag({ name: 'Urgent' });
		const vip = sandbox.addTag({ name: 'vip' });
		const billing = sandbox.addTag({ name: 'billing' });
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'addTags',
				ticketId: rl(ticket.id),
				tags: {
					tag: [
						{ tagId: { __rl: true, mode: 'name', value: 'urgent' } },
						// the values saved before names existed: list and ID modes
						{ tagId: rl(vip.id, 'list') },
						{ tagId: rl(billing.id) },
					],
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			'GET /api/v1/tags',
			`POST /api/v1/tickets/${ticket.id}/tags`,
			`POST /api/v1/tickets/${ticket.id}/tags`,
			`POST /api/v1/tickets/${ticket.id}/tags`,
		]);
		expect(sandbox.ticketTagIds(ticket.id).sort()).toEqual([urgent.id, vip.id, billing.id].sort());
	});

	it('Remove Tags with only ID values sends no tag lookup; an unknown name fails naming the tag', async () => {
		const ticket = sandbox.addTicket();
		const vip = sandbox.addTag({ name: 'vip' });
		sandbox.attachTag(ticket.id, vip.id);
		const removed = await runZaia(sandbox, {
			parameters: {
				operation: 'removeTags',
				ticketId: rl(ticket.id),
				tags: { tag: [{ tagId: rl(vip.id) }] },
			},
		});
		expect(removed.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`DELETE /api/v1/tickets/${ticket.id}/tags/${vip.id}`]);
		sandbox.clearLog();
		const unknown = await runZaia(sandbox, {
			parameters: {
				operation: 'addTags',
				ticketId: rl(ticket.id),
				tags: { tag: [{ tagId: { __rl: true, mode: 'name', value: 'missing' } }] },
			},
		});
		expect(unknown.error?.message).toContain('no Zaia tag is named "missing"');
		expect(sent(sandbox)).toEqual(['GET /api/v1/tags']);
	});
});
