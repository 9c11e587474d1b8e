import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { expectRefusedBeforeSending, rl, sharedSandbox } from '../kit';
import { runZaia, startSandbox } from './setup';

const TICKET = '3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f';
const USER = '0b9d6f0e-3c1a-4d8e-9f2b-7a6c5d4e3f21';
const CHAT = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

interface BadInput {
	what: string;
	parameters: INodeParameters;
	items?: IDataObject[];
	/** The parameter label the error must name. */
	names: string;
	/** Index of the bad item (0 unless items say otherwise). */
	item?: number;
}

// Values come from expressions, as they do when ids flow in from earlier steps: a literal
// typed in the editor is already checked by n8n itself (see the last test).
const BAD_INPUTS: BadInput[] = [
	{
		what: 'ticket id that is not a UUID',
		items: [{ v: '12345' }],
		parameters: { operation: 'get', ticketId: rl('={{ $json.v }}') },
		names: 'Ticket',
	},
	{
		what: 'empty ticket id',
		items: [{ v: '' }],
		parameters: { operation: 'get', ticketId: rl('={{ $json.v }}') },
		names: 'Ticket',
	},
	{
		what: 'ticket id with spaces inside',
		items: [{ v: '3f2b8c1e 5a4d' }],
		parameters: { operation: 'complete', ticketId: rl('={{ $json.v }}'), userId: rl(USER) },
		names: 'Ticket',
	},
	{
		what: 'ticket id from an expression giving a number',
		items: [{ id: 42 }],
		parameters: { operation: 'get', ticketId: rl('={{ $json.id }}') },
		names: 'Ticket',
	},
	{
		what: 'ticket id from an expression giving an object',
		items: [{ id: { nested: TICKET } }],
		parameters: { operation: 'get', ticketId: rl('={{ $json.id }}') },
		names: 'Ticket',
	},
	{
		what: 'ticket id from an expression giving null',
		items: [{ id: null }],
		parameters: { operation: 'assign', ticketId: rl('={{ $json.id }}'), assigneeId: rl(USER) },
		names: 'Ticket',
	},
	{
		what: 'completing user not a UUID',
		items: [{ v: 'agent-7' }],
		parameters: { operation: 'complete', ticketId: rl(TICKET), userId: rl('={{ $json.v }}') },
		names: 'Completed By',
	},
	{
		what: 'empty assignee on assign',
		items: [{ v: '  ' }],
		parameters: { operation: 'assign', ticketId: rl(TICKET), assigneeId: rl('={{ $json.v }}') },
		names: 'Assignee',
	},
	{
		what: 'assignee email instead of id on take over',
		items: [{ v: 'ana@example.com' }],
		parameters: { operation: 'takeOver', ticketId: rl(TICKET), assigneeId: rl('={{ $json.v }}') },
		names: 'Assignee',
	},
	{
		what: 'chat id missing on create',
		items: [{ v: '' }],
		parameters: {
			operation: 'create',
			chatId: '={{ $json.v }}',
			assigneeId: rl(USER),
			status: 'pending',
		},
		names: 'Chat ID',
	},
	{
		what: 'chat id not a UUID on create',
		parameters: { operation: 'create', chatId: 'chat-1', assigneeId: rl(USER), status: 'pending' },
		names: 'Chat ID',
	},
	{
		what: 'team not a UUID on create',
		items: [{ v: 'support' }],
		parameters: {
			operation: 'create',
			chatId: CHAT,
			ticketingTeamId: rl('={{ $json.v }}'),
			assigneeId: rl(USER),
			status: 'pending',
		},
		names: 'Ticketing Team',
	},
	{
		what: 'empty status from an expression on create',
		items: [{ status: '' }],
		parameters: {
			operation: 'create',
			chatId: CHAT,
			assigneeId: rl(USER),
			status: '={{ $json.status }}',
		},
		names: 'Status',
	},
	{
		what: 'no tags to add',
		parameters: { operation: 'addTags', ticketId: rl(TICKET), tags: {} },
		names: 'Tags',
	},
	{
		what: 'a tag id that is not a UUID',
		items: [{ v: 'vip' }],
		parameters: {
			operation: 'removeTags',
			ticketId: rl(TICKET),
			tags: { tag: [{ tagId: rl('={{ $json.v }}') }] },
		},
		names: 'Tags',
	},
	{
		what: 'one bad id in a list of tags from an expression',
		items: [{ tags: [TICKET, 'oops'] }],
		parameters: {
			operation: 'addTags',
			ticketId: rl(TICKET),
			tags: { tag: [{ tagId: rl('={{ $json.tags }}') }] },
		},
		names: 'Tags',
	},
	{
		what: 'limit of zero',
		parameters: { operation: 'getMany', status: 'pending', returnAll: false, limit: 0 },
		names: 'Limit',
	},
	{
		what: 'limit that is not a whole number (expression)',
		items: [{ n: 'ten' }],
		parameters: {
			operation: 'getMany',
			status: 'pending',
			returnAll: false,
			limit: '={{ $json.n }}',
		},
		names: 'Limit',
	},
	{
		what: 'assignee filter with a non-UUID',
		parameters: {
			operation: 'getMany',
			status: 'pending',
			returnAll: true,
			filters: { assigneeIds: `${USER}, bob` },
		},
		names: 'Filters → Assignee IDs',
	},
	{
		what: 'tag filter list holding an object',
		items: [{ tags: [{ id: TICKET }] }],
		parameters: {
			operation: 'getMany',
			status: 'pending',
			returnAll: true,
			filters: { tagIds: '={{ $json.tags }}' },
		},
		names: 'Filters → Tag Names or IDs',
	},
	{
		what: 'the second of three items is bad: nothing is sent for any of them',
		items: [{ id: TICKET }, { id: 'nope' }, { id: TICKET }],
		parameters: { operation: 'get', ticketId: rl('={{ $json.id }}') },
		names: 'Ticket',
		item: 1,
	},
];

describe('Zaia node rejects bad input before sending anything', () => {
	let sandbox: ZaiaSandbox;

	sharedSandbox(startSandbox, (started) => {
		sandbox = started;
	});

	it('covers at least 15 distinct bad inputs', () => {
		expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(15);
	});

	it('a literal non-UUID typed "By ID" is stopped by the n8n parameter check', async () => {
		await expect(
			runZaia(sandbox, { parameters: { operation: 'get', ticketId: rl('12345') } }),
		).rejects.toThrow('Not a valid Zaia ID (a UUID)');
		expect(sandbox.requests).toEqual([]);
	});

	it.each(BAD_INPUTS)('$what → names "$names", sends no request', async (bad) => {
		const result = await runZaia(sandbox, { parameters: bad.parameters, items: bad.items });
		const item = bad.item ?? 0;
		expect(result.error).toBeDefined();
		expectRefusedBeforeSending(result, sandbox, bad.names, item);
		expect(result.error?.itemIndex).toBe(item);
	});
});
