import { startGorgiasSandbox } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { call } from './client';

describe('Gorgias sandbox: views, search, users and teams', () => {
	let gorgias: GorgiasSandbox;

	beforeAll(async () => {
		gorgias = await startGorgiasSandbox({ bucket: false });
	});
	afterAll(async () => {
		await gorgias.stop();
	});
	beforeEach(() => gorgias.reset());

	const api = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
		await call(gorgias.baseUrl, `/api${path}`, {
			method,
			body,
			headers: { authorization: gorgias.basicAuthorization },
		});

	it('views: list newest first, items follow cursors, unknown query keys and limits are 400', async () => {
		const open = gorgias.addView({ name: 'Open', filter: { status: 'open' } });
		gorgias.addView({ name: 'Closed', filter: { status: 'closed' } });
		const list = (await api('GET', '/views')).json<{ data: Array<{ name: string }> }>();
		expect(list.data.map((view) => view.name)).toEqual(['Closed', 'Open']);

		for (let i = 0; i < 3; i++) gorgias.addTicket({ status: 'open' });
		gorgias.addTicket({ status: 'closed' });
		const first = await api('GET', `/views/${open.id}/items?limit=2`);
		const page = first.json<{ data: unknown[]; meta: { next_cursor: string } }>();
		expect(page.data).toHaveLength(2);
		const rest = await api(
			'GET',
			`/views/${open.id}/items?limit=2&cursor=${encodeURIComponent(page.meta.next_cursor)}`,
		);
		expect(rest.json<{ data: unknown[] }>().data).toHaveLength(1);

		expect((await api('GET', `/views/${open.id}/items?limit=101`)).status).toBe(400);
		expect((await api('GET', `/views/${open.id}/items?search=x`)).status).toBe(400);
		expect((await api('GET', '/views/999999/items')).status).toBe(404);
	});

	it('ad-hoc view 0: search and filters in the body; an unmodelled filter is a 400', async () => {
		gorgias.addTicket({ subject: 'Broken zipper', status: 'open' });
		gorgias.addTicket({ subject: 'Zipper again', status: 'closed' });
		gorgias.addTicket({ subject: 'Refund', status: 'open' });
		const found = await api('PUT', '/views/0/items', {
			view: { type: 'ticket-list', search: 'zipper', filters: "eq(ticket.status, 'open')" },
		});
		expect(found.json<{ data: Array<{ subject: string }> }>().data.map((t) => t.subject)).toEqual([
			'Broken zipper',
		]);
		const unknown = await api('PUT', '/views/0/items', {
			view: { filters: 'gte(ticket.created_datetime, 1)' },
		});
		expect(unknown.status).toBe(400);
		expect((await api('PUT', '/views/0/items', { search: 'x' })).status).toBe(400);
	});

	it('search: 201 with the list envelope; type required, size 1–50', async () => {
		gorgias.addTeam({ name: 'Tier 2' });
		gorgias.addTeam({ name: 'Billing' });
		const found = await api('POST', '/search', { type: 'team', query: 'tier' });
		expect(found.status).toBe(201);
		expect(found.json<{ data: Array<{ name: string }> }>().data.map((team) => team.name)).toEqual([
			'Tier 2',
		]);
		expect((await api('POST', '/search', { query: 'tier' })).status).toBe(400);
		expect((await api('POST', '/search', { type: 'ticket', query: 'x' })).status).toBe(400);
		expect((await api('POST', '/search', { type: 'team', size: 51 })).status).toBe(400);
	});

	it('users: by name by default, roles as repeated keys, create refuses customer fields', async () => {
		gorgias.addUser({ name: 'Zoe', role: { name: 'admin' } });
		gorgias.addUser({ name: 'Ana', role: { name: 'agent' } });
		gorgias.addUser({ name: 'Bot', role: { name: 'bot' } });
		const names = async (query: string) =>
			(await api('GET', `/users${query}`))
				.json<{ data: Array<{ name: string }> }>()
				.data.map((user) => user.name);
		expect(await names('')).toEqual(['Ana', 'Bot', 'Zoe']);
		expect(await names('?roles=admin&roles=agent')).toEqual(['Ana', 'Zoe']);
		expect((await api('GET', '/users?roles=owner')).status).toBe(400);
		const created = await api('POST', '/users', {
			email: 'new@acme.example',
			name: 'New',
			role: { name: 'agent' },
			roles: [],
		});
		expect(created.json()).toMatchObject({ errors: { roles: ['Unknown field'] } });
		expect((await api('PUT', '/users/0', { email: 'x@acme.example' })).status).toBe(400);
	});

	it('teams: members must be users; update replaces them', async () => {
		const user = gorgias.addUser();
		const bad = await api('POST', '/teams', { name: 'T', members: [{ id: 1 }] });
		expect(bad.status).toBe(400);
		const made = await api('POST', '/teams', { name: 'T', members: [{ id: user.id }] });
		expect(made.status).toBe(201);
		const team = made.json<{ id: number; members: Array<{ id: number }> }>();
		expect(team.members.map((member) => member.id)).toEqual([user.id]);
		const updated = await api('PUT', `/teams/${team.id}`, { members: [] });
		expect(updated.json<{ members: unknown[] }>().members).toEqual([]);
	});
});
