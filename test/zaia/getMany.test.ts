import type { ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { jsonOf, pairedOf, sandboxPerTest } from '../kit';
import { runZaia, startSandbox } from './setup';

describe('Zaia Get Many: statuses, filters, pagination', () => {
	let sandbox: ZaiaSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const listRequests = () =>
		sandbox.requests.filter((request) => request.path === '/api/v1/tickets/details');

	it('Return All walks pages of 100 until a short page, and stops there', async () => {
		for (let i = 0; i < 230; i++) sandbox.addTicket({ status: 'pending' });
		const result = await runZaia(sandbox, {
			parameters: { operation: 'getMany', status: 'pending', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(listRequests().map((request) => request.query)).toEqual([
			{ status: 'pending', pageNumber: '1', pageSize: '100' },
			{ status: 'pending', pageNumber: '2', pageSize: '100' },
			{ status: 'pending', pageNumber: '3', pageSize: '100' },
		]);
		const ids = jsonOf(result).map((ticket) => ticket.id);
		expect(ids).toHaveLength(230);
		expect(new Set(ids).size).toBe(230);
		expect(new Set(pairedOf(result))).toEqual(new Set([0]));
	});

	it('Simplify gives every listed ticket the shared shape', async () => {
		const created = Array.from({ length: 3 }, () => sandbox.addTicket({ status: 'pending' }));
		const result = await runZaia(sandbox, {
			parameters: { operation: 'getMany', status: 'pending', returnAll: true, simplify: true },
		});
		const tickets = jsonOf(result);
		expect(tickets).toHaveLength(3);
		expect(new Set(tickets.map((ticket) => ticket.id))).toEqual(
			new Set(created.map((ticket) => ticket.id)),
		);
		for (const ticket of tickets) {
			expect(ticket).toMatchObject({
				provider: 'zaia',
				status: 'pending',
				raw: expect.any(Object),
			});
		}
	});

	it('an exact multiple of the page size ends with one empty page', async () => {
		for (let i = 0; i < 200; i++) sandbox.addTicket({ status: 'ongoing' });
		const result = await runZaia(sandbox, {
			parameters: { operation: 'getMany', status: 'ongoing', returnAll: true },
		});
		expect(jsonOf(result)).toHaveLength(200);
		expect(listRequests().map((request) => request.query.pageNumber)).toEqual(['1', '2', '3']);
	});

	it('a limit asks for no more than needed', async () => {
		for (let i = 0; i < 40; i++) sandbox.addTicket({ status: 'pending' });
		const result = await runZaia(sandbox, {
			parameters: { operation: 'getMany', status: 'pending', returnAll: false, limit: 7 },
		});
		expect(jsonOf(result)).toHaveLength(7);
		expect(listRequests().map((request) => request.query)).toEqual([
			{ status: 'pending', pageNumber: '1', pageSize: '7' },
		]);
	});

	it('All Statuses lists every status and merges them newest first', async () => {
		const created = ['pending', 'ongoing', 'completed', 'pending', 'completed'].map((status) =>
			sandbox.addTicket({ status }),
		);
		const result = await runZaia(sandbox, {
			parameters: { operation: 'getMany', status: 'all', returnAll: true },
		});
		expect(listRequests().map((request) => request.query.status)).toEqual([
			'pending',
			'ongoing',
			'completed',
		]);
		const expected = [...created].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
		expect(jsonOf(result).map((ticket) => ticket.id)).toEqual(expected.map((ticket) => ticket.id));
	});

	it('All Statuses with a limit returns the newest across statuses', async () => {
		const created = Array.from({ length: 9 }, (_, i) =>
			sandbox.addTicket({ status: ['pending', 'ongoing', 'completed'][i % 3] }),
		);
		const result = await runZaia(sandbox, {
			parameters: { operation: 'getMany', status: 'all', returnAll: false, limit: 4 },
		});
		const newest = [...created].reverse().slice(0, 4);
		expect(jsonOf(result).map((ticket) => ticket.id)).toEqual(newest.map((ticket) => ticket.id));
	});

	it('sends every filter in the documented form (repeated keys for lists)', async () => {
		const [tagA, tagB] = [sandbox.addTag(), sandbox.addTag()];
		const responder = sandbox.addResponder();
		const assignees = [
			'0b9d6f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21',
			'c1f6a0e2-8d3b-4e7f-a9c1-2b3d4e5f6a7b',
		];
		const chat = sandbox.addChat();
		const match = sandbox.addTicket({
			status: 'ongoing',
			assigneeId: assignees[1],
			chatId: chat.id,
			responderId: responder.id,
			summary: 'Broken zipper',
			tagIds: [tagB.id],
		});
		sandbox.addTicket({ status: 'ongoing', summary: 'Broken zipper' });

		const result = await runZaia(sandbox, {
			parameters: {
				operation: 'getMany',
				status: 'ongoing',
				returnAll: true,
				filters: {
					assigneeIds: assignees.join(', '),
					chatIds: chat.id,
					responderIds: [responder.id],
					tagIds: [tagA.id, tagB.id],
					includeRemoved: false,
					search: 'zipper',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(listRequests()[0].query).toEqual({
			status: 'ongoing',
			assigneeIds: assignees,
			chatIds: chat.id,
			responderIds: responder.id,
			tagIds: [tagA.id, tagB.id],
			includeRemoved: 'false',
			search: 'zipper',
			pageNumber: '1',
			pageSize: '100',
		});
		expect(jsonOf(result).map((ticket) => ticket.id)).toEqual([match.id]);
	});

	it('no tickets means no output items, after one request', async () => {
		const result = await runZaia(sandbox, {
			parameters: { operation: 'getMany', status: 'completed', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(listRequests()).toHaveLength(1);
	});

	it('each input item runs its own listing, paired to that item', async () => {
		const a = sandbox.addTicket({ status: 'pending', summary: 'alpha' });
		const b = sandbox.addTicket({ status: 'pending', summary: 'beta' });
		const result = await runZaia(sandbox, {
			items: [{ q: 'alpha' }, { q: 'beta' }],
			parameters: {
				operation: 'getMany',
				status: 'pending',
				returnAll: true,
				filters: { search: '={{ $json.q }}' },
			},
		});
		expect(jsonOf(result).map((ticket) => ticket.id)).toEqual([a.id, b.id]);
		expect(pairedOf(result)).toEqual([0, 1]);
	});
});
