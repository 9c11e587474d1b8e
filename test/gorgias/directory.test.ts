import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, rl, sandboxPerTest, sent } from '../kit';
import { runGorgias, startSandbox } from './setup';

describe('Gorgias users, teams and search', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const run = (resource: string, parameters: INodeParameters, items?: IDataObject[]) =>
		runGorgias(sandbox, { parameters: { resource, ...parameters }, items });

	describe('User', () => {
		it('Get by ID reads the user; by email looks the user up first', async () => {
			const ana = sandbox.addUser({ name: 'Ana', email: 'ana@acme.example' });
			const byId = await run('user', { operation: 'get', userId: rl(ana.id, 'list') });
			expect(byId.error).toBeUndefined();
			expect(sent(sandbox)).toEqual([`GET /api/users/${ana.id}`]);
			expect(jsonOf(byId)).toEqual([sandbox.state.userJson(ana)]);

			sandbox.clearLog();
			const byEmail = await run('user', {
				operation: 'get',
				userId: { __rl: true, mode: 'email', value: 'ana@acme.example' },
			});
			expect(byEmail.error).toBeUndefined();
			expect(sent(sandbox)).toEqual(['GET /api/users', `GET /api/users/${ana.id}`]);
			expect(sandbox.requests[0].query).toEqual({ email: 'ana@acme.example', limit: '1' });
			expect(jsonOf(byEmail)).toEqual([sandbox.state.userJson(ana)]);
		});

		it('Get by an email no user has fails with that email, after the lookup only', async () => {
			const result = await run('user', {
				operation: 'get',
				userId: { __rl: true, mode: 'email', value: 'nobody@acme.example' },
			});
			expect(result.error?.message).toBe('No Gorgias user has the email nobody@acme.example');
			expect(sent(sandbox)).toEqual(['GET /api/users']);
		});

		it('Get Many sends roles as repeated keys and the other filters; Return All and Limit', async () => {
			sandbox.addUser({ name: 'Zed', role: { name: 'admin' } });
			sandbox.addUser({ name: 'Ana', role: { name: 'agent' } });
			sandbox.addUser({ name: 'Bot', role: { name: 'bot' } });
			const result = await run('user', {
				operation: 'getMany',
				returnAll: true,
				filters: { roles: ['admin', 'agent'], orderBy: 'name:desc', availableFirst: true },
			});
			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((user) => user.name)).toEqual(['Zed', 'Ana']);
			expect(sandbox.requests[0].query).toEqual({
				roles: ['admin', 'agent'],
				order_by: 'name:desc',
				available_first: 'true',
				limit: '100',
			});

			for (let i = 0; i < 120; i++) sandbox.addUser();
			sandbox.clearLog();
			const all = await run('user', { operation: 'getMany', returnAll: true });
			expect(jsonOf(all)).toHaveLength(123);
			expect(sandbox.requests).toHaveLength(2);
			sandbox.clearLog();
			const some = await run('user', {
				operation: 'getMany',
				limit: 4,
				filters: { search: 'ana' },
			});
			expect(jsonOf(some).map((user) => user.name)).toEqual(['Ana']);
			expect(sandbox.requests[0].query).toEqual({ search: 'ana', limit: '4' });
		});

		it('Create sends email, name, role and the chosen fields', async () => {
			const result = await run('user', {
				operation: 'create',
				email: 'new@acme.example',
				name: 'New Agent',
				role: 'lite-agent',
				additionalFields: { country: 'fr', language: 'fr', timezone: 'Europe/Paris' },
			});
			expect(result.error).toBeUndefined();
			expect(sandbox.requestsTo(GORGIAS_ROUTES.createUser)[0].body).toEqual({
				email: 'new@acme.example',
				name: 'New Agent',
				role: { name: 'lite-agent' },
				country: 'FR',
				language: 'fr',
				timezone: 'Europe/Paris',
			});
			expect(jsonOf(result)[0]).toMatchObject({ email: 'new@acme.example', country: 'FR' });
		});

		it('Update sends only the chosen fields', async () => {
			const user = sandbox.addUser();
			const result = await run('user', {
				operation: 'update',
				userId: rl(user.id),
				updateFields: { name: 'Renamed', role: 'admin', bio: 'Night shift' },
			});
			expect(result.error).toBeUndefined();
			expect(sandbox.requestsTo(GORGIAS_ROUTES.updateUser)[0].body).toEqual({
				name: 'Renamed',
				role: { name: 'admin' },
				bio: 'Night shift',
			});
			expect(sandbox.state.users.get(user.id)).toMatchObject({
				name: 'Renamed',
				bio: 'Night shift',
			});
		});

		it('bad input is refused before any request', async () => {
			expectRefusedBeforeSending(
				await run('user', { operation: 'create', email: 'not-an-email', name: 'X' }),
				sandbox,
				'Email',
			);
			expectRefusedBeforeSending(
				await run('user', {
					operation: 'create',
					email: 'x@acme.example',
					name: 'X',
					additionalFields: { country: 'France' },
				}),
				sandbox,
				'Additional Fields → Country',
			);
			const user = sandbox.addUser();
			expectRefusedBeforeSending(
				await run('user', { operation: 'update', userId: rl(user.id) }),
				sandbox,
				'Update Fields',
			);
			expectRefusedBeforeSending(
				await run('user', {
					operation: 'create',
					email: 'x@acme.example',
					name: 'X',
					role: 'owner',
				}),
				sandbox,
				'Role',
			);
			expectRefusedBeforeSending(
				await run('user', { operation: 'get', userId: rl('={{ $json.who }}') }, [{ who: 'ana@' }]),
				sandbox,
				'User',
			);
		});
	});

	describe('Team', () => {
		it('Get, Get Many with order and paging', async () => {
			const team = sandbox.addTeam({ name: 'Tier 2' });
			const got = await run('team', { operation: 'get', teamId: rl(team.id, 'list') });
			expect(sent(sandbox)).toEqual([`GET /api/teams/${team.id}`]);
			expect(jsonOf(got)).toEqual([sandbox.state.teamJson(team)]);

			for (let i = 0; i < 104; i++) sandbox.addTeam({ name: `Team ${String(i).padStart(3, '0')}` });
			sandbox.clearLog();
			const all = await run('team', { operation: 'getMany', returnAll: true, orderBy: 'name:asc' });
			expect(jsonOf(all)).toHaveLength(105);
			expect(jsonOf(all)[0].name).toBe('Team 000');
			expect(sandbox.requests.map((request) => request.query.order_by)).toEqual([
				'name:asc',
				'name:asc',
			]);
			sandbox.clearLog();
			const newest = await run('team', { operation: 'getMany', limit: 1 });
			expect(jsonOf(newest).map((entry) => entry.name)).toEqual(['Team 103']);
			expect(sandbox.requests[0].query).toEqual({ order_by: 'created_datetime:desc', limit: '1' });
		});

		it('Create and Update send name, description, emoji and members', async () => {
			const [a, b] = [sandbox.addUser(), sandbox.addUser()];
			const created = await run('team', {
				operation: 'create',
				name: 'Returns',
				additionalFields: { description: 'RMA desk', emoji: '📦', memberIds: `${a.id}, ${b.id}` },
			});
			expect(created.error).toBeUndefined();
			expect(sandbox.requestsTo(GORGIAS_ROUTES.createTeam)[0].body).toEqual({
				name: 'Returns',
				description: 'RMA desk',
				decoration: { emoji: '📦' },
				members: [{ id: a.id }, { id: b.id }],
			});
			const id = Number(jsonOf(created)[0].id);
			const updated = await run('team', {
				operation: 'update',
				teamId: rl(id),
				updateFields: { memberIds: [b.id], name: 'Returns EU' },
			});
			expect(updated.error).toBeUndefined();
			expect(sandbox.requestsTo(GORGIAS_ROUTES.updateTeam)[0].body).toEqual({
				members: [{ id: b.id }],
				name: 'Returns EU',
			});
			expect(jsonOf(updated)[0]).toMatchObject({ name: 'Returns EU', members: [{ id: b.id }] });
		});

		it('bad input is refused before any request', async () => {
			expectRefusedBeforeSending(
				await run('team', { operation: 'create', name: '   ' }),
				sandbox,
				'Name',
			);
			expectRefusedBeforeSending(
				await run('team', {
					operation: 'create',
					name: 'T',
					additionalFields: { memberIds: '12, abc' },
				}),
				sandbox,
				'Additional Fields → Member IDs',
			);
			const team = sandbox.addTeam();
			expectRefusedBeforeSending(
				await run('team', { operation: 'update', teamId: rl(team.id), updateFields: {} }),
				sandbox,
				'Update Fields',
			);
		});
	});

	describe('Search', () => {
		it('sends type, query and size; one output item per record found', async () => {
			sandbox.addTeam({ name: 'Tier 2' });
			sandbox.addTeam({ name: 'Tier 3' });
			sandbox.addTeam({ name: 'Billing' });
			const result = await run('search', {
				operation: 'search',
				searchType: 'team',
				query: 'tier',
				size: 50,
			});
			expect(result.error).toBeUndefined();
			expect(sent(sandbox)).toEqual(['POST /api/search']);
			expect(sandbox.requests[0].body).toEqual({ type: 'team', query: 'tier', size: 50 });
			expect(jsonOf(result).map((team) => team.name)).toEqual(['Tier 2', 'Tier 3']);
		});

		it('refuses a size over 50 and a type Gorgias does not search, before sending', async () => {
			expectRefusedBeforeSending(
				await run('search', { operation: 'search', searchType: 'team', size: 51 }),
				sandbox,
				'Max Results',
			);
			expectRefusedBeforeSending(
				await run('search', { operation: 'search', searchType: 'ticket' }),
				sandbox,
				'Type',
			);
		});
	});

	it('as an AI tool: parameters filled by $fromAI run the same requests', async () => {
		const ana = sandbox.addUser({ name: 'Ana', email: 'ana@acme.example' });
		const view = sandbox.addView({ filter: { status: 'open' } });
		sandbox.addTicket({ status: 'open' });
		sandbox.addTicket({ status: 'open' });
		const user = await run(
			'user',
			{ operation: 'get', userId: "={{ $fromAI('user', 'ID or email of the agent') }}" },
			[{ user: 'ana@acme.example' }],
		);
		expect(user.error).toBeUndefined();
		expect(jsonOf(user)).toEqual([sandbox.state.userJson(ana)]);
		sandbox.clearLog();
		const tickets = await run(
			'view',
			{
				operation: 'getTickets',
				viewId: "={{ $fromAI('view', 'view ID', 'number') }}",
				limit: "={{ $fromAI('limit', 'how many', 'number') }}",
			},
			[{ view: view.id, limit: 1 }],
		);
		expect(tickets.error).toBeUndefined();
		expect(jsonOf(tickets)).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({
			path: `/api/views/${view.id}/items`,
			query: { limit: '1' },
		});
	});
});
