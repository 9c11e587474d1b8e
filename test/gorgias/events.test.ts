import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, sandboxPerTest } from '../kit';
import { runGorgias, startSandbox } from './setup';

describe('Gorgias events', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const events = (parameters: INodeParameters, items?: IDataObject[]) =>
		runGorgias(sandbox, {
			parameters: { resource: 'event', operation: 'getMany', ...parameters },
			items,
		});
	const record = (type: string, ticketId: number, at: string, userId: number | null = null) => {
		const event = sandbox.state.recordEvent(type, { type: 'Ticket', id: ticketId }, {}, userId);
		event.created_datetime = at;
		return event;
	};

	it('Get Many sends every filter: types as repeated keys, object, users and dates', async () => {
		const user = sandbox.addUser();
		const [a, b] = [sandbox.addTicket(), sandbox.addTicket()];
		record('ticket-created', a.id, '2030-01-01T09:00:00.000000+00:00', user.id);
		const wanted = record('ticket-closed', a.id, '2030-01-01T10:00:00.000000+00:00', user.id);
		record('ticket-closed', b.id, '2030-01-01T10:00:00.000000+00:00', user.id);
		record('ticket-closed', a.id, '2030-01-01T12:00:00.000000+00:00', user.id);
		const result = await events({
			returnAll: true,
			filters: {
				eventTypes: ['ticket-closed', 'ticket-reopened'],
				objectType: 'Ticket',
				objectId: String(a.id),
				userIds: String(user.id),
				createdAfter: '2030-01-01T09:30:00',
				createdBefore: '2030-01-01T11:00:00Z',
			},
			orderBy: 'created_datetime:asc',
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([wanted]);
		expect(sandbox.requests[0].query).toEqual({
			order_by: 'created_datetime:asc',
			types: ['ticket-closed', 'ticket-reopened'],
			object_type: 'Ticket',
			object_id: String(a.id),
			user_ids: String(user.id),
			'created_datetime[gte]': '2030-01-01T09:30:00Z',
			'created_datetime[lt]': '2030-01-01T11:00:00Z',
			limit: '100',
		});
	});

	it('Return All follows cursors; Limit stops there, newest first by default', async () => {
		const ticket = sandbox.addTicket();
		for (let i = 0; i < 130; i++)
			sandbox.state.recordEvent('ticket-updated', { type: 'Ticket', id: ticket.id });
		const all = await events({ returnAll: true });
		expect(jsonOf(all)).toHaveLength(130);
		expect(sandbox.requests).toHaveLength(2);
		expect(sandbox.requests[1].query.cursor).toEqual(expect.any(String));
		sandbox.clearLog();
		const some = await events({ limit: 3 });
		const newest = sandbox.events().slice(-3).reverse();
		expect(jsonOf(some)).toEqual(newest);
		expect(sandbox.requests[0].query).toEqual({ order_by: 'created_datetime:desc', limit: '3' });
	});

	it('refuses bad input before sending, naming the parameter and the item', async () => {
		expectRefusedBeforeSending(
			await events({ returnAll: true, filters: { eventTypes: ['ticket-exploded'] } }),
			sandbox,
			'Filters → Event Types',
		);
		expectRefusedBeforeSending(
			await events({ returnAll: true, filters: { createdAfter: '={{ $json.after }}' } }, [
				{ after: 'yesterday' },
			]),
			sandbox,
			'Filters → Created After',
		);
		expectRefusedBeforeSending(
			await events({ returnAll: true, filters: { userIds: '12, x' } }),
			sandbox,
			'Filters → User IDs',
		);
		expectRefusedBeforeSending(
			await events({ returnAll: true, filters: { objectType: 'Order' } }),
			sandbox,
			'Filters → Object Type',
		);
	});

	it('as an AI tool: the parameters the agent fills in ($fromAI) make the same request', async () => {
		const ticket = sandbox.addTicket();
		const event = sandbox.state.recordEvent('ticket-closed', { type: 'Ticket', id: ticket.id });
		const result = await runGorgias(sandbox, {
			items: [{ ticketId: ticket.id }],
			parameters: {
				resource: 'event',
				operation: 'getMany',
				limit: 10,
				filters: {
					objectType: 'Ticket',
					objectId: "={{ $fromAI('ticketId', 'ID of the ticket', 'number') }}",
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].query).toMatchObject({ object_id: String(ticket.id) });
		expect(jsonOf(result)).toEqual([event]);
	});
});
