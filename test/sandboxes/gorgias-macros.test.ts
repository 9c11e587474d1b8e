import { startGorgiasSandbox } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { call, type CallOptions } from './client';

describe('Gorgias sandbox: macros and jobs', () => {
	let gorgias: GorgiasSandbox;
	const api = (path: string, options: CallOptions = {}) =>
		call(gorgias.baseUrl, `/api${path}`, {
			...options,
			headers: { authorization: gorgias.basicAuthorization, ...options.headers },
		});

	beforeAll(async () => {
		gorgias = await startGorgiasSandbox({ bucket: false });
	});
	afterAll(async () => {
		await gorgias.stop();
	});
	beforeEach(() => gorgias.reset());

	it('an applyMacro job is not done at once: pending, running, then done with the tickets changed', async () => {
		const tickets = [1, 2, 3].map(() => gorgias.addTicket({ status: 'open' }).id);
		const macro = gorgias.macroDesk.addMacro({
			actions: [{ name: 'addTags', arguments: { tags: 'refund, vip' } }],
		});
		const created = await api('/jobs', {
			method: 'POST',
			body: {
				type: 'applyMacro',
				params: { macro_id: macro.id, ticket_ids: tickets, apply_and_close: true },
			},
		});
		expect(created.status).toBe(201);
		const job = created.json<{ id: number; status: string }>();
		expect(job.status).toBe('pending');
		const look = async () =>
			(await api(`/jobs/${job.id}`)).json<{ status: string; info: { progress_count: number } }>();
		expect(await look()).toMatchObject({ status: 'running', info: { progress_count: 2 } });
		expect(gorgias.ticket(tickets[2])?.status).toBe('open');
		expect(await look()).toMatchObject({ status: 'done', info: { progress_count: 3 } });
		for (const id of tickets) {
			expect(gorgias.ticket(id)?.status).toBe('closed');
			expect(gorgias.ticket(id)?.tags.map((tag) => tag.name)).toEqual(['refund', 'vip']);
		}
	});

	it('refuses a job without a known macro or with two ticket selectors, and 404s unknown jobs', async () => {
		const ticket = gorgias.addTicket().id;
		const unknown = await api('/jobs', {
			method: 'POST',
			body: { type: 'applyMacro', params: { macro_id: 999, ticket_ids: [ticket] } },
		});
		expect(unknown.status).toBe(400);
		expect(unknown.json()).toEqual({
			message: 'Invalid request',
			errors: { 'params.macro_id': ['No macro with this id'] },
		});
		const macro = gorgias.macroDesk.addMacro();
		const two = await api('/jobs', {
			method: 'POST',
			body: {
				type: 'applyMacro',
				params: { macro_id: macro.id, ticket_ids: [ticket], view_id: 1 },
			},
		});
		expect(two.status).toBe(400);
		expect((await api('/jobs/123')).status).toBe(404);
		expect(gorgias.macroDesk.jobs.size).toBe(0);
	});

	it('a job whose ticket no longer exists ends errored after applying the others', async () => {
		const kept = gorgias.addTicket().id;
		const macro = gorgias.macroDesk.addMacro({
			actions: [{ name: 'setPriority', arguments: { priority: 'high' } }],
		});
		const { id } = (
			await api('/jobs', {
				method: 'POST',
				body: { type: 'applyMacro', params: { macro_id: macro.id, ticket_ids: [kept, 424242] } },
			})
		).json<{ id: number }>();
		await api(`/jobs/${id}`);
		const ended = (await api(`/jobs/${id}`)).json();
		expect(ended).toMatchObject({ status: 'errored', info: { progress_count: 1 } });
		expect(ended.failed_datetime).toEqual(expect.any(String));
		expect(gorgias.ticket(kept)?.priority).toBe('high');
	});

	it('bulk archive answers 207 with one outcome per id, and takes at most 30 ids', async () => {
		const macro = gorgias.macroDesk.addMacro();
		const answer = await api('/macros/archive', { method: 'PUT', body: { ids: [macro.id, 5] } });
		expect(answer.status).toBe(207);
		expect(answer.json()).toEqual({
			data: [
				{ id: macro.id, status: 'archived', error: null },
				{ id: 5, status: 'not_found', error: null },
			],
		});
		const many = Array.from({ length: 31 }, (_, index) => index + 1);
		expect((await api('/macros/archive', { method: 'PUT', body: { ids: many } })).status).toBe(400);
		expect((await api('/macros')).json<{ data: unknown[] }>().data).toEqual([]);
		expect((await api('/macros?archived=true')).json<{ data: unknown[] }>().data).toHaveLength(1);
	});

	it('orders by relevance only for a ticket', async () => {
		expect((await api('/macros?order_by=relevance:desc')).status).toBe(400);
		const ticket = gorgias.addTicket({ subject: 'Refund please' }).id;
		const refund = gorgias.macroDesk.addMacro({ name: 'Refund confirmation' });
		const other = gorgias.macroDesk.addMacro({ name: 'Shipping', usage: 50 });
		const ranked = await api(`/macros?order_by=relevance:desc&ticket_id=${ticket}`);
		expect(ranked.json<{ data: Array<{ id: number }> }>().data.map((macro) => macro.id)).toEqual([
			refund.id,
			other.id,
		]);
	});
});
