import { callListSearch, callLoadOptions, testCredential } from '../../dev/harness';
import type { ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { sandboxPerTest } from '../kit';
import { CANARY, credentialsFor, startSandbox, ZAIA_NODE } from './setup';

describe('Zaia searchable lists, dropdowns and credential', () => {
	let sandbox: ZaiaSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const listSearch = async (method: string, filter?: string, paginationToken?: string) =>
		await callListSearch({
			nodeType: ZAIA_NODE,
			method,
			filter,
			paginationToken,
			parameters: { resource: 'ticket', operation: 'get' },
			credentials: credentialsFor(sandbox),
		});

	it('ticket list searches every status through Zaia and pages on', async () => {
		const match = sandbox.addTicket({ status: 'ongoing', summary: 'Damaged parcel' });
		sandbox.addTicket({ status: 'pending', summary: 'Login problem' });
		const result = await listSearch('searchTickets', 'parcel');
		expect(result.results.map((entry) => entry.value)).toEqual([match.id]);
		expect(result.results[0].name).toContain('Damaged parcel');
		expect(result.paginationToken).toBeUndefined();
		const queries = sandbox.requests.map((request) => request.query);
		expect(queries.map((query) => query.status)).toEqual(['pending', 'ongoing', 'completed']);
		expect(queries.every((query) => query.search === 'parcel' && query.pageNumber === '1')).toBe(
			true,
		);

		for (let i = 0; i < 25; i++) sandbox.addTicket({ status: 'completed', summary: `case ${i}` });
		const first = await listSearch('searchTickets');
		expect(first.paginationToken).toBe('2');
		const second = await listSearch('searchTickets', undefined, first.paginationToken);
		expect(second.results.length).toBeGreaterThan(0);
		expect(
			second.results.some((entry) => first.results.some((seen) => seen.value === entry.value)),
		).toBe(false);
	});

	it('team and tag lists filter by name and skip removed teams', async () => {
		const billing = sandbox.addTeam({ name: 'Billing' });
		sandbox.addTeam({ name: 'Shipping' });
		sandbox.addTeam({ name: 'Billing (old)', isRemoved: true });
		const teams = await listSearch('searchTeams', 'bill');
		expect(teams.results).toEqual([{ name: 'Billing', value: billing.id }]);

		const vip = sandbox.addTag({ name: 'VIP' });
		sandbox.addTag({ name: 'refund' });
		const tags = await listSearch('searchTags', 'vi');
		expect(tags.results).toEqual([{ name: 'VIP', value: vip.id }]);
	});

	it('assignee list offers the assignees of recent tickets, once each', async () => {
		const ana = sandbox.addUser({ name: 'Ana Ops', email: 'ana@example.com' });
		const bo = sandbox.addUser({ name: 'Bo Desk', email: 'bo@example.com' });
		sandbox.addTicket({ status: 'ongoing', assigneeId: ana.id });
		sandbox.addTicket({ status: 'completed', assigneeId: ana.id });
		sandbox.addTicket({ status: 'completed', assigneeId: bo.id });
		sandbox.addTicket({ status: 'pending', assigneeId: null });
		const all = await listSearch('searchAssignees');
		expect(all.results).toEqual([
			{ name: 'Ana Ops (ana@example.com)', value: ana.id },
			{ name: 'Bo Desk (bo@example.com)', value: bo.id },
		]);
		const filtered = await listSearch('searchAssignees', 'bo@');
		expect(filtered.results.map((entry) => entry.value)).toEqual([bo.id]);
	});

	it('tag and responder dropdowns load every page', async () => {
		for (let i = 0; i < 120; i++) sandbox.addTag({ name: `tag ${String(i).padStart(3, '0')}` });
		const tags = await callLoadOptions({
			nodeType: ZAIA_NODE,
			method: 'getTags',
			credentials: credentialsFor(sandbox),
		});
		expect(tags).toHaveLength(120);
		expect(sandbox.requests.map((request) => request.query.pageNumber)).toEqual(['1', '2']);

		const responder = sandbox.addResponder({ name: 'Sales agent', entity: 'agents' });
		const responders = await callLoadOptions({
			nodeType: ZAIA_NODE,
			method: 'getResponders',
			credentials: credentialsFor(sandbox),
		});
		expect(responders).toEqual([{ name: 'Sales agent (agents)', value: responder.id }]);
	});

	it('the credential test passes with the key and fails with a wrong one', async () => {
		const ok = await testCredential({
			type: 'zaiaApi',
			data: { apiKey: CANARY, baseUrl: sandbox.baseUrl },
		});
		expect(ok.status).toBe('OK');
		const [request] = sandbox.requests;
		expect(request.path).toBe('/api/v1/ticketing-teams');
		expect(request.query).toEqual({ pageNumber: '1', pageSize: '1' });
		expect(request.headers.authorization).toBe(CANARY);

		const wrong = await testCredential({
			type: 'zaiaApi',
			data: { apiKey: 'zaia_sk_nope', baseUrl: sandbox.baseUrl },
		});
		expect(wrong.status).toBe('Error');
		expect(wrong.httpCode).toBe(401);
	});

	it('a pasted "Bearer " prefix and a trailing slash on the base URL are tolerated', async () => {
		const result = await testCredential({
			type: 'zaiaApi',
			data: { apiKey: `  Bearer ${CANARY} `, baseUrl: `${sandbox.baseUrl}/` },
		});
		expect(result.status).toBe('OK');
		expect(sandbox.requests[0].headers.authorization).toBe(CANARY);
		expect(sandbox.requests[0].path).toBe('/api/v1/ticketing-teams');
	});
});
