import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, pairedOf, rl, sandboxPerTest, sent } from '../kit';
import { runGorgias, startSandbox } from './setup';

describe('Gorgias views', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const views = (parameters: INodeParameters, items?: IDataObject[]) =>
		runGorgias(sandbox, { parameters: { resource: 'view', ...parameters }, items });

	it('Get reads one view by ID', async () => {
		const view = sandbox.addView({ name: 'Open', filter: { status: 'open' } });
		const result = await views({ operation: 'get', viewId: rl(view.id, 'list') });
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`GET /api/views/${view.id}`]);
		expect(jsonOf(result)).toEqual([sandbox.state.viewJson(view)]);
	});

	it('Get Many sends the order and follows cursors for Return All; Limit stops early', async () => {
		for (let i = 0; i < 130; i++) sandbox.addView();
		const all = await views({
			operation: 'getMany',
			returnAll: true,
			orderBy: 'created_datetime:asc',
		});
		expect(all.error).toBeUndefined();
		expect(jsonOf(all)).toHaveLength(130);
		expect(jsonOf(all)[0].id).toBe(Math.min(...sandbox.state.views.keys()));
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ order_by: 'created_datetime:asc', limit: '100' },
			{ order_by: 'created_datetime:asc', limit: '100', cursor: expect.any(String) },
		]);
		sandbox.clearLog();
		const some = await views({ operation: 'getMany', returnAll: false, limit: 3 });
		expect(jsonOf(some)).toHaveLength(3);
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ order_by: 'created_datetime:desc', limit: '3' },
		]);
	});

	it("Get Tickets lists the view's tickets across pages, in the order asked for", async () => {
		const view = sandbox.addView({ name: 'Open', filter: { status: 'open' } });
		const open = Array.from({ length: 120 }, (_, i) =>
			sandbox.addTicket({ status: 'open', subject: `Open ${i}` }),
		);
		sandbox.addTicket({ status: 'closed' });
		const all = await views({
			operation: 'getTickets',
			viewId: rl(view.id),
			returnAll: true,
			orderBy: 'created_datetime:asc',
		});
		expect(all.error).toBeUndefined();
		expect(jsonOf(all).map((ticket) => ticket.id)).toEqual(open.map((ticket) => ticket.id));
		expect(sent(sandbox)).toEqual([
			`GET /api/views/${view.id}/items`,
			`GET /api/views/${view.id}/items`,
		]);
		expect(sandbox.requests[1].query).toEqual({
			order_by: 'created_datetime:asc',
			limit: '100',
			cursor: expect.any(String),
		});

		sandbox.clearLog();
		const some = await views({ operation: 'getTickets', viewId: rl(view.id), limit: 2 });
		expect(some.error).toBeUndefined();
		// the view's own order (last updated first) when none is chosen
		expect(jsonOf(some).map((ticket) => ticket.id)).toEqual(
			[...open]
				.reverse()
				.slice(0, 2)
				.map((ticket) => ticket.id),
		);
		expect(sandbox.requests.map((request) => request.query)).toEqual([{ limit: '2' }]);
	});

	it('Get Tickets with Simplify returns the shared ticket shape', async () => {
		const view = sandbox.addView({ filter: { status: 'open' } });
		const ticket = sandbox.addTicket({ status: 'open', subject: 'Where is my parcel?' });
		const result = await views({
			operation: 'getTickets',
			viewId: rl(view.id),
			returnAll: true,
			simplify: true,
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				provider: 'gorgias',
				id: String(ticket.id),
				subject: 'Where is my parcel?',
				status: 'open',
			}),
		]);
	});

	it('Search Tickets puts the text and filter on the ad-hoc view 0 and pages by cursor', async () => {
		for (let i = 0; i < 105; i++) sandbox.addTicket({ status: 'open', subject: `Zipper ${i}` });
		sandbox.addTicket({ status: 'closed', subject: 'Zipper closed' });
		sandbox.addTicket({ status: 'open', subject: 'Refund' });
		const result = await views({
			operation: 'searchTickets',
			search: 'zipper',
			filterExpression: "eq(ticket.status, 'open')",
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(105);
		expect(sent(sandbox)).toEqual(['PUT /api/views/0/items', 'PUT /api/views/0/items']);
		const body = {
			view: { type: 'ticket-list', search: 'zipper', filters: "eq(ticket.status, 'open')" },
		};
		expect(sandbox.requests.map((request) => request.body)).toEqual([body, body]);
		expect(sandbox.requests[1].query).toEqual({ limit: '100', cursor: expect.any(String) });

		sandbox.clearLog();
		const limited = await views({ operation: 'searchTickets', search: 'refund', limit: 5 });
		expect(jsonOf(limited).map((ticket) => ticket.subject)).toEqual(['Refund']);
		expect(sandbox.requests[0]).toMatchObject({
			query: { limit: '5' },
			body: { view: { type: 'ticket-list', search: 'refund' } },
		});
	});

	it('bad input is refused before any request, naming the parameter and the item', async () => {
		const view = sandbox.addView();
		// from an expression: the editor's own check of the By ID mode does not see it
		const notAnId = await views({ operation: 'getTickets', viewId: rl('={{ $json.view }}') }, [
			{ view: '12abc' },
		]);
		expectRefusedBeforeSending(notAnId, sandbox, 'View');
		const nothing = await views({ operation: 'searchTickets' });
		expectRefusedBeforeSending(nothing, sandbox, 'Search');
		const badLimit = await views(
			{ operation: 'getTickets', viewId: rl(view.id), limit: '={{ $json.limit }}' },
			[{ limit: 3 }, { limit: 0 }],
		);
		expectRefusedBeforeSending(badLimit, sandbox, 'Limit', 1);
	});

	it('several items: one list per item, paired with its input', async () => {
		const [a, b] = [
			sandbox.addView({ filter: { status: 'open' } }),
			sandbox.addView({ filter: { status: 'closed' } }),
		];
		sandbox.addTicket({ status: 'open' });
		sandbox.addTicket({ status: 'closed' });
		sandbox.addTicket({ status: 'closed' });
		const result = await views(
			{ operation: 'getTickets', viewId: rl('={{ $json.view }}'), returnAll: true },
			[{ view: b.id }, { view: a.id }],
		);
		expect(result.error).toBeUndefined();
		expect(pairedOf(result)).toEqual([0, 0, 1]);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.listViewItems)).toHaveLength(2);
	});
});
