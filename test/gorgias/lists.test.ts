import { callListSearch, callLoadOptions } from '../../dev/harness';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { sandboxPerTest, sent } from '../kit';
import { apiKeyCredentials, GORGIAS_NODE, startSandbox } from './setup';

describe('Gorgias searchable lists and dropdowns', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const search = async (method: string, filter?: string, paginationToken?: string) =>
		await callListSearch({
			nodeType: GORGIAS_NODE,
			method,
			filter,
			paginationToken,
			parameters: { authentication: 'apiKey', resource: 'ticket', operation: 'get' },
			credentials: apiKeyCredentials(sandbox),
		});

	it('tickets: newest first, filtered, paged with Gorgias cursors', async () => {
		for (let i = 0; i < 60; i++)
			sandbox.addTicket({ subject: i === 59 ? 'Broken zipper' : `Order ${i}` });
		const first = await search('searchTickets');
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toContain('Broken zipper');
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await search('searchTickets', undefined, first.paginationToken);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		expect(sandbox.requests[0].query).toEqual({ limit: '50', order_by: 'created_datetime:desc' });
		expect(sandbox.requests[1].query.cursor).toBe(first.paginationToken);

		const filtered = await search('searchTickets', 'zipper');
		expect(filtered.results.map((entry) => entry.name)).toEqual([
			expect.stringContaining('Broken zipper'),
		]);
	});

	it('users, teams, customers and views are listed and filtered by name or email', async () => {
		const ana = sandbox.addUser({ name: 'Ana Agent', email: 'ana@acme.example' });
		sandbox.addUser({ name: 'Bo Builder', email: 'bo@acme.example' });
		expect((await search('searchUsers', 'ana')).results).toEqual([
			{ name: 'Ana Agent (ana@acme.example)', value: String(ana.id) },
		]);

		const tier2 = sandbox.addTeam({ name: 'Tier 2' });
		sandbox.addTeam({ name: 'Billing' });
		expect((await search('searchTeams', 'tier')).results).toEqual([
			{ name: 'Tier 2', value: String(tier2.id) },
		]);

		const vip = sandbox.addCustomer({ name: 'Very Important', email: 'vip@example.com' });
		expect((await search('searchCustomers', 'vip@')).results).toEqual([
			{ name: 'Very Important (vip@example.com)', value: String(vip.id) },
		]);

		const view = sandbox.addView({ name: 'Urgent open' });
		expect((await search('searchViews', 'urgent')).results).toEqual([
			{ name: 'Urgent open', value: String(view.id) },
		]);
	});

	it('typed text is matched by Gorgias: user list `search`, and POST /search for teams and customers', async () => {
		const ana = sandbox.addUser({ name: 'Ana Agent', email: 'ana@acme.example' });
		for (let i = 0; i < 60; i++) sandbox.addUser({ name: `Agent ${i}` });
		// past the first page of the plain list: found only because Gorgias matched it
		const late = sandbox.addUser({ name: 'Zara Late', email: 'zara@acme.example' });
		expect((await search('searchUsers', 'zara')).results).toEqual([
			{ name: 'Zara Late (zara@acme.example)', value: String(late.id) },
		]);
		expect(sandbox.requests[0]).toMatchObject({
			path: '/api/users',
			query: { limit: '50', search: 'zara' },
		});
		expect((await search('searchUsers', 'ana@')).results.map((entry) => entry.value)).toEqual([
			String(ana.id),
		]);

		sandbox.clearLog();
		for (let i = 0; i < 60; i++) sandbox.addTeam({ name: `Squad ${i}` });
		const tier = sandbox.addTeam({ name: 'Tier 2' });
		expect((await search('searchTeams', 'tier')).results).toEqual([
			{ name: 'Tier 2', value: String(tier.id) },
		]);
		const vip = sandbox.addCustomer({ name: 'Very Important', email: 'vip@example.com' });
		expect((await search('searchCustomers', 'vip@')).results).toEqual([
			{ name: 'Very Important (vip@example.com)', value: String(vip.id) },
		]);
		expect(sandbox.requests.map((request) => [request.method, request.path, request.body])).toEqual(
			[
				['POST', '/api/search', { type: 'team', query: 'tier', size: 50 }],
				['POST', '/api/search', { type: 'customer', query: 'vip@', size: 50 }],
			],
		);

		// an empty box pages through the list, as before
		sandbox.clearLog();
		const page = await search('searchTeams');
		expect(page.results).toHaveLength(50);
		expect(page.paginationToken).toEqual(expect.any(String));
		expect(sent(sandbox)).toEqual(['GET /api/teams']);
	});

	it('tag dropdown loads every tag across pages', async () => {
		for (let i = 0; i < 130; i++) sandbox.addTag({ name: `tag-${String(i).padStart(3, '0')}` });
		const tags = await callLoadOptions({
			nodeType: GORGIAS_NODE,
			method: 'getTags',
			parameters: { authentication: 'apiKey' },
			credentials: apiKeyCredentials(sandbox),
		});
		expect(tags.length).toBeGreaterThanOrEqual(130);
		expect(sandbox.requests).toHaveLength(2);
	});
});
