import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { testCredential } from '../../dev/harness';
import { GURUSUP_ROUTES, type GuruSupSandbox } from '../../dev/sandboxes/gurusup';
import { expectRefusedBeforeSending, jsonOf, sandboxPerTest, visibleText } from '../kit';
import { CANARY, runGuruSup, startSandbox } from './setup';

const createParameters: INodeParameters = {
	operation: 'create',
	externalId: 'order1',
	subject: 'Help',
	sender: 'lucia@example.com',
	messages: { message: [{ body: 'Hello', externalId: 'm1', receivedAt: '2024-11-15T10:30:00Z' }] },
};

interface BadInput {
	what: string;
	parameters: INodeParameters;
	items?: IDataObject[];
	names: string;
}

// Values flow in through expressions, as they do from earlier steps.
const BAD_INPUTS: BadInput[] = [
	{
		what: 'sender that is not an email',
		items: [{ v: 'lucia.example.com' }],
		parameters: { ...createParameters, sender: '={{ $json.v }}' },
		names: 'Sender Email',
	},
	{
		what: 'empty subject',
		items: [{ v: '  ' }],
		parameters: { ...createParameters, subject: '={{ $json.v }}' },
		names: 'Subject',
	},
	{
		what: 'ticket external ID with a space',
		items: [{ v: 'order 1' }],
		parameters: { ...createParameters, externalId: '={{ $json.v }}' },
		names: 'Ticket External ID',
	},
	{
		what: 'ticket external ID with a slash',
		items: [{ v: 'a/b' }],
		parameters: {
			operation: 'update',
			externalId: '={{ $json.v }}',
			updateFields: { subject: 'x' },
		},
		names: 'Ticket External ID',
	},
	{
		what: 'message external ID with a dot',
		parameters: { ...createParameters, messages: { message: [{ body: 'x', externalId: 'm.1' }] } },
		names: 'Messages → message 1 → External ID',
	},
	{
		what: 'received_at that is not ISO 8601',
		parameters: {
			...createParameters,
			messages: { message: [{ body: 'x', receivedAt: '15/11/2024 10:30' }] },
		},
		names: 'Messages → message 1 → Received At',
	},
	{
		what: 'empty message body',
		items: [{ v: '' }],
		parameters: { ...createParameters, messages: { message: [{ body: '={{ $json.v }}' }] } },
		names: 'Messages → message 1 → Body',
	},
	{
		what: 'no messages on create',
		parameters: { ...createParameters, messages: {} },
		names: 'Messages',
	},
	{
		what: 'messages JSON that is not a list of objects',
		items: [{ v: ['just text'] }],
		parameters: { ...createParameters, messagesInput: 'json', messagesJson: '={{ $json.v }}' },
		names: 'Messages (JSON)',
	},
	{
		what: 'is_agent that is not a boolean in JSON messages',
		items: [{ v: [{ body: 'x', is_agent: 'maybe' }] }],
		parameters: { ...createParameters, messagesInput: 'json', messagesJson: '={{ $json.v }}' },
		names: 'Messages (JSON) → message 1 → Sent by Agent',
	},
	{
		what: 'the same message external ID twice',
		parameters: {
			...createParameters,
			messages: {
				message: [
					{ body: 'a', externalId: 'm1' },
					{ body: 'b', externalId: 'm1' },
				],
			},
		},
		names: 'Messages → message 2 → External ID',
	},
	{
		what: 'source that is not an integer',
		items: [{ v: 'api' }],
		parameters: { ...createParameters, additionalFields: { sources: '={{ $json.v }}' } },
		names: 'Additional Fields → Source',
	},
	{
		what: 'assign without any agent field',
		parameters: { operation: 'assign', externalId: 'T1' },
		names: 'Agent ID',
	},
	{
		what: 'agent email that is not an email',
		parameters: { operation: 'takeOver', externalId: 'T1', agentEmail: 'ana' },
		names: 'Agent Email',
	},
	{
		what: 'update with nothing to change',
		parameters: { operation: 'update', externalId: 'T1' },
		names: 'Update Fields',
	},
];

