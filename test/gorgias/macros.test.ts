import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callListSearch, loadPackage } from '../../dev/harness';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, pairedOf, rl, sandboxPerTest, sent } from '../kit';
import { apiKeyCredentials, GORGIAS_NODE, runGorgias, startSandbox } from './setup';

const REFUND_ACTIONS = [
	{ name: 'addTags', title: 'Add tags', type: 'user', arguments: { tags: 'refund-sent' } },
	{
		name: 'setResponseText',
		title: 'Reply',
		type: 'user',
		arguments: { body_text: 'Hi {{ticket.customer.firstname}}, your refund is on its way.' },
	},
];

describe('Gorgias macros', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const macros = (parameters: INodeParameters, items?: IDataObject[], continueOnFail = false) =>
		runGorgias(sandbox, {
			parameters: { resource: 'macro', ...parameters },
			items,
			continueOnFail,
		});

	/** Apply to Tickets, one item per ticket, polling every second. */
	const apply = (
		macroId: number,
		tickets: Array<number | string>,
		extra: INodeParameters = {},
		continueOnFail = false,
	) =>
		macros(
			{
				operation: 'apply',
				macroId: rl(macroId),
				ticketId: rl('={{ $json.ticket }}'),
				...extra,
				applyOptions: { pollInterval: 1, ...((extra.applyOptions as IDataObject) ?? {}) },
			},
			tickets.map((ticket) => ({ ticket })),
			continueOnFail,
		);

	it('Get reads one macro by ID', async () => {
		const macro = sandbox.macroDesk.addMacro({ name: 'Refund', actions: REFUND_ACTIONS });
		const result = await macros({ operation: 'get', macroId: rl(macro.id) });
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`GET /api/macros/${macro.id}`]);
		expect(jsonOf(result)).toEqual([sandbox.macroDesk.macroJson(macro)]);
	});

	it('Get Many sends search, tags, languages and the relevance order for a ticket', async () => {
		const ticket = sandbox.addTicket({ subject: 'Refund for order 1042', tags: ['refund'] });
		const refund = sandbox.macroDesk.addMacro({
			name: 'Refund confirmation',
			language: 'en',
			actions: REFUND_ACTIONS,
		});
		sandbox.macroDesk.addMacro({ name: 'Shipping delay', language: 'en', actions: [] });
		const result = await macros({
			operation: 'getMany',
			returnAll: true,
			filters: {
				search: 'refund',
				tags: 'refund-sent, vip',
				languages: ['en', 'fr'],
				orderBy: 'relevance:desc',
				ticketId: rl(ticket.id),
			},
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((macro) => macro.id)).toEqual([refund.id]);
		expect(sandbox.requests[0].query).toEqual({
			search: 'refund',
			tags: ['refund-sent', 'vip'],
			languages: ['en', 'fr'],
			order_by: 'relevance:desc',
			ticket_id: String(ticket.id),
			limit: '100',
		});
	});

	it('Get Many follows cursors for Return All, and stops at the Limit', async () => {
		for (let i = 0; i < 130; i++) sandbox.macroDesk.addMacro();
		const all = await macros({ operation: 'getMany', returnAll: true });
		expect(jsonOf(all)).toHaveLength(130);
		expect(sandbox.requests.map((request) => request.query.cursor !== undefined)).toEqual([
			false,
			true,
		]);
		sandbox.clearLog();
		const some = await macros({ operation: 'getMany', returnAll: false, limit: 5 });
		expect(jsonOf(some)).toHaveLength(5);
		expect(sandbox.requests.map((request) => request.query.limit)).toEqual(['5']);
	});

	it('Get Many refuses a relevance order without a ticket before sending', async () => {
		const result = await macros({
			operation: 'getMany',
			returnAll: true,
			filters: { orderBy: 'relevance:desc' },
		});
		expectRefusedBeforeSending(result, sandbox, 'Filters → Relevant to Ticket');
	});

	it('Create sends the name and the chosen fields; Update sends only what changes', async () => {
		const created = await macros({
			operation: 'create',
			name: 'Refund confirmation',
			additionalFields: {
				actions: JSON.stringify(REFUND_ACTIONS),
				intent: 'refund/request',
				language: 'EN',
				externalId: 'crm-macro-1',
			},
		});
		expect(created.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createMacro)[0].body).toEqual({
			name: 'Refund confirmation',
			actions: REFUND_ACTIONS,
			intent: 'refund/request',
			language: 'en',
			external_id: 'crm-macro-1',
		});
		const [macro] = jsonOf(created);
		expect(macro).toMatchObject({ name: 'Refund confirmation', usage: 0, archived_datetime: null });

		const updated = await macros({
			operation: 'update',
			macroId: rl(String(macro.id), 'list'),
			updateFields: { name: 'Refund: confirmation' },
		});
		expect(updated.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.updateMacro)[0].body).toEqual({
			name: 'Refund: confirmation',
		});
		expect(jsonOf(updated)[0]).toMatchObject({
			name: 'Refund: confirmation',
			actions: REFUND_ACTIONS,
		});
	});

	it('Create refuses actions that are not a list of named actions, before sending', async () => {
		const result = await macros({
			operation: 'create',
			name: 'Broken',
			additionalFields: { actions: '[{"title": "no name"}]' },
		});
		expectRefusedBeforeSending(result, sandbox, 'Additional Fields → Actions');
		const empty = await macros({ operation: 'update', macroId: rl(5), updateFields: {} });
		expectRefusedBeforeSending(empty, sandbox, 'Update Fields');
	});

	it('Delete removes a macro; one used by rules fails with Gorgias message', async () => {
		const free = sandbox.macroDesk.addMacro();
		const used = sandbox.macroDesk.addMacro({ rule_ids: [77] });
		const result = await macros(
			{ operation: 'delete', macroId: rl('={{ $json.macro }}') },
			[{ macro: free.id }, { macro: used.id }],
			true,
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ id: free.id, deleted: true },
			{ error: 'Gorgias API error 409: This macro is used by rules and cannot be deleted' },
		]);
		expect(sandbox.macroDesk.macros.has(free.id)).toBe(false);
		expect(sandbox.macroDesk.macros.has(used.id)).toBe(true);
	});

	it('Archive sends the macros of all items in one bulk call and reports each outcome', async () => {
		const active = sandbox.macroDesk.addMacro();
		const archived = sandbox.macroDesk.addMacro({ archived_datetime: sandbox.state.now() });
		const used = sandbox.macroDesk.addMacro({ rule_ids: [9] });
		const result = await macros(
			{ operation: 'archive', macroId: rl('={{ $json.macro }}') },
			[{ macro: active.id }, { macro: archived.id }, { macro: used.id }, { macro: 999 }],
			true,
		);
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual(['PUT /api/macros/archive']);
		expect(sandbox.requests[0].body).toEqual({ ids: [active.id, archived.id, used.id, 999] });
		expect(jsonOf(result)).toEqual([
			{ id: active.id, status: 'archived', error: null },
			{ id: archived.id, status: 'already_archived', error: null },
			{
				error: `Gorgias did not archive macro ${used.id} (macro_used): This macro is used by rules`,
			},
			{ error: 'Gorgias did not archive macro 999 (not_found)' },
		]);
		expect(pairedOf(result)).toEqual([0, 1, 2, 3]);
		expect(sandbox.macroDesk.macros.get(active.id)?.archived_datetime).not.toBeNull();

		sandbox.clearLog();
		const restored = await macros({ operation: 'unarchive', macroId: rl(active.id) });
		expect(sent(sandbox)).toEqual(['PUT /api/macros/unarchive']);
		expect(jsonOf(restored)).toEqual([{ id: active.id, status: 'unarchived' }]);
		expect(sandbox.macroDesk.macros.get(active.id)?.archived_datetime).toBeNull();
	});

	it('Apply to Tickets creates one job for all items, polls it to done, and outputs each ticket', async () => {
		const agent = sandbox.addUser({ email: 'api-user@acme.example', name: 'Ana Agent' });
		const customer = sandbox.addCustomer({ name: 'Lucía Díaz', email: 'lucia@example.com' });
		const tickets = [1, 2, 3].map(
			() => sandbox.addTicket({ customer_id: customer.id, tags: ['refund'] }).id,
		);
		const macro = sandbox.macroDesk.addMacro({ name: 'Refund', actions: REFUND_ACTIONS });
		const result = await apply(macro.id, tickets);
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			'POST /api/jobs',
			expect.stringMatching(/^GET \/api\/jobs\/\d+$/),
			expect.stringMatching(/^GET \/api\/jobs\/\d+$/),
			'GET /api/tickets',
		]);
		expect(sandbox.requests[0].body).toEqual({
			type: 'applyMacro',
			params: { macro_id: macro.id, ticket_ids: tickets, apply_and_close: false },
		});
		expect(sandbox.requests[3].query).toMatchObject({ ticket_ids: tickets.map(String) });
		const [job] = [...sandbox.macroDesk.jobs.values()];
		expect(job).toMatchObject({ status: 'done', info: { progress_count: 3 } });
		const output = jsonOf(result);
		expect(pairedOf(result)).toEqual([0, 1, 2]);
		const summary = (item: IDataObject) =>
			Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'ticket' && key !== 'job'));
		expect(output.map(summary)).toEqual(
			tickets.map((ticketId) => ({
				ticketId,
				macroId: macro.id,
				applyAndClose: false,
				jobId: job.id,
				jobStatus: 'done',
				finished: true,
				timedOut: false,
				ticketsInJob: 3,
				progressCount: 3,
			})),
		);
		for (const [position, ticketId] of tickets.entries()) {
			const ticket = sandbox.ticket(ticketId)!;
			expect(ticket.tags.map((tag) => tag.name).sort()).toEqual(['refund', 'refund-sent']);
			const reply = ticket.messages!.at(-1)!;
			expect(reply).toMatchObject({
				from_agent: true,
				body_text: 'Hi Lucía, your refund is on its way.',
				sender: expect.objectContaining({ id: agent.id }),
			});
			expect((output[position].ticket as IDataObject).id).toBe(ticketId);
			expect((output[position].job as IDataObject).id).toBe(job.id);
		}
		expect(sandbox.macroDesk.macros.get(macro.id)?.usage).toBe(3);
	});

	it('Apply to Tickets splits the tickets into jobs of Tickets per Job and can close them', async () => {
		const tickets = [1, 2, 3].map(() => sandbox.addTicket().id);
		const macro = sandbox.macroDesk.addMacro({ actions: [] });
		const result = await apply(macro.id, tickets, {
			applyAndClose: true,
			applyOptions: { ticketsPerJob: 2, includeTicket: false },
		});
		expect(result.error).toBeUndefined();
		const creates = sandbox.requestsTo(GORGIAS_ROUTES.createJob).map((request) => request.body);
		expect(creates).toEqual([
			{
				type: 'applyMacro',
				params: { macro_id: macro.id, ticket_ids: tickets.slice(0, 2), apply_and_close: true },
			},
			{
				type: 'applyMacro',
				params: { macro_id: macro.id, ticket_ids: tickets.slice(2), apply_and_close: true },
			},
		]);
		const jobs = [...sandbox.macroDesk.jobs.keys()];
		expect(jsonOf(result).map((item) => [item.ticketId, item.jobId, item.ticketsInJob])).toEqual([
			[tickets[0], jobs[0], 2],
			[tickets[1], jobs[0], 2],
			[tickets[2], jobs[1], 1],
		]);
		expect(jsonOf(result).every((item) => !('ticket' in item))).toBe(true);
		for (const id of tickets) expect(sandbox.ticket(id)?.status).toBe('closed');
		expect(sandbox.requestsTo(GORGIAS_ROUTES.listTickets)).toEqual([]);
	});

	it('Apply to Tickets surfaces an errored job on each of its items', async () => {
		const kept = sandbox.addTicket().id;
		const macro = sandbox.macroDesk.addMacro({ actions: REFUND_ACTIONS });
		// A ticket id Gorgias no longer has: the job runs and ends errored.
		const result = await apply(macro.id, [kept, 987654], {}, true);
		expect(result.error).toBeUndefined();
		const [job] = [...sandbox.macroDesk.jobs.values()];
		expect(job.status).toBe('errored');
		expect(jsonOf(result)).toEqual([
			{ error: `Gorgias job ${job.id} ended with status "errored" for ticket ${kept}` },
			{ error: `Gorgias job ${job.id} ended with status "errored" for ticket 987654` },
		]);
		expect(pairedOf(result)).toEqual([0, 1]);

		const failing = await apply(macro.id, [kept, 987654]);
		expect(failing.error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringContaining('ended with status "errored"'),
			description: expect.stringContaining('1 were processed before it ended'),
		});
	});

	it('Apply to Tickets shows Gorgias refusing the job (unknown macro) with its message', async () => {
		const ticket = sandbox.addTicket().id;
		const result = await apply(424242, [ticket]);
		expect(result.error).toMatchObject({
			httpCode: '400',
			message: 'Gorgias API error 400: Invalid request (params.macro_id: No macro with this id)',
		});
		expect(sent(sandbox)).toEqual(['POST /api/jobs']);
	});

	it('Apply to Tickets refuses bad input before creating any job', async () => {
		const macro = sandbox.macroDesk.addMacro();
		const ticket = sandbox.addTicket().id;
		const result = await apply(macro.id, [ticket, 'not-a-ticket']);
		expectRefusedBeforeSending(result, sandbox, 'Ticket', 1);
		const timeout = await apply(macro.id, [ticket], { applyOptions: { timeout: 0 } });
		expectRefusedBeforeSending(timeout, sandbox, 'Options → Timeout (Seconds)');
	});

	it('Apply to Tickets stops waiting at the timeout and reports the running job', async () => {
		sandbox.macroDesk.pollsPerStep = 100;
		const ticket = sandbox.addTicket().id;
		const macro = sandbox.macroDesk.addMacro();
		const result = await apply(macro.id, [ticket], { applyOptions: { timeout: 2 } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				ticketId: ticket,
				jobStatus: 'pending',
				finished: false,
				timedOut: true,
			}),
		]);
		// One look at once, then every 1 s, 1.5 s … until the 2 s are up.
		const looks = sandbox.requestsTo(GORGIAS_ROUTES.getJob).length;
		expect(looks).toBeGreaterThanOrEqual(3);
		expect(looks).toBeLessThanOrEqual(4);
	});

	it('Apply to Tickets without waiting outputs the queued job', async () => {
		const ticket = sandbox.addTicket().id;
		const macro = sandbox.macroDesk.addMacro();
		const result = await apply(macro.id, [ticket], { applyOptions: { wait: false } });
		expect(sent(sandbox)).toEqual(['POST /api/jobs']);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ jobStatus: 'pending', finished: false, timedOut: false }),
		]);
	});

	it('the macro picker searches Gorgias by name', async () => {
		const refund = sandbox.macroDesk.addMacro({ name: 'Refund confirmation', language: 'en' });
		sandbox.macroDesk.addMacro({ name: 'Shipping delay' });
		const search = await callListSearch({
			nodeType: GORGIAS_NODE,
			method: 'searchMacros',
			filter: 'refund',
			parameters: { authentication: 'apiKey', resource: 'macro', operation: 'apply' },
			credentials: apiKeyCredentials(sandbox),
		});
		expect(search.results).toEqual([
			{ name: 'Refund confirmation (en)', value: String(refund.id) },
		]);
		expect(sandbox.requests[0].query).toEqual({ search: 'refund', limit: '50' });
	});

	it('as an AI tool: every macro operation has an action, and values an agent fills work', async () => {
		const loaded = await loadPackage();
		const node = loaded.nodeTypes.getByNameAndVersion(GORGIAS_NODE);
		expect(node.description.usableAsTool).toBe(true);
		const operation = node.description.properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes('macro'),
		);
		const options = (operation?.options ?? []) as Array<{ value: string; action?: string }>;
		expect(options.map((option) => option.value).sort()).toEqual([
			'apply',
			'archive',
			'create',
			'delete',
			'get',
			'getMany',
			'unarchive',
			'update',
		]);
		expect(options.every((option) => !!option.action)).toBe(true);

		// An agent fills parameters with plain text: ids as strings, booleans as "true".
		const ticket = sandbox.addTicket().id;
		const macro = sandbox.macroDesk.addMacro();
		const result = await macros({
			operation: 'apply',
			macroId: String(macro.id),
			ticketId: String(ticket),
			applyAndClose: 'true',
			applyOptions: { pollInterval: '1', includeTicket: 'false' },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				ticketId: ticket,
				macroId: macro.id,
				applyAndClose: true,
				finished: true,
			}),
		]);
		expect(sandbox.ticket(ticket)?.status).toBe('closed');
	});
});
