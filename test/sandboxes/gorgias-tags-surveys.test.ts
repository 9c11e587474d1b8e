import { startGorgiasSandbox } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { call } from './client';

describe('Gorgias sandbox: tags, satisfaction surveys and their events', () => {
	let gorgias: GorgiasSandbox;

	beforeAll(async () => {
		gorgias = await startGorgiasSandbox({ bucket: false });
	});
	afterAll(async () => {
		await gorgias.stop();
	});
	beforeEach(() => gorgias.reset());

	const api = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
		await call(gorgias.baseUrl, `/api${path}`, {
			method,
			body,
			headers: { authorization: gorgias.basicAuthorization },
		});

	it('tags: 201 / 202 / 204 as documented; bad colors, long names, unknown keys and duplicates are 400', async () => {
		const created = await api('POST', '/tags', { name: 'vip', decoration: { color: '#EB144C' } });
		expect(created.status).toBe(201);
		const tag = created.json<{ id: number }>();
		expect((await api('PUT', `/tags/${tag.id}`, { description: 'Big spender' })).status).toBe(202);
		for (const body of [
			{ name: 'red', decoration: { color: 'red' } },
			{ name: 'x'.repeat(257) },
			{ name: 'ok', colour: '#000000' },
			{ name: 'VIP' },
			{ description: 'no name' },
		]) {
			expect((await api('POST', '/tags', body)).status).toBe(400);
		}
		expect((await api('GET', '/tags?order_by=popularity')).status).toBe(400);
		expect((await api('GET', '/tags?search=V&order_by=name:asc')).json()).toMatchObject({
			data: [{ id: tag.id, description: 'Big spender', usage: 0 }],
			meta: { total_resources: 1 },
		});
		expect((await api('DELETE', `/tags/${tag.id}`)).status).toBe(204);
		expect((await api('GET', `/tags/${tag.id}`)).status).toBe(404);
		expect(gorgias.events().map((event) => event.type)).toEqual(['tag-created', 'tag-deleted']);
	});

	it('merge: 202 with the kept tag; sources moved and deleted; itself or unknown ids are 400', async () => {
		const [keep, source] = [
			gorgias.addTag({ name: 'refund' }),
			gorgias.addTag({ name: 'refunds' }),
		];
		const ticket = gorgias.addTicket({ tag_ids: [source.id] });
		expect(
			(await api('PUT', `/tags/${keep.id}/merge`, { source_tags_ids: [keep.id] })).status,
		).toBe(400);
		expect((await api('PUT', `/tags/${keep.id}/merge`, { source_tags_ids: [9999] })).status).toBe(
			400,
		);
		expect((await api('PUT', `/tags/${keep.id}/merge`, { source_tags_ids: [] })).status).toBe(400);
		const merged = await api('PUT', `/tags/${keep.id}/merge`, { source_tags_ids: [source.id] });
		expect(merged.status).toBe(202);
		expect(merged.json()).toMatchObject({ id: keep.id, usage: 1 });
		expect(gorgias.ticket(ticket.id)?.tags.map((tag) => tag.id)).toEqual([keep.id]);
		expect(gorgias.state.tags.has(source.id)).toBe(false);
	});

	it('surveys: create needs ticket and customer (one per ticket); score 1–5; comment ≤ 1000', async () => {
		const ticket = gorgias.addTicket();
		const customerId = gorgias.ticket(ticket.id)!.customer.id;
		expect((await api('POST', '/satisfaction-surveys', { ticket_id: ticket.id })).status).toBe(400);
		const created = await api('POST', '/satisfaction-surveys', {
			ticket_id: ticket.id,
			customer_id: customerId,
		});
		expect(created.status).toBe(201);
		const survey = created.json<{ id: number }>();
		expect(
			(
				await api('POST', '/satisfaction-surveys', {
					ticket_id: ticket.id,
					customer_id: customerId,
				})
			).status,
		).toBe(400);
		expect((await api('PUT', `/satisfaction-surveys/${survey.id}`, { score: 6 })).status).toBe(400);
		expect(
			(await api('PUT', `/satisfaction-surveys/${survey.id}`, { body_text: 'x'.repeat(1001) }))
				.status,
		).toBe(400);
		const updated = await api('PUT', `/satisfaction-surveys/${survey.id}`, { score: 3 });
		expect(updated.json()).toMatchObject({ id: survey.id, score: 3 });
		expect(
			(await api('GET', `/satisfaction-surveys?ticket_id=${ticket.id}&limit=1`)).json(),
		).toMatchObject({
			data: [{ id: survey.id }],
		});
		// Only the customer's answer is known to record the event.
		expect(gorgias.events('satisfaction-survey-responded')).toEqual([]);
	});

	it('a customer answering a survey records satisfaction-survey-responded on the survey', async () => {
		const survey = gorgias.addSurvey(gorgias.addTicket().id);
		gorgias.answerSurvey(survey.id, 2, 'Slow');
		expect(gorgias.events('satisfaction-survey-responded')).toEqual([
			expect.objectContaining({
				object_type: 'SatisfactionSurvey',
				object_id: survey.id,
				data: { score: 2, body_text: 'Slow' },
			}),
		]);
		const listed = await api(
			'GET',
			'/events?types=satisfaction-survey-responded&object_type=SatisfactionSurvey',
		);
		expect(listed.json()).toMatchObject({ data: [{ object_id: survey.id }] });
		expect((await api('GET', `/satisfaction-surveys/${survey.id}`)).json()).toMatchObject({
			score: 2,
			body_text: 'Slow',
			scored_datetime: expect.any(String),
		});
	});
});
