import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callLoadOptions } from '../../dev/harness';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, rl, sandboxPerTest } from '../kit';
import { apiKeyCredentials, GORGIAS_NODE, runGorgias, startSandbox } from './setup';

describe('Gorgias language and time zone', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const customers = (parameters: INodeParameters, items?: IDataObject[]) =>
		runGorgias(sandbox, { parameters: { resource: 'customer', ...parameters }, items });

	const loadOptions = (method: string) =>
		callLoadOptions({
			nodeType: GORGIAS_NODE,
			method,
			parameters: { authentication: 'apiKey', resource: 'customer', operation: 'create' },
			credentials: apiKeyCredentials(sandbox),
		});

	it('lists languages by English name and IANA time zones for the dropdowns, without a request', async () => {
		const languages = await loadOptions('getLanguages');
		expect(languages).toHaveLength(183);
		expect(languages).toContainEqual({ name: 'French (fr)', value: 'fr' });
		expect(languages).toContainEqual({ name: 'English (en)', value: 'en' });
		const names = languages.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

		const zones = await loadOptions('getTimezones');
		expect(zones).toContainEqual({ name: 'Europe/Paris', value: 'Europe/Paris' });
		expect(zones).toContainEqual({ name: 'UTC', value: 'UTC' });
		expect(zones.length).toBeGreaterThan(300);
		expect(sandbox.requests).toEqual([]);
	});

	it('Customer Create refuses a language name, for the whole run, before any request', async () => {
		const result = await customers(
			{
				operation: 'create',
				email: '={{ $json.email }}',
				additionalFields: { language: '={{ $json.language }}' },
			},
			[
				{ email: 'ann@shop.example', language: 'fr' },
				{ email: 'bob@shop.example', language: 'English' },
			],
		);
		expectRefusedBeforeSending(result, sandbox, 'Additional Fields → Language Name or ID', 1);
		expect(result.error?.message).toBe(
			'Invalid "Additional Fields → Language Name or ID" in item 1: expected a two-letter ISO 639-1 language code such as en or fr but got "English"',
		);
	});

	it('Customer Update refuses a time zone that is not an IANA name, before any request', async () => {
		for (const timezone of ['Paris', '+01:00', 'Europe/Pariss']) {
			const result = await customers(
				{
					operation: 'update',
					customerId: rl('={{ $json.id }}'),
					updateFields: { timezone: '={{ $json.timezone }}' },
				},
				[
					{ id: 1, timezone: 'Europe/Paris' },
					{ id: 2, timezone },
				],
			);
			expectRefusedBeforeSending(result, sandbox, 'Update Fields → Timezone Name or ID', 1);
			expect(result.error?.message).toContain(
				`expected an IANA time zone name such as Europe/Paris or UTC but got "${timezone}"`,
			);
		}
	});

	it('sends valid codes and zones, spelled as Gorgias stores them', async () => {
		const created = await customers({
			operation: 'create',
			email: 'cleo@shop.example',
			additionalFields: { language: 'fr', timezone: 'Europe/Paris' },
		});
		expect(created.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createCustomer)[0].body).toMatchObject({
			language: 'fr',
			timezone: 'Europe/Paris',
		});
		const id = Number(jsonOf(created)[0].id);
		expect(sandbox.state.customers.get(id)).toMatchObject({
			language: 'fr',
			timezone: 'Europe/Paris',
		});

		// Typed by expression in another letter case, and UTC, which the runtime does not list.
		for (const [language, timezone, sentZone] of [
			['DE', 'europe/berlin', 'Europe/Berlin'],
			['pt', 'UTC', 'UTC'],
			['ja', 'Asia/Tokyo', 'Asia/Tokyo'],
		]) {
			sandbox.clearLog();
			const updated = await customers(
				{
					operation: 'update',
					customerId: rl(id),
					updateFields: { language: '={{ $json.language }}', timezone: '={{ $json.timezone }}' },
				},
				[{ language, timezone }],
			);
			expect(updated.error).toBeUndefined();
			expect(sandbox.requestsTo(GORGIAS_ROUTES.updateCustomer)[0].body).toEqual({
				language: language.toLowerCase(),
				timezone: sentZone,
			});
		}
	});

	it('Ticket Update checks the language the same way', async () => {
		const ticket = sandbox.addTicket();
		const bad = await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				updateFields: { language: 'English' },
			},
		});
		expectRefusedBeforeSending(bad, sandbox, 'Update Fields → Language Name or ID');

		const good = await runGorgias(sandbox, {
			parameters: {
				operation: 'update',
				ticketId: rl(ticket.id),
				updateFields: { language: 'fr' },
			},
		});
		expect(good.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.updateTicket)[0].body).toEqual({ language: 'fr' });
		expect(jsonOf(good)[0]).toMatchObject({ id: ticket.id, language: 'fr' });
	});
});
