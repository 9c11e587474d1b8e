import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callListSearch } from '../../dev/harness';
import { faults } from '../../dev/sandboxes/faults';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, rl, sandboxPerTest, sent } from '../kit';
import { apiKeyCredentials, GORGIAS_NODE, runGorgias, startSandbox } from './setup';

describe('Gorgias tags', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const tags = (parameters: INodeParameters, items?: IDataObject[]) =>
		runGorgias(sandbox, { parameters: { resource: 'tag', ...parameters }, items });
	const tagNames = (ticketId: number) =>
		(sandbox.ticket(ticketId)?.tags ?? []).map((tag) => tag.name).sort();

	it('Get reads one tag by ID, with its usage', async () => {
		const tag = sandbox.addTag({ name: 'vip' });
		sandbox.addTicket({ tag_ids: [tag.id] });
		const result = await tags({ operation: 'get', tagId: rl(tag.id) });
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`GET /api/tags/${tag.id}`]);
		expect(jsonOf(result)).toEqual([{ ...tag, usage: 1 }]);
	});

	it('Get of a missing tag shows the provider message and HTTP code', async () => {
		const result = await tags({ operation: 'get', tagId: rl(424242) });
		expect(result.error).toMatchObject({
			httpCode: '404',
			message: 'Gorgias API error 404: Tag not found',
		});
	});

	it('Get Many searches by name, in the chosen order, following cursors', async () => {
		for (let i = 0; i < 120; i++) sandbox.addTag({ name: `refund-${String(i).padStart(3, '0')}` });
		sandbox.addTag({ name: 'vip' });
		const all = await tags({
			operation: 'getMany',
			returnAll: true,
			filters: { search: 'REFUND' },
			orderBy: 'name:desc',
		});
		expect(all.error).toBeUndefined();
		const names = jsonOf(all).map((tag) => tag.name);
		expect(names).toHaveLength(120);
		expect(names[0]).toBe('refund-119');
		expect(names[119]).toBe('refund-000');
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ order_by: 'name:desc', search: 'REFUND', limit: '100' },
			{ order_by: 'name:desc', search: 'REFUND', limit: '100', cursor: expect.any(String) },
		]);

		sandbox.clearLog();
		const some = await tags({ operation: 'getMany', limit: 3, orderBy: 'usage:desc,name:desc' });
		expect(jsonOf(some)).toHaveLength(3);
		expect(sandbox.requests[0].query).toEqual({ order_by: 'usage:desc,name:desc', limit: '3' });
	});

	it('Create sends the name, description and color; Update only the chosen fields', async () => {
		const created = await tags({
			operation: 'create',
			name: 'Refund',
			additionalFields: { description: 'Asked for money back', color: '#eb144c' },
		});
		expect(created.error).toBeUndefined();
		const [request] = sandbox.requestsTo(GORGIAS_ROUTES.createTag);
		expect(request).toMatchObject({ status: 201 });
		expect(request.body).toEqual({
			name: 'Refund',
			description: 'Asked for money back',
			decoration: { color: '#eb144c' },
		});
		const tag = jsonOf(created)[0];
		expect(sandbox.state.tags.get(Number(tag.id))).toMatchObject({ name: 'Refund' });
		expect(sandbox.events('tag-created').map((event) => event.object_id)).toEqual([tag.id]);

		const updated = await tags({
			operation: 'update',
			tagId: rl(Number(tag.id)),
			updateFields: { name: 'Refunds' },
		});
		expect(updated.error).toBeUndefined();
		const [put] = sandbox.requestsTo(GORGIAS_ROUTES.updateTag);
		expect(put).toMatchObject({ status: 202, body: { name: 'Refunds' } });
		expect(jsonOf(updated)[0]).toMatchObject({
			id: tag.id,
			name: 'Refunds',
			description: 'Asked for money back',
		});
	});

	it('Create is never sent twice: a 502 fails it as sent once', async () => {
		sandbox.injectFault(GORGIAS_ROUTES.createTag, faults.status(502));
		const failed = await tags({ operation: 'create', name: 'vip' });
		expect(failed.error?.message).toContain('502');
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createTag)).toHaveLength(1);
	});

	it('Delete removes the tag from the account and its tickets', async () => {
		const tag = sandbox.addTag({ name: 'old' });
		const ticket = sandbox.addTicket({ tag_ids: [tag.id], tags: ['keep'] });
		const result = await tags({ operation: 'delete', tagId: rl(tag.id) });
		expect(sent(sandbox)).toEqual([`DELETE /api/tags/${tag.id}`]);
		expect(jsonOf(result)).toEqual([{ id: tag.id, deleted: true }]);
		expect(sandbox.state.tags.has(tag.id)).toBe(false);
		expect(tagNames(ticket.id)).toEqual(['keep']);
	});

	it('Merge moves the tickets of the picked tags to the kept one, sent once', async () => {
		const keep = sandbox.addTag({ name: 'refund' });
		const a = sandbox.addTag({ name: 'Refund ' });
		const b = sandbox.addTag({ name: 'refunds' });
		const ticket = sandbox.addTicket({ tag_ids: [a.id, b.id] });
		const result = await tags({
			operation: 'merge',
			tagId: rl(keep.id),
			sourceTagIds: [String(a.id), String(b.id)],
		});
		expect(result.error).toBeUndefined();
		const [request] = sandbox.requestsTo(GORGIAS_ROUTES.mergeTags);
		expect(request).toMatchObject({
			method: 'PUT',
			path: `/api/tags/${keep.id}/merge`,
			body: { source_tags_ids: [a.id, b.id] },
			status: 202,
		});
		expect(jsonOf(result)).toEqual([{ ...keep, usage: 1 }]);
		expect(tagNames(ticket.id)).toEqual(['refund']);
		expect([...sandbox.state.tags.keys()]).toEqual([keep.id]);

		// A lost answer is not repeated: the merged tags no longer exist.
		sandbox.clearLog();
		const other = sandbox.addTag();
		sandbox.injectFault(GORGIAS_ROUTES.mergeTags, faults.status(503));
		await tags({ operation: 'merge', tagId: rl(keep.id), sourceTagIds: [String(other.id)] });
		expect(sandbox.requestsTo(GORGIAS_ROUTES.mergeTags)).toHaveLength(1);
	});

	it('refuses bad input before sending, naming the parameter and the item', async () => {
		expectRefusedBeforeSending(await tags({ operation: 'create', name: '  ' }), sandbox, 'Name');
		expectRefusedBeforeSending(
			await tags({ operation: 'create', name: 'x'.repeat(257) }),
			sandbox,
			'Name',
		);
		expectRefusedBeforeSending(
			await tags({ operation: 'create', name: 'vip', additionalFields: { color: 'red' } }),
			sandbox,
			'Additional Fields → Color',
		);
		expectRefusedBeforeSending(
			await tags({ operation: 'update', tagId: rl(5), updateFields: {} }),
			sandbox,
			'Update Fields',
		);
		expectRefusedBeforeSending(
			await tags({ operation: 'get', tagId: rl('={{ $json.id }}') }, [{ id: 5 }, { id: 'five' }]),
			sandbox,
			'Tag',
			1,
		);
		expectRefusedBeforeSending(
			await tags({ operation: 'merge', tagId: rl(5), sourceTagIds: '={{ [] }}' }),
			sandbox,
			'Tags to Merge Names or IDs',
		);
		expectRefusedBeforeSending(
			await tags({ operation: 'merge', tagId: rl(5), sourceTagIds: ['6', '5'] }),
			sandbox,
			'Tags to Merge Names or IDs',
		);
		expectRefusedBeforeSending(
			await tags({ operation: 'getMany', returnAll: true, orderBy: 'popularity' }),
			sandbox,
			'Sort',
		);
	});

	it('tags are picked from a searchable list that Gorgias searches by name', async () => {
		const vip = sandbox.addTag({ name: 'VIP customer' });
		sandbox.addTag({ name: 'refund' });
		const search = await callListSearch({
			nodeType: GORGIAS_NODE,
			method: 'searchTags',
			filter: 'vip',
			parameters: { authentication: 'apiKey', resource: 'tag', operation: 'get' },
			credentials: apiKeyCredentials(sandbox),
		});
		expect(search.results).toEqual([{ name: 'VIP customer', value: String(vip.id) }]);
		expect(sandbox.requests[0].query).toEqual({ limit: '50', order_by: 'name:asc', search: 'vip' });
	});

	it('as an AI tool: the parameters the agent fills in ($fromAI) make the same request', async () => {
		const result = await runGorgias(sandbox, {
			items: [{ tagName: 'escalated', tagColor: '#0693e3' }],
			parameters: {
				resource: 'tag',
				operation: 'create',
				name: "={{ $fromAI('tagName', 'Name of the tag', 'string') }}",
				additionalFields: { color: "={{ $fromAI('tagColor', 'Color as #RRGGBB', 'string') }}" },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createTag)[0].body).toEqual({
			name: 'escalated',
			decoration: { color: '#0693e3' },
		});
		expect(jsonOf(result)[0]).toMatchObject({ name: 'escalated' });
	});
});