describe('GuruSup node: bad input, faults and secrets', () => {
	let sandbox: GuruSupSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	it('covers at least 10 bad inputs', () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(10));

	it.each(BAD_INPUTS)('$what → names "$names", sends nothing', async (bad) => {
		const result = await runGuruSup(sandbox, { parameters: bad.parameters, items: bad.items });
		expectRefusedBeforeSending(result, sandbox, bad.names);
	});

	it('retries an update after 503 and 429 and lands it once', async () => {
		sandbox.addTicket({ external_id: 'T1' });
		sandbox.injectFault(GURUSUP_ROUTES.updateTicket, { kind: 'status', status: 503 });
		sandbox.injectFault(GURUSUP_ROUTES.updateTicket, {
			kind: 'status',
			status: 429,
			headers: { 'retry-after': '0' },
		});
		const result = await runGuruSup(sandbox, {
			parameters: {
				operation: 'takeOver',
				externalId: 'T1',
				agentName: 'Ana',
				takeOverMessage: 'Hi, Ana here',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([503, 429, 202]);
		// every attempt carried the same generated message ID, so nothing can double
		const ids = sandbox.requests.map(
			(request) =>
				(request.body as { messages: Array<{ external_id: string }> }).messages[0].external_id,
		);
		expect(new Set(ids).size).toBe(1);
		expect(
			sandbox.ticket('T1')?.messages.filter((message) => message.body === 'Hi, Ana here'),
		).toHaveLength(1);
	});

	it('retries a listing after a dropped connection, a 500 and a 429', async () => {
		sandbox.seedDemo();
		sandbox.injectFault(GURUSUP_ROUTES.listTickets, { kind: 'drop' });
		sandbox.injectFault(GURUSUP_ROUTES.listTickets, { kind: 'status', status: 500 });
		sandbox.injectFault(GURUSUP_ROUTES.listTickets, {
			kind: 'status',
			status: 429,
			headers: { 'retry-after': '0' },
		});
		const result = await runGuruSup(sandbox, {
			parameters: { operation: 'getMany', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(15);
		expect(sandbox.requests.map((request) => request.status)).toEqual([null, 500, 429, 200]);
	});

	it('never sends a create twice, whatever the failure', async () => {
		for (const fault of [
			{ kind: 'status' as const, status: 503 },
			{ kind: 'status' as const, status: 429, headers: { 'retry-after': '0' } },
			{ kind: 'drop' as const },
		]) {
			sandbox.reset();
			sandbox.injectFault(GURUSUP_ROUTES.createTicket, fault);
			const result = await runGuruSup(sandbox, { parameters: createParameters });
			expect(result.error).toBeDefined();
			expect(sandbox.requests).toHaveLength(1);
			expect(sandbox.ticket('order1')).toBeUndefined();
		}
	});

	it("surfaces GuruSup's own message and code: 404 on an unknown ticket, 409 on a duplicate", async () => {
		const unknown = await runGuruSup(sandbox, {
			parameters: { operation: 'assign', externalId: 'nope1', agentId: 'a1' },
		});
		expect(unknown.error).toMatchObject({
			httpCode: '404',
			message: 'GuruSup API error 404: Ticket not found',
		});

		sandbox.addTicket({ external_id: 'order1' });
		const duplicate = await runGuruSup(sandbox, { parameters: createParameters });
		expect(duplicate.error?.httpCode).toBe('409');
		expect(duplicate.error?.message).toContain("Ticket with external_id 'order1' already exists");
	});

	it('continue on fail keeps going and pairs each result with its item', async () => {
		sandbox.addTicket({ external_id: 'T1' });
		const result = await runGuruSup(sandbox, {
			continueOnFail: true,
			items: [{ id: 'T1' }, { id: 'bad id' }, { id: 'T404' }],
			parameters: { operation: 'assign', externalId: '={{ $json.id }}', agentName: 'Ana' },
		});
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			0, 1, 2,
		]);
		const [ok, invalid, missing] = jsonOf(result);
		expect(ok).toMatchObject({ external_id: 'T1', agent_name: 'Ana' });
		expect(invalid.error).toContain('Invalid "Ticket External ID" in item 1');
		expect(missing).toEqual({ error: 'GuruSup API error 404: Ticket not found' });
	});

	it('never shows the API key, even when GuruSup echoes it back', async () => {
		sandbox.injectFault(GURUSUP_ROUTES.listTickets, {
			kind: 'status',
			status: 401,
			body: { message: `Invalid key ${CANARY}`, request: { headers: { 'x-api-key': CANARY } } },
		});
		const result = await runGuruSup(sandbox, {
			parameters: { operation: 'getMany', returnAll: true },
		});
		expect(result.error?.httpCode).toBe('401');
		expect(visibleText(result)).not.toContain(CANARY);
		expect(result.error?.message).toBe('GuruSup API error 401: Invalid key [redacted]');
	});

	it('the credential test passes with the key and fails without it', async () => {
		const base = `${sandbox.baseUrl}/api`;
		expect(
			(await testCredential({ type: 'guruSupApi', data: { apiKey: CANARY, baseUrl: base } }))
				.status,
		).toBe('OK');
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/tickets' });
		expect(sandbox.requests[0].headers['x-api-key']).toBe(CANARY);
		const wrong = await testCredential({
			type: 'guruSupApi',
			data: { apiKey: 'gs_wrong', baseUrl: base },
		});
		expect(wrong).toMatchObject({ status: 'Error', httpCode: 401 });
	});
});
