import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callListSearch } from '../../dev/harness';
import { faults } from '../../dev/sandboxes/faults';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, pairedOf, rl, sandboxPerTest, sent } from '../kit';
import { apiKeyCredentials, GORGIAS_NODE, runGorgias, startSandbox } from './setup';

describe('Gorgias customers', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const customers = (parameters: INodeParameters, items?: IDataObject[]) =>
		runGorgias(sandbox, { parameters: { resource: 'customer', ...parameters }, items });

	it('Get reads one customer by ID', async () => {
		const customer = sandbox.addCustomer({ email: 'ann@shop.example' });
		const result = await customers({ operation: 'get', customerId: rl(customer.id) });
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`GET /api/customers/${customer.id}`]);
		expect(jsonOf(result)).toEqual([sandbox.state.customerJson(customer)]);
	});

	it('Get of a missing customer shows the provider message and HTTP code', async () => {
		const result = await customers({ operation: 'get', customerId: rl(424242) });
		expect(result.error).toMatchObject({
			httpCode: '404',
			message: 'Gorgias API error 404: Customer not found',
		});
	});

	it('Get Many filters by email and external ID', async () => {
		const ann = sandbox.addCustomer({ email: 'ann@shop.example', external_id: 'crm-7' });
		sandbox.addCustomer({ email: 'bob@shop.example' });
		const result = await customers({
			operation: 'getMany',
			returnAll: true,
			filters: { email: 'ann@shop.example', externalId: 'crm-7' },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((customer) => customer.id)).toEqual([ann.id]);
		expect(sandbox.requests[0].query).toEqual({
			email: 'ann@shop.example',
			external_id: 'crm-7',
			limit: '100',
		});
	});

	it('Get Many follows cursors for Return All, and stops at the Limit', async () => {
		for (let i = 0; i < 130; i++) sandbox.addCustomer();
		const all = await customers({ operation: 'getMany', returnAll: true });
		expect(jsonOf(all)).toHaveLength(130);
		expect(sandbox.requests).toHaveLength(2);
		expect(sandbox.requests[1].query.cursor).toEqual(expect.any(String));

		sandbox.clearLog();
		const some = await customers({ operation: 'getMany', returnAll: false, limit: 5 });
		expect(jsonOf(some)).toHaveLength(5);
		expect(sandbox.requests.map((request) => request.query.limit)).toEqual(['5']);
	});

	it('Create sends the email as the preferred channel, with the chosen fields', async () => {
		const result = await customers({
			operation: 'create',
			email: 'cleo@shop.example',
			additionalFields: { name: 'Cléo Martin', externalId: 'crm-9', phone: '+33 6 12 34 56 78' },
		});
		expect(result.error).toBeUndefined();
		const [request] = sandbox.requestsTo(GORGIAS_ROUTES.createCustomer);
		expect(request.body).toEqual({
			email: 'cleo@shop.example',
			name: 'Cléo Martin',
			external_id: 'crm-9',
			channels: [
				{ type: 'email', address: 'cleo@shop.example', preferred: true },
				{ type: 'phone', address: '+33612345678', preferred: false },
			],
		});
		const created = jsonOf(result)[0];
		expect(sandbox.state.customers.get(Number(created.id))).toMatchObject({
			email: 'cleo@shop.example',
			external_id: 'crm-9',
		});
	});

	it('Create is never sent twice: a 502 fails it as sent once; a 429 (unprocessed) is sent again', async () => {
		sandbox.injectFault(GORGIAS_ROUTES.createCustomer, faults.status(502));
		const failed = await customers({ operation: 'create', email: 'ines@shop.example' });
		expect(failed.error?.message).toContain('502');
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createCustomer)).toHaveLength(1);
		sandbox.clearLog();
		sandbox.injectFault(GORGIAS_ROUTES.createCustomer, faults.tooManyRequests('0'));
		const result = await customers({ operation: 'create', email: 'ines@shop.example' });
		expect(result.error).toBeUndefined();
		expect(
			sandbox.requestsTo(GORGIAS_ROUTES.createCustomer).map((request) => request.status),
		).toEqual([429, 201]);
		const made = [...sandbox.state.customers.values()].filter(
			(customer) => customer.email === 'ines@shop.example',
		);
		expect(made).toHaveLength(1);
	});

	it('Create with an email in use: a 409 that names the customer who has it', async () => {
		const owner = sandbox.addCustomer({ email: 'taken@shop.example' });
		const result = await customers({ operation: 'create', email: 'taken@shop.example' });
		expect(result.error).toMatchObject({ httpCode: '409' });
		expect(result.error?.message).toBe(
			`Gorgias API error 409: A customer with this email address already exists (the email taken@shop.example belongs to customer ${owner.id})`,
		);
		expect(sent(sandbox)).toEqual(['POST /api/customers', 'GET /api/customers']);
	});

	it('Update sends only the chosen fields (never channels) and surfaces a 409 the same way', async () => {
		const owner = sandbox.addCustomer({ email: 'taken@shop.example' });
		const mine = sandbox.addCustomer({ email: 'mine@shop.example' });
		const ok = await customers({
			operation: 'update',
			customerId: rl(mine.id),
			updateFields: { language: 'fr', note: 'VIP' },
		});
		expect(ok.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.updateCustomer)[0].body).toEqual({
			language: 'fr',
			note: 'VIP',
		});
		expect(jsonOf(ok)[0]).toMatchObject({ id: mine.id, language: 'fr', note: 'VIP' });

		const conflict = await customers({
			operation: 'update',
			customerId: rl(mine.id),
			updateFields: { email: 'taken@shop.example' },
		});
		expect(conflict.error?.message).toContain(`belongs to customer ${owner.id}`);
	});

	it('refuses bad input before sending, naming the parameter and the item', async () => {
		const bad = await customers({ operation: 'create', email: 'not-an-email' }, [{}]);
		expectRefusedBeforeSending(bad, sandbox, 'Email');
		const empty = await customers({ operation: 'update', customerId: rl(5), updateFields: {} });
		expectRefusedBeforeSending(empty, sandbox, 'Update Fields');
		const filter = await customers(
			{ operation: 'getMany', returnAll: true, filters: { email: '={{ $json.email }}' } },
			[{ email: 'ann@shop.example' }, { email: 'nope' }],
		);
		expectRefusedBeforeSending(filter, sandbox, 'Filters → Email', 1);
	});

	it('keeps going per item under Continue On Fail, pairing every output', async () => {
		const ann = sandbox.addCustomer();
		sandbox.injectFault(GORGIAS_ROUTES.getCustomer, faults.status(500), { times: 10 });
		const result = await runGorgias(sandbox, {
			continueOnFail: true,
			items: [{ id: ann.id }],
			parameters: { resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') },
		});
		expect(jsonOf(result)[0].error).toContain('Gorgias API error 500');
		expect(pairedOf(result)).toEqual([0]);
	});

	it('Ticket Create takes a customer picked from the searchable list', async () => {
		const customer = sandbox.addCustomer({ name: 'Dora Petit', email: 'dora@shop.example' });
		const search = await callListSearch({
			nodeType: GORGIAS_NODE,
			method: 'searchCustomers',
			filter: 'dora',
			parameters: { authentication: 'apiKey', resource: 'ticket', operation: 'create' },
			credentials: apiKeyCredentials(sandbox),
		});
		expect(search.results).toEqual([
			{ name: 'Dora Petit (dora@shop.example)', value: String(customer.id) },
		]);
		sandbox.clearLog();
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'create',
				channel: 'api',
				customer: rl(String(search.results[0].value), 'list'),
				body: 'Where is my parcel?',
			},
		});
		expect(result.error).toBeUndefined();
		const [request] = sandbox.requestsTo(GORGIAS_ROUTES.createTicket);
		expect(request.body).toMatchObject({
			customer: { id: customer.id },
			messages: [{ sender: { id: customer.id }, channel: 'api' }],
		});
		expect(jsonOf(result)[0]).toMatchObject({ customer: { id: customer.id } });
	});

	it('Ticket Create by customer ID still needs the email where it is the address', async () => {
		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'create',
				channel: 'email',
				customer: rl(3001),
				supportEmail: 'support@acme.example',
				body: 'Hello',
			},
		});
		expectRefusedBeforeSending(result, sandbox, 'Customer Email');
	});
});
