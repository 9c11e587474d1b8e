import { callLoadOptions, runPoll } from '../../dev/harness';
import { faults } from '../../dev/sandboxes/faults';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, rl, sandboxPerTest, sent } from '../kit';
import { apiKeyCredentials, GORGIAS_NODE, runGorgias, startSandbox } from './setup';

describe('Gorgias ticket custom fields', () => {
	let sandbox: GorgiasSandbox;
	let tier: number;
	let score: number;
	let vip: number;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		tier = sandbox.addCustomField({
			label: 'Tier',
			definition: {
				data_type: 'text',
				input_settings: { input_type: 'dropdown', choices: ['gold', 'silver'] },
			},
		}).id;
		score = sandbox.addCustomField({
			label: 'Score',
			definition: { data_type: 'number', input_settings: { input_type: 'input_number', max: 10 } },
		}).id;
		vip = sandbox.addCustomField({
			label: 'VIP',
			definition: {
				data_type: 'boolean',
				input_settings: { input_type: 'dropdown', choices: [true, false] },
			},
		}).id;
		sandbox.addCustomField({ label: 'Archived', deactivated_datetime: '2024-01-01T00:00:00Z' });
		sandbox.addCustomField({ label: 'Segment', object_type: 'Customer' });
	});

	const fields = (...values: Array<[number | string, string | number | boolean]>) => ({
		values: values.map(([field, value]) => ({ field: String(field), value })),
	});

	it('loads the active ticket field definitions into the editor with type and choices', async () => {
		const options = await callLoadOptions({
			nodeType: GORGIAS_NODE,
			method: 'getTicketCustomFields',
			parameters: { authentication: 'apiKey', resource: 'ticket', operation: 'update' },
			credentials: apiKeyCredentials(sandbox),
		});
		expect(options).toEqual([
			{ name: 'Score', value: String(score), description: 'number' },
			{ name: 'Tier', value: String(tier), description: 'text: gold, silver' },
			{ name: 'VIP', value: String(vip), description: 'boolean: true, false' },
		]);
		expect(sandbox.requests[0].query).toEqual({ object_type: 'Ticket', limit: '100' });
	});

	it('Create sends the values typed by their definitions', async () => {
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'create',
				channel: 'api',
				customerEmail: 'ann@shop.example',
				body: 'Hi',
				customFields: fields([tier, 'gold'], [score, '7'], [vip, 'true']),
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual(['GET /api/custom-fields', 'POST /api/tickets']);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createTicket)[0].body).toMatchObject({
			custom_fields: [
				{ id: tier, value: 'gold' },
				{ id: score, value: 7 },
				{ id: vip, value: true },
			],
		});
		const id = Number(jsonOf(result)[0].id);
		expect(sandbox.ticket(id)?.custom_fields).toEqual({
			[tier]: { id: tier, value: 'gold' },
			[score]: { id: score, value: 7 },
			[vip]: { id: vip, value: true },
		});
	});

	/** The per-field writes the sandbox received, as method, path and the exact body text. */
	const fieldWrites = () =>
		sandbox.requests
			.filter((request) => /\/custom-fields(\/|$)/.test(request.path) && request.method !== 'GET')
			.map((request) => ({ method: request.method, path: request.path, body: request.rawBody }));

	it('Update writes only the fields it changes, each with its own request, and returns the ticket', async () => {
		const ticket = sandbox.addTicket({
			custom_fields: {
				[tier]: { id: tier, value: 'silver' },
				[vip]: { id: vip, value: true },
			},
		});
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				customFields: fields([score, 3], [tier, 'gold']),
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			'GET /api/custom-fields',
			`PUT /api/tickets/${ticket.id}/custom-fields/${score}`,
			`PUT /api/tickets/${ticket.id}/custom-fields/${tier}`,
			`GET /api/tickets/${ticket.id}`,
		]);
		// The bare JSON value: a string keeps its quotes.
		expect(fieldWrites()).toEqual([
			{ method: 'PUT', path: `/api/tickets/${ticket.id}/custom-fields/${score}`, body: '3' },
			{ method: 'PUT', path: `/api/tickets/${ticket.id}/custom-fields/${tier}`, body: '"gold"' },
		]);
		expect(jsonOf(result)[0].custom_fields).toEqual({
			[tier]: { id: tier, value: 'gold' },
			[vip]: { id: vip, value: true },
			[score]: { id: score, value: 3 },
		});
	});

	it('two items changing different fields of one ticket in one run both keep their value', async () => {
		const ticket = sandbox.addTicket({ custom_fields: { [vip]: { id: vip, value: true } } });
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				customFields: { values: [{ field: '={{ $json.field }}', value: '={{ $json.value }}' }] },
			},
			items: [
				{ field: String(tier), value: 'gold' },
				{ field: String(score), value: '8' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.ticket(ticket.id)?.custom_fields).toEqual({
			[vip]: { id: vip, value: true },
			[tier]: { id: tier, value: 'gold' },
			[score]: { id: score, value: 8 },
		});
		// Items run at once, so the two writes may arrive in either order.
		const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
		expect(fieldWrites().sort(byPath)).toEqual(
			[
				{ method: 'PUT', path: `/api/tickets/${ticket.id}/custom-fields/${tier}`, body: '"gold"' },
				{ method: 'PUT', path: `/api/tickets/${ticket.id}/custom-fields/${score}`, body: '8' },
			].sort(byPath),
		);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.replaceTicketCustomFields)).toEqual([]);
		expect(jsonOf(result)).toHaveLength(2);
	});

	it('Update clears a field given an empty value with its DELETE, and also writes other fields', async () => {
		const ticket = sandbox.addTicket({
			custom_fields: { [tier]: { id: tier, value: 'silver' }, [score]: { id: score, value: 1 } },
		});
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				customFields: fields([tier, '']),
				updateFields: { subject: 'Renamed' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			'GET /api/custom-fields',
			`DELETE /api/tickets/${ticket.id}/custom-fields/${tier}`,
			`PUT /api/tickets/${ticket.id}`,
		]);
		expect(fieldWrites()).toEqual([
			{ method: 'DELETE', path: `/api/tickets/${ticket.id}/custom-fields/${tier}`, body: '' },
		]);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.updateTicket)[0].body).toEqual({
			subject: 'Renamed',
		});
		expect(jsonOf(result)[0]).toMatchObject({
			subject: 'Renamed',
			custom_fields: { [score]: { id: score, value: 1 } },
		});
	});

	it('when Gorgias refuses the per-field DELETE, clears through the replace-all PUT (values listed bare or enveloped)', async () => {
		for (const bare of [false, true]) {
			sandbox.clearLog();
			const ticket = sandbox.addTicket({
				custom_fields: { [tier]: { id: tier, value: 'silver' }, [vip]: { id: vip, value: false } },
			});
			sandbox.injectFault(
				GORGIAS_ROUTES.clearTicketCustomField,
				faults.status(405, { message: 'Method Not Allowed' }),
			);
			if (bare) {
				sandbox.injectFault(
					GORGIAS_ROUTES.listTicketCustomFields,
					faults.status(200, [
						{ id: vip, field: { id: vip }, value: false },
						{ id: tier, field: { id: tier }, value: 'silver' },
					]),
				);
			}
			const result = await runGorgias(sandbox, {
				parameters: {
					operation: 'update',
					ticketId: rl(ticket.id),
					customFields: fields([tier, '']),
				},
			});
			expect(result.error).toBeUndefined();
			expect(sent(sandbox).slice(-4)).toEqual([
				`DELETE /api/tickets/${ticket.id}/custom-fields/${tier}`,
				`GET /api/tickets/${ticket.id}/custom-fields`,
				`PUT /api/tickets/${ticket.id}/custom-fields`,
				`GET /api/tickets/${ticket.id}`,
			]);
			expect(sandbox.requestsTo(GORGIAS_ROUTES.replaceTicketCustomFields)[0].body).toEqual([
				{ id: vip, value: false },
			]);
			expect(sandbox.ticket(ticket.id)?.custom_fields).toEqual({
				[vip]: { id: vip, value: false },
			});
		}
	});

	it('a field write that fails on a server error is sent again', async () => {
		const ticket = sandbox.addTicket();
		sandbox.injectFault(GORGIAS_ROUTES.setTicketCustomField, faults.status(503));
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				customFields: fields([vip, 'false']),
			},
		});
		expect(result.error).toBeUndefined();
		expect(fieldWrites()).toEqual([
			{ method: 'PUT', path: `/api/tickets/${ticket.id}/custom-fields/${vip}`, body: 'false' },
			{ method: 'PUT', path: `/api/tickets/${ticket.id}/custom-fields/${vip}`, body: 'false' },
		]);
		expect(sandbox.ticket(ticket.id)?.custom_fields).toEqual({ [vip]: { id: vip, value: false } });
	});

	it('a value that does not fit its field stops the item before anything is written', async () => {
		const ticket = sandbox.addTicket();
		for (const [field, value, problem] of [
			[score, 'many', 'Invalid "Custom Fields → Score" in item 0: expected a number'],
			[
				score,
				'11',
				'Invalid "Custom Fields → Score" in item 0: expected a number between -∞ and 10',
			],
			[vip, 'yes', 'Invalid "Custom Fields → VIP" in item 0: expected true or false'],
			[
				999,
				'x',
				'Invalid "Custom Fields" in item 0: Gorgias has no active ticket custom field 999',
			],
		] as const) {
			sandbox.clearLog();
			const result = await runGorgias(sandbox, {
				parameters: {
					operation: 'update',
					ticketId: rl(ticket.id),
					customFields: fields([field, value]),
				},
			});
			expect(result.error?.message).toContain(problem);
			expect(sent(sandbox)).toEqual(['GET /api/custom-fields']);
		}
	});

	it('refuses a field that is not an ID before any request', async () => {
		const result = await runGorgias(sandbox, {
			parameters: { operation: 'update', ticketId: rl(5), customFields: fields(['Tier', 'gold']) },
		});
		expectRefusedBeforeSending(result, sandbox, 'Custom Fields → 1 → Field');
	});

	it('Simplify shows the values by label, on actions and on the polling trigger', async () => {
		const ticket = sandbox.addTicket({
			custom_fields: { [tier]: { id: tier, value: 'gold' }, [score]: { id: score, value: 9 } },
		});
		const result = await runGorgias(sandbox, {
			parameters: { operation: 'get', ticketId: rl(ticket.id), simplify: true },
		});
		expect(jsonOf(result)[0]).toMatchObject({
			id: String(ticket.id),
			customFields: { Tier: 'gold', Score: 9 },
		});

		const first = await runPoll({
			nodeType: 'n8n-nodes-ticketing.gorgiasTrigger',
			parameters: { authentication: 'apiKey', event: 'ticketUpdated', simplify: true },
			credentials: apiKeyCredentials(sandbox),
		});
		expect(first.error).toBeUndefined();
		await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				updateFields: { subject: 'New' },
			},
		});
		const second = await runPoll({
			nodeType: 'n8n-nodes-ticketing.gorgiasTrigger',
			parameters: { authentication: 'apiKey', event: 'ticketUpdated', simplify: true },
			credentials: apiKeyCredentials(sandbox),
			staticData: first.staticData,
		});
		expect(second.items.map((item) => item.json.customFields)).toEqual([
			{ Tier: 'gold', Score: 9 },
		]);
	});
});
