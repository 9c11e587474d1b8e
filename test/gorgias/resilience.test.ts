import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GorgiasApi } from '../../credentials/GorgiasApi.credentials';
import { GorgiasOAuth2Api } from '../../credentials/GorgiasOAuth2Api.credentials';
import { resolveExpression, testCredential } from '../../dev/harness';
import { GORGIAS_ROUTES, type GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, rl, sharedSandbox, visibleText } from '../kit';
import {
	apiKeyCredentials,
	BEARER_CANARY,
	CANARY,
	oauthCredentials,
	runGorgias,
	startSandbox,
	USER_EMAIL,
} from './setup';

const apiCreate: INodeParameters = {
	operation: 'create',
	channel: 'api',
	customerEmail: 'lucia@example.com',
	body: 'Hello',
};

describe('Gorgias under the rate limit and faults', () => {
	let sandbox: GorgiasSandbox;

	afterEach(async () => {
		await sandbox.stop();
	});

	it('120 updates against a scaled bucket: none fails, few or no 429s, pace near the limit', async () => {
		sandbox = await startSandbox({ bucket: { capacity: 40, windowMs: 2_000 } });
		const tickets = Array.from({ length: 120 }, () => sandbox.addTicket({ status: 'open' }));
		const started = Date.now();
		const result = await runGorgias(sandbox, {
			credentials: apiKeyCredentials(sandbox, { rateWindowSeconds: 2 }),
			items: tickets.map((ticket) => ({ id: ticket.id })),
			parameters: {
				operation: 'update',
				ticketId: rl('={{ $json.id }}'),
				updateFields: { status: 'closed' },
			},
		});
		const seconds = (Date.now() - started) / 1000;
		const stats = sandbox.bucketStats();
		// eslint-disable-next-line no-console -- the figures are the point of this test's output
		console.log(`120 paced updates: ${seconds.toFixed(1)} s, ${stats.rejected429} answered 429`);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(120);
		expect(tickets.every((ticket) => sandbox.ticket(ticket.id)?.status === 'closed')).toBe(true);
		expect(stats.rejected429).toBeLessThanOrEqual(3);
		// every answer carried the bucket header the pacer reads
		expect(
			sandbox.requests.every((request) => request.status !== 200 || request.route !== null),
		).toBe(true);
	});

	it('a 429 is waited out (Retry-after) and the request succeeds, even a create', async () => {
		sandbox = await startSandbox();
		sandbox.injectFault(GORGIAS_ROUTES.createTicket, {
			kind: 'status',
			status: 429,
			headers: { 'retry-after': '1', 'x-gorgias-account-api-call-limit': '40/40' },
			body: { message: 'Too many requests' },
		});
		const result = await runGorgias(sandbox, { parameters: apiCreate });
		expect(result.error).toBeUndefined();
		const [first, second] = sandbox.requests;
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 201]);
		expect(second.receivedAt - (first.respondedAt ?? 0)).toBeGreaterThanOrEqual(950);
		expect(jsonOf(result)[0].id).toEqual(expect.any(Number));
	});

	it('a create that fails with 5xx or a dropped connection is not sent again', async () => {
		sandbox = await startSandbox();
		for (const fault of [{ kind: 'status' as const, status: 502 }, { kind: 'drop' as const }]) {
			sandbox.reset();
			sandbox.injectFault(GORGIAS_ROUTES.createTicket, fault);
			const result = await runGorgias(sandbox, { parameters: apiCreate });
			expect(result.error).toBeDefined();
			expect(sandbox.requests).toHaveLength(1);
		}
	});

	it('reads retry after 5xx and dropped connections', async () => {
		sandbox = await startSandbox();
		const ticket = sandbox.addTicket();
		sandbox.injectFault(GORGIAS_ROUTES.getTicket, { kind: 'status', status: 503 });
		sandbox.injectFault(GORGIAS_ROUTES.getTicket, { kind: 'drop' });
		const result = await runGorgias(sandbox, {
			parameters: { operation: 'get', ticketId: rl(ticket.id) },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([503, null, 200]);
	});

	it('continue on fail: a missing ticket becomes an error item, the rest go through', async () => {
		sandbox = await startSandbox();
		const ticket = sandbox.addTicket();
		const result = await runGorgias(sandbox, {
			continueOnFail: true,
			items: [{ id: ticket.id }, { id: 987654 }, { id: 'abc' }],
			parameters: { operation: 'complete', ticketId: rl('={{ $json.id }}') },
		});
		const [ok, missing, invalid] = jsonOf(result);
		expect(ok).toMatchObject({ id: ticket.id, status: 'closed' });
		expect(missing).toEqual({ error: 'Gorgias API error 404: Ticket not found' });
		expect(String(invalid.error)).toContain('Invalid "Ticket" in item 2');
	});

	it('the API key is in no error, even when Gorgias echoes it', async () => {
		sandbox = await startSandbox();
		const ticket = sandbox.addTicket();
		sandbox.injectFault(GORGIAS_ROUTES.updateTicket, {
			kind: 'status',
			status: 403,
			body: {
				message: `Forbidden for ${USER_EMAIL}:${CANARY}`,
				auth: `Basic ${Buffer.from(`${USER_EMAIL}:${CANARY}`).toString('base64')}`,
			},
		});
		const result = await runGorgias(sandbox, {
			parameters: { operation: 'complete', ticketId: rl(ticket.id) },
		});
		expect(result.error?.httpCode).toBe('403');
		expect(visibleText(result)).not.toContain(CANARY);
		expect(visibleText(result)).not.toContain(
			Buffer.from(`${USER_EMAIL}:${CANARY}`).toString('base64'),
		);
	});
});

