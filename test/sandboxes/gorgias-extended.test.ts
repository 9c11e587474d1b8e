/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';

import { GORGIAS_ROUTES, startGorgiasSandbox } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { call } from './client';

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** A loopback receiver for HTTP-integration calls, answering `status`. */
async function startReceiver(status = 200) {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(receiver.status, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address() as { port: number };
	const receiver = {
		status,
		received,
		url: `http://127.0.0.1:${address.port}`,
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
	return receiver;
}

describe('Gorgias sandbox: customers, custom fields and HTTP integrations', () => {
	let gorgias: GorgiasSandbox;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;

	beforeAll(async () => {
		gorgias = await startGorgiasSandbox({ bucket: false, integrationFailureLimit: 3 });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await gorgias.stop();
		await receiver.stop();
	});
	beforeEach(() => {
		gorgias.reset();
		receiver.received.length = 0;
		receiver.status = 200;
	});

	const auth = () => ({ authorization: gorgias.basicAuthorization });
	const send = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
		await call(gorgias.baseUrl, `/api${path}`, { method, body, headers: auth() });
	const apiTicket = (email: string) => ({
		customer: { email },
		channel: 'api',
		messages: [
			{ channel: 'api', via: 'api', from_agent: false, sender: { email }, body_text: 'Hello' },
		],
	});

	describe('customers', () => {
		it('creates (channels required), gets, filters by email and external id, updates', async () => {
			expect((await send('POST', '/customers', { email: 'a@b.example' })).status).toBe(400);
			const created = await send('POST', '/customers', {
				email: 'ann@shop.example',
				name: 'Ann',
				external_id: 'crm-1',
				channels: [{ type: 'email', address: 'ann@shop.example', preferred: true }],
			});
			expect(created.status).toBe(201);
			const id = created.json<{ id: number }>().id;
			expect((await send('GET', `/customers/${id}`)).json()).toMatchObject({
				id,
				email: 'ann@shop.example',
				channels: [{ type: 'email', address: 'ann@shop.example', preferred: true }],
			});
			const byExternal = await send('GET', '/customers?external_id=crm-1');
			expect(byExternal.json<{ data: Array<{ id: number }> }>().data.map((c) => c.id)).toEqual([
				id,
			]);
			const updated = await send('PUT', `/customers/${id}`, { name: 'Ann B', language: 'fr' });
			expect(updated.json()).toMatchObject({ name: 'Ann B', language: 'fr', external_id: 'crm-1' });
			for (const body of [{ language: 'English' }, { timezone: 'Paris' }, { timezone: '+01:00' }]) {
				expect((await send('PUT', `/customers/${id}`, body)).status).toBe(400);
			}
			const zoned = await send('PUT', `/customers/${id}`, { timezone: 'Europe/Paris' });
			expect(zoned.json()).toMatchObject({ language: 'fr', timezone: 'Europe/Paris' });
			expect((await send('GET', '/customers/999999')).status).toBe(404);
		});

		it('answers 409 for an email another customer uses, on create and on update', async () => {
			const other = gorgias.addCustomer({ email: 'taken@shop.example' });
			const mine = gorgias.addCustomer({ email: 'mine@shop.example' });
			const create = await send('POST', '/customers', {
				channels: [{ type: 'email', address: 'TAKEN@shop.example' }],
			});
			expect(create.status).toBe(409);
			expect(create.json()).toEqual({ message: expect.stringContaining('already exists') });
			expect((await send('PUT', `/customers/${mine.id}`, { email: other.email })).status).toBe(409);
			expect(gorgias.state.customers.size).toBe(2);
		});
	});

	describe('custom fields', () => {
		it('lists definitions by object type and validates values on tickets', async () => {
			const tier = gorgias.addCustomField({
				label: 'Tier',
				definition: {
					data_type: 'text',
					input_settings: { input_type: 'dropdown', choices: ['gold', 'silver'] },
				},
			});
			const score = gorgias.addCustomField({
				label: 'Score',
				definition: {
					data_type: 'number',
					input_settings: { input_type: 'input_number', max: 10 },
				},
			});
			gorgias.addCustomField({ label: 'Segment', object_type: 'Customer' });
			expect((await send('GET', '/custom-fields')).status).toBe(400);
			const list = await send('GET', '/custom-fields?object_type=Ticket&order_by=priority:asc');
			expect(list.json<{ data: Array<{ label: string }> }>().data.map((f) => f.label)).toEqual([
				'Tier',
				'Score',
			]);

			const ticket = gorgias.addTicket();
			const bad = await send('PUT', `/tickets/${ticket.id}/custom-fields`, [
				{ id: score.id, value: 11 },
				{ id: 424242, value: 'x' },
			]);
			expect(bad.status).toBe(400);
			expect(bad.json()).toMatchObject({
				errors: { '0.value': [expect.any(String)], '1.id': [expect.any(String)] },
			});

			await send('PUT', `/tickets/${ticket.id}/custom-fields`, [
				{ id: tier.id, value: 'gold' },
				{ id: score.id, value: 4 },
			]);
			// Replace-all: a list without Score clears it.
			await send('PUT', `/tickets/${ticket.id}/custom-fields`, [{ id: tier.id, value: 'silver' }]);
			expect(gorgias.ticket(ticket.id)?.custom_fields).toEqual({
				[tier.id]: { id: tier.id, value: 'silver' },
			});
			// The per-field PUT takes the bare value and keeps the others.
			const one = await send('PUT', `/tickets/${ticket.id}/custom-fields/${score.id}`, 7);
			expect(one.json()).toMatchObject({ value: 7 });
			const values = await send('GET', `/tickets/${ticket.id}/custom-fields`);
			expect(values.json<{ data: Array<{ id: number; value: unknown }> }>().data).toEqual([
				expect.objectContaining({ id: tier.id, value: 'silver', field: expect.any(Object) }),
				expect.objectContaining({ id: score.id, value: 7 }),
			]);
			expect(gorgias.events('ticket-updated')).toHaveLength(3);
		});

		it('per-field PUT takes only a bare value, per-field DELETE clears one field', async () => {
			const tier = gorgias.addCustomField({ label: 'Tier' });
			const score = gorgias.addCustomField({
				label: 'Score',
				definition: { data_type: 'number', input_settings: { input_type: 'input_number' } },
			});
			const ticket = gorgias.addTicket({
				custom_fields: { [tier.id]: { id: tier.id, value: 'gold' } },
			});
			const one = `/tickets/${ticket.id}/custom-fields/${score.id}`;
			for (const body of [{ value: 3 }, [3], null, undefined]) {
				expect((await send('PUT', one, body)).status).toBe(400);
			}
			expect((await send('PUT', `/tickets/${ticket.id}/custom-fields/424242`, 3)).status).toBe(400);
			expect((await send('PUT', one, '3')).status).toBe(400);
			expect(gorgias.ticket(ticket.id)?.custom_fields).toEqual({
				[tier.id]: { id: tier.id, value: 'gold' },
			});

			expect((await send('PUT', one, 3)).status).toBe(200);
			expect((await send('DELETE', `/tickets/${ticket.id}/custom-fields/${tier.id}`)).status).toBe(
				204,
			);
			// Clearing again is harmless: the DELETE is idempotent.
			expect((await send('DELETE', `/tickets/${ticket.id}/custom-fields/${tier.id}`)).status).toBe(
				204,
			);
			expect((await send('DELETE', `/tickets/${ticket.id}/custom-fields/424242`)).status).toBe(400);
			expect(gorgias.ticket(ticket.id)?.custom_fields).toEqual({
				[score.id]: { id: score.id, value: 3 },
			});
		});
	});

	describe('HTTP integrations', () => {
		const integration = (url: string, triggers: Record<string, boolean>, form: unknown) => ({
			name: 'n8n',
			type: 'http',
			http: {
				url,
				method: 'POST',
				request_content_type: 'application/json',
				response_content_type: 'application/json',
				headers: { 'X-Secret': 's3cret', 'X-Ticket': '{{ticket.id}}' },
				form,
				triggers,
			},
		});

		it('validates creation against the documented value sets', async () => {
			const url = `${receiver.url}/hook`;
			for (const body of [
				integration(url, {}, '{{context}}'),
				integration(url, { ticket_created: true }, '{{context}}'),
				integration(url, { 'ticket-created': true, 'ticket-status-updated': true }, '{{context}}'),
				{ ...integration(url, { 'ticket-created': true }, null), type: 'email' },
			]) {
				expect((await send('POST', '/integrations', body)).status).toBe(400);
			}
			expect(gorgias.state.integrations.size).toBe(0);
		});

		it('delivers {{context}} for its trigger only, renders variables, and is deleted with 204', async () => {
			const created = await send(
				'POST',
				'/integrations',
				integration(
					`${receiver.url}/hook?t={{ticket.id}}`,
					{ 'ticket-created': true },
					'{{context}}',
				),
			);
			expect(created.status).toBe(201);
			const { id } = created.json<{ id: number }>();
			const messageHook = await send(
				'POST',
				'/integrations',
				integration(
					`${receiver.url}/message`,
					{ 'ticket-message-created': true },
					{ ticket_id: '{{ticket.id}}', email: '{{ticket.customer.email}}' },
				),
			);
			expect(messageHook.status).toBe(201);

			const ticket = (await send('POST', '/tickets', apiTicket('jo@shop.example'))).json<{
				id: number;
			}>();
			await gorgias.deliveriesSettled();
			expect(receiver.received.map((entry) => entry.url).sort()).toEqual(
				['/message', `/hook?t=${ticket.id}`].sort(),
			);
			const hook = receiver.received.find((entry) => entry.url.startsWith('/hook'))!;
			expect(hook.headers).toMatchObject({
				'x-secret': 's3cret',
				'x-ticket': String(ticket.id),
				'content-type': 'application/json',
			});
			const context = JSON.parse(hook.body) as { ticket: Record<string, unknown> };
			expect(context.ticket).toEqual(gorgias.ticket(ticket.id));
			const message = receiver.received.find((entry) => entry.url === '/message')!;
			expect(JSON.parse(message.body)).toEqual({
				ticket_id: String(ticket.id),
				email: 'jo@shop.example',
			});

			expect((await send('DELETE', `/integrations/${id}`)).status).toBe(204);
			expect((await send('GET', `/integrations/${id}`)).status).toBe(404);
			expect(gorgias.requestsTo(GORGIAS_ROUTES.deleteIntegration)).toHaveLength(1);
		});

		it('is disabled after the failure limit of calls in a row, then delivers nothing', async () => {
			receiver.status = 500;
			const created = await send(
				'POST',
				'/integrations',
				integration(`${receiver.url}/hook`, { 'ticket-updated': true }, '{{context}}'),
			);
			const { id } = created.json<{ id: number }>();
			const ticket = gorgias.addTicket();
			for (const subject of ['a', 'b', 'c', 'd']) {
				await send('PUT', `/tickets/${ticket.id}`, { subject });
				await gorgias.deliveriesSettled();
			}
			expect(receiver.received).toHaveLength(3);
			expect((await send('GET', `/integrations/${id}`)).json()).toMatchObject({
				deactivated_datetime: expect.any(String),
			});
			// Reactivated by a PUT with deactivated_datetime null, it delivers again.
			receiver.status = 200;
			await send('PUT', `/integrations/${id}`, { name: 'n8n', deactivated_datetime: null });
			await send('PUT', `/tickets/${ticket.id}`, { subject: 'e' });
			await gorgias.deliveriesSettled();
			expect(receiver.received).toHaveLength(4);
		});
	});
});