describe('Gorgias ticket tag operations keep the ticket’s other tags', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const tagNames = (ticketId: number) =>
		(sandbox.ticket(ticketId)?.tags ?? []).map((tag) => tag.name).sort();

	it('Add Tags adds by name (creating new names) and Remove Tags removes only the named ones; only Replace Tags replaces', async () => {
		const ticket = sandbox.addTicket({ tags: ['billing', 'vip'] });
		await runGorgias(sandbox, {
			parameters: { operation: 'addTags', ticketId: rl(ticket.id), tagNames: 'urgent, Brand New' },
		});
		expect(sandbox.requests[0]).toMatchObject({
			method: 'POST',
			body: { names: ['urgent', 'Brand New'] },
		});
		expect(tagNames(ticket.id)).toEqual(['Brand New', 'billing', 'urgent', 'vip']);

		await runGorgias(sandbox, {
			parameters: { operation: 'removeTags', ticketId: rl(ticket.id), tagNames: 'urgent' },
		});
		expect(sandbox.requests[1]).toMatchObject({ method: 'DELETE', body: { names: ['urgent'] } });
		expect(tagNames(ticket.id)).toEqual(['Brand New', 'billing', 'vip']);

		await runGorgias(sandbox, {
			parameters: { operation: 'replaceTags', ticketId: rl(ticket.id), tagNames: 'vip' },
		});
		expect(sandbox.requests[2]).toMatchObject({ method: 'PUT', body: { names: ['vip'] } });
		expect(tagNames(ticket.id)).toEqual(['vip']);
		expect(sandbox.requests.map((request) => request.path)).toEqual(
			Array.from({ length: 3 }, () => `/api/tickets/${ticket.id}/tags`),
		);
	});
});