describe('Gorgias credentials: subdomain and credential test', () => {
	let sandbox: GorgiasSandbox;

	sharedSandbox(startSandbox, (started) => {
		sandbox = started;
	});

	it.each([
		'evil.com/',
		'a@b',
		'acme.gorgias.com.evil.com',
		'acme.gorgias.com:8443',
		'acme/path',
		'https://evil.com/x',
	])('node refuses subdomain %j before sending anything', async (subdomain) => {
		const result = await runGorgias(sandbox, {
			credentials: apiKeyCredentials(sandbox, { subdomain, baseUrlOverride: '' }),
			parameters: { operation: 'get', ticketId: rl(1) },
		});
		expect(result.error?.message).toBe(
			'The Gorgias credential\'s "Subdomain" is not a Gorgias account',
		);
		expect(sandbox.requests).toEqual([]);
	});

	it.each([
		['acme', 'https://acme.gorgias.com'],
		['ACME.gorgias.com', 'https://acme.gorgias.com'],
		['https://acme.gorgias.com/app/ticket/1', 'https://acme.gorgias.com'],
		['evil.com/', 'https://invalid-subdomain.invalid'],
		['a@b', 'https://invalid-subdomain.invalid'],
		['acme.gorgias.com.evil.com', 'https://invalid-subdomain.invalid'],
		['acme.gorgias.com:8443', 'https://invalid-subdomain.invalid'],
		['https://evil.com/acme.gorgias.com', 'https://invalid-subdomain.invalid'],
	])('credential expressions send subdomain %j only to %s', async (subdomain, origin) => {
		const api = new GorgiasApi();
		const oauth = new GorgiasOAuth2Api();
		const field = (name: string) =>
			String(oauth.properties.find((property) => property.name === name)?.default);
		expect(
			await resolveExpression(String(api.test.request.baseURL), { $credentials: { subdomain } }),
		).toBe(origin);
		expect(
			await resolveExpression(String(oauth.test.request.baseURL), { $credentials: { subdomain } }),
		).toBe(origin);
		expect(await resolveExpression(field('authUrl'), { $self: { subdomain } })).toBe(
			`${origin}/oauth/authorize`,
		);
		expect(await resolveExpression(field('accessTokenUrl'), { $self: { subdomain } })).toBe(
			`${origin}/oauth/token`,
		);
	});

	it('a credential test with a bad subdomain fails: it goes to the unreachable .invalid host', async () => {
		const result = await testCredential({
			type: 'gorgiasApi',
			data: { subdomain: 'evil.com/', email: USER_EMAIL, apiKey: CANARY },
		});
		expect(result.status).toBe('Error');
		expect(result.httpCode).toBeUndefined();
	});

	it('OAuth2 credential test: GET /api/account with the bearer token', async () => {
		const result = await testCredential({
			type: 'gorgiasOAuth2Api',
			data: { ...oauthCredentials(sandbox).gorgiasOAuth2Api },
		});
		expect(result.status).toBe('OK');
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/api/account' });
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${BEARER_CANARY}`);
	});

	it('credential test: GET /api/account with Basic auth (via the override); wrong key fails', async () => {
		const ok = await testCredential({
			type: 'gorgiasApi',
			data: {
				subdomain: 'acme',
				email: USER_EMAIL,
				apiKey: CANARY,
				baseUrlOverride: `${sandbox.baseUrl}/`,
			},
		});
		expect(ok.status).toBe('OK');
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/api/account' });
		expect(sandbox.authKindOf(sandbox.requests[0])).toBe('api-key');
		const wrong = await testCredential({
			type: 'gorgiasApi',
			data: {
				subdomain: 'acme',
				email: USER_EMAIL,
				apiKey: 'nope-nope',
				baseUrlOverride: sandbox.baseUrl,
			},
		});
		expect(wrong).toMatchObject({ status: 'Error', httpCode: 401 });
	});
});

// Values come from expressions, as they do from earlier steps.
const BAD_INPUTS: Array<{
	what: string;
	parameters: INodeParameters;
	items?: IDataObject[];
	names: string;
}> = [
	{
		what: 'ticket id that is text',
		items: [{ v: 'abc' }],
		parameters: { operation: 'get', ticketId: rl('={{ $json.v }}') },
		names: 'Ticket',
	},
	{
		what: 'ticket id zero',
		items: [{ v: 0 }],
		parameters: { operation: 'complete', ticketId: rl('={{ $json.v }}') },
		names: 'Ticket',
	},
	{
		what: 'negative ticket id',
		items: [{ v: -5 }],
		parameters: { operation: 'reopen', ticketId: rl('={{ $json.v }}') },
		names: 'Ticket',
	},
	{
		what: 'fractional ticket id',
		items: [{ v: 1.5 }],
		parameters: { operation: 'delete', ticketId: rl('={{ $json.v }}') },
		names: 'Ticket',
	},
	{
		what: 'one bad id in a list',
		items: [{ v: [1, 'x'] }],
		parameters: { operation: 'get', ticketId: rl('={{ $json.v }}') },
		names: 'Ticket',
	},
	{
		what: 'customer email missing',
		items: [{ v: '' }],
		parameters: { ...apiCreate, customerEmail: '={{ $json.v }}' },
		names: 'Customer Email',
	},
	{
		what: 'customer email malformed',
		items: [{ v: 'lucia.example.com' }],
		parameters: { ...apiCreate, customerEmail: '={{ $json.v }}' },
		names: 'Customer Email',
	},
	{
		what: 'empty message',
		items: [{ v: ' ' }],
		parameters: { ...apiCreate, body: '={{ $json.v }}' },
		names: 'Message',
	},
	{
		what: 'email without the support address',
		items: [{ v: '' }],
		parameters: {
			...apiCreate,
			channel: 'email',
			direction: 'incoming',
			supportEmail: '={{ $json.v }}',
		},
		names: 'Support Email',
	},
	{
		what: 'phone with a malformed number',
		items: [{ v: 'call me' }],
		parameters: {
			...apiCreate,
			channel: 'phone',
			direction: 'incoming',
			customerPhone: '={{ $json.v }}',
			supportPhone: '+14155550199',
		},
		names: 'Customer Phone',
	},
	{
		what: 'internal note without a sender',
		parameters: { ...apiCreate, channel: 'internal-note', senderUser: rl('', 'list') },
		names: 'Sender (User)',
	},
	{
		what: 'outgoing email without a sender',
		parameters: {
			...apiCreate,
			channel: 'email',
			direction: 'outgoing',
			supportEmail: 'support@acme.example',
			senderUser: rl('', 'list'),
		},
		names: 'Sender (User)',
	},
	{
		what: 'meta that is not JSON',
		items: [{ v: '{oops' }],
		parameters: { ...apiCreate, additionalFields: { meta: '={{ $json.v }}' } },
		names: 'Additional Fields → Meta',
	},
	{
		what: 'update with nothing to change',
		parameters: { operation: 'update', ticketId: rl(5) },
		names: 'Update Fields',
	},
	{
		what: 'assign and unassign the user at once',
		parameters: {
			operation: 'update',
			ticketId: rl(5),
			updateFields: { assigneeUser: rl(7), unassignUser: true },
		},
		names: 'Update Fields → Unassign User',
	},
	{
		what: 'assign with nobody',
		parameters: { operation: 'assign', ticketId: rl(5) },
		names: 'Assignee User',
	},
	{
		what: 'tags with nothing chosen',
		parameters: { operation: 'addTags', ticketId: rl(5), tagNames: '', tagIds: [] },
		names: 'Tag Names',
	},
	{
		what: 'a limit of zero',
		parameters: { operation: 'getMany', returnAll: false, limit: 0 },
		names: 'Limit',
	},
	{
		what: 'reply by SMS without the support number',
		items: [{ v: '' }],
		parameters: {
			resource: 'message',
			operation: 'create',
			ticketId: rl(5),
			kind: 'reply',
			replyChannel: 'sms',
			senderUser: rl(3),
			customerPhone: '+14155550100',
			supportPhone: '={{ $json.v }}',
			body: 'Hi',
		},
		names: 'Support Phone Number',
	},
];

describe('Gorgias node rejects bad input before sending anything', () => {
	let sandbox: GorgiasSandbox;

	sharedSandbox(startSandbox, (started) => {
		sandbox = started;
	});

	it('covers at least 15 bad inputs', () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(15));

	it.each(BAD_INPUTS)('$what → names "$names"', async (bad) => {
		const result = await runGorgias(sandbox, { parameters: bad.parameters, items: bad.items });
		expectRefusedBeforeSending(result, sandbox, bad.names);
	});
});
