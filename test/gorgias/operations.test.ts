import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { jsonOf, pairedOf, rl, sandboxPerTest, sent } from '../kit';
import { oauthCredentials, BEARER_CANARY, runGorgias, startSandbox } from './setup';

describe('Gorgias ticket and message operations', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	it('Get one ticket uses the direct endpoint; by URL works too', async () => {
		const ticket = sandbox.addTicket({ subject: 'Refund' });
		const byUrl = rl(`https://acme.gorgias.com/app/ticket/${ticket.id}`, 'url');
		const result = await runGorgias(sandbox, { parameters: { operation: 'get', ticketId: byUrl } });
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`GET /api/tickets/${ticket.id}`]);
		expect(jsonOf(result)).toEqual([sandbox.ticket(ticket.id)]);
	});

	it('Get of 250 ids across items: 3 batch requests, output in input order', async () => {
		const tickets = Array.from({ length: 250 }, (_, i) => sandbox.addTicket({ subject: `T${i}` }));
		const order = [...tickets].reverse();
		const result = await runGorgias(sandbox, {
			items: order.map((ticket) => ({ id: ticket.id })),
			parameters: { operation: 'get', ticketId: rl('={{ $json.id }}') },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(3);
		const batches = sandbox.requests.map((request) => request.query.ticket_ids as string[]);
		expect(batches.map((ids) => ids.length)).toEqual([100, 100, 50]);
		expect(
			sandbox.requests.every(
				(request) => request.path === '/api/tickets' && request.query.limit === '100',
			),
		).toBe(true);
		expect(jsonOf(result).map((ticket) => ticket.id)).toEqual(order.map((ticket) => ticket.id));
		expect(pairedOf(result)).toEqual(order.map((_, i) => i));
	});

	it('Get with a missing id among many names that id', async () => {
		const a = sandbox.addTicket();
		const result = await runGorgias(sandbox, {
			items: [{ id: a.id }, { id: 999999 }],
			parameters: { operation: 'get', ticketId: rl('={{ $json.id }}') },
		});
		expect(result.error?.message).toBe('Gorgias has no ticket 999999');
		expect(result.error?.itemIndex).toBe(1);
	});

	it('a 404 on a single get is surfaced with the ticket id and HTTP code', async () => {
		const result = await runGorgias(sandbox, {
			parameters: { operation: 'get', ticketId: rl(424242) },
		});
		expect(result.error).toMatchObject({
			httpCode: '404',
			message: 'Gorgias API error 404: Ticket not found',
		});
		expect(result.error?.description).toContain('GET /tickets/424242');
	});

	it('Get Many follows cursors to the end with pages of 100 and the chosen order', async () => {
		for (let i = 0; i < 230; i++) sandbox.addTicket();
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'getMany',
				returnAll: true,
				filters: { orderBy: 'created_datetime:asc' },
			},
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((ticket) => Number(ticket.id));
		expect(ids).toHaveLength(230);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);
		const queries = sandbox.requests.map((request) => request.query);
		expect(queries).toHaveLength(3);
		expect(queries[0]).toEqual({ order_by: 'created_datetime:asc', limit: '100' });
		expect(queries[1].cursor).toEqual(expect.any(String));
		expect(queries[2].cursor).toEqual(expect.any(String));
	});

	it('Simplify gives every ticket of Get Many and of a batched Get the shared shape', async () => {
		const tickets = Array.from({ length: 3 }, () => sandbox.addTicket({ status: 'open' }));
		const listed = await runGorgias(sandbox, {
			parameters: { operation: 'getMany', returnAll: true, simplify: true },
		});
		const batched = await runGorgias(sandbox, {
			items: tickets.map((ticket) => ({ id: ticket.id })),
			parameters: { operation: 'get', ticketId: rl('={{ $json.id }}'), simplify: true },
		});
		for (const result of [listed, batched]) {
			expect(result.error).toBeUndefined();
			const output = jsonOf(result);
			expect(output.map((ticket) => ticket.id).sort()).toEqual(
				tickets.map((ticket) => String(ticket.id)).sort(),
			);
			for (const ticket of output) {
				expect(ticket).toMatchObject({
					provider: 'gorgias',
					status: 'open',
					url: `${sandbox.baseUrl}/app/ticket/${String(ticket.id)}`,
				});
			}
		}
	});

	it('Get Many sends filters and stops at the limit', async () => {
		const customer = sandbox.addCustomer({ email: 'vip@example.com' });
		for (let i = 0; i < 5; i++) sandbox.addTicket({ customer_id: customer.id });
		const view = sandbox.addView({ name: 'Open', filter: { status: 'open' } });
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'getMany',
				returnAll: false,
				limit: 3,
				filters: { customerId: rl(customer.id, 'list'), viewId: rl(view.id), trashed: false },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(sandbox.requests[0].query).toEqual({
			customer_id: String(customer.id),
			view_id: String(view.id),
			trashed: 'false',
			limit: '3',
		});
	});

	it('Update sends only the chosen fields, unassign as null, trash and restore', async () => {
		const ticket = sandbox.addTicket();
		const user = sandbox.addUser();
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				updateFields: {
					status: 'closed',
					priority: 'high',
					subject: 'Renamed',
					assigneeUser: rl(user.id),
					unassignTeam: true,
					spam: false,
					meta: '{"source": "n8n"}',
					externalId: 'ext-9',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`PUT /api/tickets/${ticket.id}`]);
		expect(sandbox.requests[0].body).toEqual({
			assignee_user: { id: user.id },
			assignee_team: null,
			status: 'closed',
			priority: 'high',
			subject: 'Renamed',
			external_id: 'ext-9',
			spam: false,
			meta: { source: 'n8n' },
		});
		expect(sandbox.ticket(ticket.id)).toMatchObject({
			status: 'closed',
			subject: 'Renamed',
			assignee_team: null,
		});

		sandbox.clearLog();
		await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				updateFields: { trash: 'trash' },
			},
		});
		expect(sandbox.requests[0].body).toEqual({
			trashed_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		});
		expect(sandbox.ticket(ticket.id)?.trashed_datetime).not.toBeNull();
		sandbox.clearLog();
		await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				updateFields: { trash: 'restore' },
			},
		});
		expect(sandbox.requests[0].body).toEqual({ trashed_datetime: null });
		expect(sandbox.ticket(ticket.id)?.trashed_datetime).toBeNull();
	});

	it('Complete closes and Reopen opens', async () => {
		const ticket = sandbox.addTicket({ status: 'open' });
		await runGorgias(sandbox, { parameters: { operation: 'complete', ticketId: rl(ticket.id) } });
		expect(sandbox.ticket(ticket.id)?.status).toBe('closed');
		const reopened = await runGorgias(sandbox, {
			parameters: { operation: 'reopen', ticketId: rl(ticket.id), simplify: true },
		});
		expect(sandbox.requests.map((request) => request.body)).toEqual([
			{ status: 'closed' },
			{ status: 'open' },
		]);
		expect(jsonOf(reopened)[0]).toMatchObject({
			provider: 'gorgias',
			id: String(ticket.id),
			status: 'open',
			url: `${sandbox.baseUrl}/app/ticket/${ticket.id}`,
		});
	});

	it('Assign sets user and team', async () => {
		const ticket = sandbox.addTicket();
		const [user, team] = [sandbox.addUser(), sandbox.addTeam()];
		await runGorgias(sandbox, {
			parameters: {
				operation: 'assign',
				ticketId: rl(ticket.id),
				assigneeUser: rl(user.id, 'list'),
				assigneeTeam: rl(team.id),
			},
		});
		expect(sandbox.requests[0].body).toEqual({
			assignee_user: { id: user.id },
			assignee_team: { id: team.id },
		});
		expect(sandbox.ticket(ticket.id)?.assignee_user).toMatchObject({ id: user.id });
	});

	it('Take Over assigns the user, reopens, then posts their internal note', async () => {
		const ticket = sandbox.addTicket({ status: 'closed' });
		const user = sandbox.addUser({ name: 'Ana' });
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'takeOver',
				ticketId: rl(ticket.id),
				takeOverUser: rl(user.id),
				takeOverNote: 'Taking this one',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			`PUT /api/tickets/${ticket.id}`,
			`POST /api/tickets/${ticket.id}/messages`,
		]);
		expect(sandbox.requests[0].body).toEqual({ assignee_user: { id: user.id }, status: 'open' });
		expect(sandbox.requests[1].body).toMatchObject({
			channel: 'internal-note',
			via: 'internal-note',
			from_agent: true,
			sender: { id: user.id },
			body_text: 'Taking this one',
		});
		expect(jsonOf(result)[0]).toMatchObject({
			id: ticket.id,
			status: 'open',
			takeOverNote: { channel: 'internal-note' },
		});
	});

	it('Take Over with Simplify keeps the note beside the shared shape, not in raw', async () => {
		const ticket = sandbox.addTicket({ status: 'closed' });
		const user = sandbox.addUser({ name: 'Ana' });
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'takeOver',
				ticketId: rl(ticket.id),
				takeOverUser: rl(user.id),
				takeOverNote: 'Taking this one',
				simplify: true,
			},
		});
		expect(result.error).toBeUndefined();
		const [output] = jsonOf(result);
		expect(output).toMatchObject({
			provider: 'gorgias',
			id: String(ticket.id),
			status: 'open',
			takeOverNote: { channel: 'internal-note' },
		});
		expect(output.raw).not.toHaveProperty('takeOverNote');
	});

	it('tags: add by name and id, replace, remove — each one call with ids/names', async () => {
		const ticket = sandbox.addTicket({ tags: [] });
		const vip = sandbox.addTag({ name: 'vip' });
		await runGorgias(sandbox, {
			parameters: {
				operation: 'addTags',
				ticketId: rl(ticket.id),
				tagNames: 'refund, new-tag',
				tagIds: [String(vip.id)],
			},
		});
		expect(sandbox.requests[0]).toMatchObject({
			method: 'POST',
			path: `/api/tickets/${ticket.id}/tags`,
			status: 201,
		});
		expect(sandbox.requests[0].body).toEqual({ ids: [vip.id], names: ['refund', 'new-tag'] });
		expect(
			sandbox
				.ticket(ticket.id)
				?.tags.map((tag) => tag.name)
				.sort(),
		).toEqual(['new-tag', 'refund', 'vip']);

		await runGorgias(sandbox, {
			parameters: { operation: 'replaceTags', ticketId: rl(ticket.id), tagNames: 'vip' },
		});
		expect(sandbox.requests[1]).toMatchObject({
			method: 'PUT',
			body: { names: ['vip'] },
			status: 202,
		});
		expect(sandbox.ticket(ticket.id)?.tags.map((tag) => tag.name)).toEqual(['vip']);

		const removed = await runGorgias(sandbox, {
			parameters: { operation: 'removeTags', ticketId: rl(ticket.id), tagIds: [String(vip.id)] },
		});
		expect(sandbox.requests[2]).toMatchObject({
			method: 'DELETE',
			body: { ids: [vip.id] },
			status: 204,
		});
		expect(sandbox.ticket(ticket.id)?.tags).toEqual([]);
		expect(jsonOf(removed)).toEqual([{ ticketId: ticket.id, removed: { ids: [vip.id] } }]);
	});

	it('Delete removes the ticket', async () => {
		const ticket = sandbox.addTicket();
		const result = await runGorgias(sandbox, {
			parameters: { operation: 'delete', ticketId: rl(ticket.id) },
		});
		expect(sent(sandbox)).toEqual([`DELETE /api/tickets/${ticket.id}`]);
		expect(jsonOf(result)).toEqual([{ id: ticket.id, deleted: true }]);
		expect(sandbox.ticket(ticket.id)).toBeUndefined();
	});

	it('Message: an internal note and an email reply, then list the messages', async () => {
		const ticket = sandbox.addTicket();
		const user = sandbox.addUser();
		await runGorgias(sandbox, {
			parameters: {
				resource: 'message',
				operation: 'create',
				ticketId: rl(ticket.id),
				kind: 'internalNote',
				senderUser: rl(user.id),
				body: 'FYI',
			},
		});
		expect(sandbox.requests[0].body).toMatchObject({
			channel: 'internal-note',
			sender: { id: user.id },
			body_text: 'FYI',
		});
		await runGorgias(sandbox, {
			parameters: {
				resource: 'message',
				operation: 'create',
				ticketId: rl(ticket.id),
				kind: 'reply',
				replyChannel: 'email',
				senderUser: rl(user.id),
				customerEmail: 'lucia@example.com',
				supportEmail: 'support@acme.example',
				body: 'On its way!',
			},
		});
		expect(sandbox.requests[1].body).toMatchObject({
			channel: 'email',
			from_agent: true,
			sender: { id: user.id },
			source: {
				type: 'email',
				from: { address: 'support@acme.example' },
				to: [{ address: 'lucia@example.com' }],
			},
		});
		const listed = await runGorgias(sandbox, {
			parameters: {
				resource: 'message',
				operation: 'getMany',
				ticketId: rl(ticket.id),
				returnAll: true,
			},
		});
		expect(listed.items.length).toBe((sandbox.ticket(ticket.id)?.messages ?? []).length);
		expect(
			jsonOf(listed)
				.slice(-2)
				.map((message) => message.body_text),
		).toEqual(['FYI', 'On its way!']);
	});

	it('OAuth2 credentials send the bearer token', async () => {
		const ticket = sandbox.addTicket();
		const result = await runGorgias(sandbox, {
			credentials: oauthCredentials(sandbox),
			parameters: { operation: 'get', ticketId: rl(ticket.id) },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${BEARER_CANARY}`);
		expect(sandbox.authKindOf(sandbox.requests[0])).toBe('oauth');
	});
});
