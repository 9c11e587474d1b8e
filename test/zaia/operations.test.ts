import { peakInFlight } from '../../dev/sandboxes/framework';
import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { jsonOf, pairedOf, rl, sandboxPerTest, sent } from '../kit';
import { CANARY, runZaia, startSandbox } from './setup';

describe('Zaia node: every ticket operation sends exactly the documented request', () => {
	let sandbox: ZaiaSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	it('Create posts chat, team, assignee and status, and returns the created ticket', async () => {
		const chat = sandbox.addChat();
		const team = sandbox.addTeam({ name: 'Billing' });
		const assigneeId = '0b9d6f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21';

		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'create',
				chatId: chat.id,
				ticketingTeamId: rl(team.id, 'list'),
				assigneeId: rl(assigneeId),
				status: 'ongoing',
			},
		});

		expect(result.error).toBeUndefined();
		const [request] = sandbox.requests;
		expect(sandbox.requests).toHaveLength(1);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/v1/tickets');
		expect(request.body).toEqual({
			chatId: chat.id,
			ticketingTeamId: team.id,
			assigneeId,
			status: 'ongoing',
		});
		expect(request.headers.authorization).toBe(CANARY);
		expect(request.headers['content-type']).toMatch(/application\/json/);

		const [ticket] = jsonOf(result);
		expect(jsonOf(result)).toHaveLength(1);
		expect(ticket).toMatchObject({
			chatId: chat.id,
			assigneeId,
			status: 'ongoing',
			ticketingTeamId: team.id,
		});
		expect(sandbox.state.tickets.get(String(ticket.id))).toBeDefined();
		expect(pairedOf(result)).toEqual([0]);
	});

	it('Create without a team sends ticketingTeamId null (the field is required but nullable)', async () => {
		const chat = sandbox.addChat();
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'create',
				chatId: chat.id,
				ticketingTeamId: rl('', 'list'),
				assigneeId: rl('0b9d6f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21'),
				status: 'pending',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({
			chatId: chat.id,
			ticketingTeamId: null,
			assigneeId: '0b9d6f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21',
			status: 'pending',
		});
	});

	it('Get reads one ticket with details, as Zaia returns it', async () => {
		const ticket = sandbox.addTicket({ summary: 'Refund for order 1042' });
		const result = await runZaia(sandbox, {
			parameters: { operation: 'get', ticketId: rl(ticket.id, 'list') },
		});
		expect(sent(sandbox)).toEqual([`GET /api/v1/tickets/${ticket.id}/details`]);
		expect(jsonOf(result)).toEqual([sandbox.ticketDetail(ticket.id)]);
	});

	it('Get with Simplify returns the shared ticket shape', async () => {
		const team = sandbox.addTeam({ name: 'Support' });
		const user = sandbox.addUser({ name: 'Ana Ops', email: 'ana@example.com' });
		const ticket = sandbox.addTicket({
			summary: 'Where is my parcel?',
			status: 'ongoing',
			assigneeId: user.id,
			ticketingTeamId: team.id,
		});
		const result = await runZaia(sandbox, {
			parameters: { operation: 'get', ticketId: rl(ticket.id), simplify: true },
		});
		const detail = sandbox.ticketDetail(ticket.id);
		expect(jsonOf(result)).toEqual([
			{
				provider: 'zaia',
				id: ticket.id,
				externalId: null,
				subject: 'Where is my parcel?',
				status: 'open',
				assignee: { id: user.id, name: 'Ana Ops', email: 'ana@example.com' },
				team: { id: team.id, name: 'Support' },
				tags: [],
				channel: detail.channelType,
				customer: {
					id: detail.chatOwnerId,
					name: detail.ownerName,
					email: detail.ownerEmail ?? detail.ownerIdentifier,
				},
				createdAt: detail.createdAt,
				updatedAt: null,
				closedAt: null,
				url: null,
				raw: detail,
			},
		]);
	});

	it('Complete patches the ticket with the completing user', async () => {
		const ticket = sandbox.addTicket({ status: 'ongoing' });
		const userId = 'c1f6a0e2-8d3b-4e7f-a9c1-2b3d4e5f6a7b';
		const result = await runZaia(sandbox, {
			parameters: { operation: 'complete', ticketId: rl(ticket.id), userId: rl(userId) },
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`PATCH /api/v1/tickets/${ticket.id}/complete`]);
		expect(sandbox.requests[0].body).toEqual({ userId });
		expect(jsonOf(result)[0]).toMatchObject({ id: ticket.id, status: 'completed' });
		expect(sandbox.ticketDetail(ticket.id).completedAt).not.toBeNull();
	});

	it('Take Over patches the ticket with the human taking it', async () => {
		const ticket = sandbox.addTicket({ status: 'pending', assigneeId: null });
		const assigneeId = 'd2a7b1f3-9e4c-4f80-b1d2-3c4e5f6a7b8c';
		const result = await runZaia(sandbox, {
			parameters: { operation: 'takeOver', ticketId: rl(ticket.id), assigneeId: rl(assigneeId) },
		});
		expect(sent(sandbox)).toEqual([`PATCH /api/v1/tickets/${ticket.id}/takeover`]);
		expect(sandbox.requests[0].body).toEqual({ assigneeId });
		expect(jsonOf(result)[0]).toMatchObject({
			id: ticket.id,
			assigneeId,
			circumstance: 'takeover',
		});
	});

	it('Assign patches the assignee; Simplify maps the write object too', async () => {
		const ticket = sandbox.addTicket({ status: 'ongoing' });
		const assigneeId = 'e3b8c2a4-0f5d-4a91-82e3-4d5f6a7b8c9d';
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'assign',
				ticketId: rl(ticket.id),
				assigneeId: rl(assigneeId),
				simplify: true,
			},
		});
		expect(sent(sandbox)).toEqual([`PATCH /api/v1/tickets/${ticket.id}/assignee`]);
		expect(sandbox.requests[0].body).toEqual({ assigneeId });
		expect(jsonOf(result)[0]).toMatchObject({
			provider: 'zaia',
			id: ticket.id,
			status: 'open',
			assignee: { id: assigneeId, name: null, email: null },
		});
		expect(sandbox.ticketDetail(ticket.id).assigneeId).toBe(assigneeId);
	});

	it('Add Tags sends one call per tag, in order, and reports every attachment', async () => {
		const ticket = sandbox.addTicket();
		const [vip, refund] = [sandbox.addTag({ name: 'vip' }), sandbox.addTag({ name: 'refund' })];
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'addTags',
				ticketId: rl(ticket.id),
				tags: { tag: [{ tagId: rl(vip.id, 'list') }, { tagId: rl(refund.id) }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			`POST /api/v1/tickets/${ticket.id}/tags`,
			`POST /api/v1/tickets/${ticket.id}/tags`,
		]);
		expect(sandbox.requests.map((request) => request.body)).toEqual([
			{ tagId: vip.id },
			{ tagId: refund.id },
		]);
		const [output] = jsonOf(result);
		expect(output.ticketId).toBe(ticket.id);
		expect((output.added as Array<{ tagId: string }>).map((entry) => entry.tagId)).toEqual([
			vip.id,
			refund.id,
		]);
		expect(sandbox.ticketTagIds(ticket.id).sort()).toEqual([vip.id, refund.id].sort());
	});

	it('Add Tags accepts a list of IDs from one expression entry', async () => {
		const ticket = sandbox.addTicket();
		const tags = [sandbox.addTag(), sandbox.addTag(), sandbox.addTag()];
		const result = await runZaia(sandbox, {
			items: [{ tagIds: tags.map((tag) => tag.id) }],
			parameters: {
				operation: 'addTags',
				ticketId: rl(ticket.id),
				tags: { tag: [{ tagId: rl('={{ $json.tagIds }}') }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.body)).toEqual(
			tags.map((tag) => ({ tagId: tag.id })),
		);
	});

	it('Remove Tags deletes each tag with its own call', async () => {
		const [first, second] = [sandbox.addTag(), sandbox.addTag()];
		const ticket = sandbox.addTicket({ tagIds: [first.id, second.id] });
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'removeTags',
				ticketId: rl(ticket.id),
				tags: { tag: [{ tagId: rl(first.id) }, { tagId: rl(second.id) }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			`DELETE /api/v1/tickets/${ticket.id}/tags/${first.id}`,
			`DELETE /api/v1/tickets/${ticket.id}/tags/${second.id}`,
		]);
		const [output] = jsonOf(result);
		expect(output).toMatchObject({ ticketId: ticket.id });
		expect((output.removed as Array<{ tagId: string }>).map((entry) => entry.tagId)).toEqual([
			first.id,
			second.id,
		]);
		expect(sandbox.ticketTagIds(ticket.id)).toEqual([]);
	});

	it('a failed second tag names the tag already added', async () => {
		const ticket = sandbox.addTicket();
		const tag = sandbox.addTag();
		const missing = 'f4c9d3b5-1a6e-4b02-93f4-5e6a7b8c9d0e';
		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'addTags',
				ticketId: rl(ticket.id),
				tags: { tag: [{ tagId: rl(tag.id) }, { tagId: rl(missing) }] },
			},
		});
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toContain(`Already added before this failure: ${tag.id}`);
	});

	it('many items keep input order and pairing even when answers arrive out of order', async () => {
		const tickets = Array.from({ length: 8 }, (_, i) =>
			sandbox.addTicket({ summary: `ticket ${i}` }),
		);
		// The first items answer slowest, so only the pool can restore the order.
		sandbox.injectFault(ZAIA_ROUTES.getTicket, { kind: 'delay', ms: 120 }, { times: 2 });
		const result = await runZaia(sandbox, {
			items: tickets.map((ticket) => ({ id: ticket.id })),
			parameters: { operation: 'get', ticketId: rl('={{ $json.id }}') },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((ticket) => ticket.id)).toEqual(tickets.map((ticket) => ticket.id));
		expect(pairedOf(result)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	});

	it('starts 10 requests at once and sends more while answers stay healthy; Fixed keeps the number', async () => {
		const tickets = Array.from({ length: 60 }, () => sandbox.addTicket());
		// Slow enough that a busy test machine does not look like a provider slowing down.
		sandbox.latencyMs = 100;
		const items = tickets.map((ticket) => ({ id: ticket.id }));
		const get = { operation: 'get', ticketId: rl('={{ $json.id }}') };
		expect((await runZaia(sandbox, { items, parameters: get })).error).toBeUndefined();
		const log = sandbox.requests;
		// The first ten go out together, before any answer could widen the pool.
		const firstAnswer = Math.min(...log.map((request) => request.respondedAt ?? Infinity));
		expect(log.filter((request) => request.receivedAt < firstAnswer)).toHaveLength(10);
		expect(peakInFlight(log)).toBeGreaterThan(10);
		sandbox.clearLog();
		const fixed = { concurrencyMode: 'fixed', concurrency: 20 };
		// Long enough that all 20 are in before the first answer, even on a busy machine.
		sandbox.latencyMs = 150;
		await runZaia(sandbox, { items, parameters: { ...get, options: fixed } });
		expect(peakInFlight(sandbox.requests)).toBe(20);
		expect(sandbox.requests).toHaveLength(60);
	});

	it('Max Parallel Requests = 1 sends strictly one request at a time', async () => {
		const tickets = Array.from({ length: 4 }, () => sandbox.addTicket());
		sandbox.latencyMs = 30;
		await runZaia(sandbox, {
			items: tickets.map((ticket) => ({ id: ticket.id })),
			parameters: {
				operation: 'get',
				ticketId: rl('={{ $json.id }}'),
				options: { concurrency: 1 },
			},
		});
		const log = sandbox.requests;
		for (let i = 1; i < log.length; i++) {
			expect(log[i].receivedAt).toBeGreaterThanOrEqual(log[i - 1].respondedAt ?? Infinity);
		}
		expect(log).toHaveLength(4);
	});
});
