/**
 * When items are checked: all before the first request (the default: a bad item leaves nothing
 * sent), or each just before its own request (the "Check Each Item Just Before Sending" option:
 * faster, and the user accepts that earlier items may already be sent). Through n8n's engine
 * against the Zaia sandbox.
 */
import { randomUUID } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { expectRefusedBeforeSending, jsonOf, pairedOf, rl, sandboxPerTest } from '../kit';
import { runZaia, startSandbox } from '../zaia/setup';

describe('when items are checked', () => {
	let zaia: ZaiaSandbox;
	sandboxPerTest(startSandbox, (started) => {
		zaia = started;
	});

	/** The tickets of every item but the bad item 3, in input order. */
	const goodIds = (tickets: Array<{ id: string }>) =>
		tickets.filter((_, index) => index !== 3).map((ticket) => ticket.id);

	/** Six items to assign; item 3's ticket ID is not a UUID. */
	const assignWithBadItem = async (options: INodeParameters, continueOnFail: boolean) => {
		const tickets = Array.from({ length: 6 }, () => zaia.addTicket({ status: 'pending' }));
		const items = tickets.map((ticket) => ({ id: ticket.id }));
		items[3] = { id: 'not-a-ticket-id' };
		const assigneeId = randomUUID();
		const result = await runZaia(zaia, {
			items,
			parameters: {
				operation: 'assign',
				ticketId: rl('={{ $json.id }}'),
				assigneeId: rl(assigneeId),
				options,
			},
			continueOnFail,
		});
		const assigned = zaia
			.requestsTo(ZAIA_ROUTES.assignTicket)
			.map((request) => request.path.split('/')[4]);
		return { result, tickets, assigned, assigneeId };
	};

	it('by default checks every item first: a bad item 3 leaves nothing sent', async () => {
		const { result } = await assignWithBadItem({}, false);
		expectRefusedBeforeSending(result, zaia, 'Ticket', 3);
	});

	it('by default under continue-on-fail: the bad item fails, the others are sent', async () => {
		const { result, tickets, assigned } = await assignWithBadItem({}, true);
		expect(result.error).toBeUndefined();
		expect(assigned.sort()).toEqual(goodIds(tickets).sort());
		expect(pairedOf(result)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(String(jsonOf(result)[3].error)).toContain('Invalid "Ticket" in item 3');
	});

	it('checking each item just before sending: items before the bad one are already sent, none after it', async () => {
		// One at a time, so "before" and "after" are the input order.
		const { result, tickets, assigned, assigneeId } = await assignWithBadItem(
			{ checkEachItemJustBeforeSending: true, concurrencyMode: 'fixed', concurrency: 1 },
			false,
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('Invalid "Ticket" in item 3');
		expect(result.items).toEqual([]);
		expect(assigned).toEqual(tickets.slice(0, 3).map((ticket) => ticket.id));
		// Those three tickets really changed: what the option's description warns about.
		for (const ticket of tickets.slice(0, 3)) {
			expect(zaia.ticketDetail(ticket.id).assigneeId).toBe(assigneeId);
		}
		for (const ticket of tickets.slice(4)) {
			expect(zaia.ticketDetail(ticket.id).assigneeId).not.toBe(assigneeId);
		}
	});

	it('checking each item just before sending under continue-on-fail: only the bad item fails, in its place', async () => {
		const { result, tickets, assigned } = await assignWithBadItem(
			{ checkEachItemJustBeforeSending: true },
			true,
		);
		expect(result.error).toBeUndefined();
		expect(assigned.sort()).toEqual(goodIds(tickets).sort());
		const json = jsonOf(result);
		expect(pairedOf(result)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(String(json[3].error)).toContain('Invalid "Ticket" in item 3');
		expect(json.filter((item) => item.error === undefined).map((item) => item.id)).toEqual(
			goodIds(tickets),
		);
	});
});
