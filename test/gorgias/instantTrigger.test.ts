import { request } from 'undici';

import { HarnessWebhookTrigger } from '../../dev/harness';
import { faults } from '../../dev/sandboxes/faults';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { sandboxPerTest } from '../kit';
import { apiKeyCredentials, CANARY, startSandbox } from './setup';

const NODE_TYPE = 'n8n-nodes-ticketing.gorgiasInstantTrigger';
const ACTIVATION_HEADER = 'x-n8n-gorgias-secret';

describe('Gorgias Instant Trigger', () => {
	let sandbox: GorgiasSandbox;
	let trigger: HarnessWebhookTrigger | undefined;

	sandboxPerTest(
		async () => await startSandbox({ integrationFailureLimit: 3 }),
		(started) => {
			sandbox = started;
		},
	);
	afterEach(async () => {
		await trigger?.stop();
		trigger = undefined;
	});

	const start = async (events: string[], extra: Record<string, unknown> = {}) => {
		trigger = await HarnessWebhookTrigger.start({
			nodeType: NODE_TYPE,
			parameters: { authentication: 'apiKey', events, ...extra },
			credentials: apiKeyCredentials(sandbox),
		});
		return trigger;
	};
	const integrations = () => [...sandbox.state.integrations.values()];
	const post = async (path: string, body: unknown) =>
		await request(`${sandbox.baseUrl}/api${path}`, {
			method: 'POST',
			headers: { authorization: sandbox.basicAuthorization, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	const apiTicket = (email = 'ann@shop.example') => ({
		customer: { email },
		channel: 'api',
		messages: [
			{ channel: 'api', via: 'api', from_agent: false, sender: { email }, body_text: 'Hello' },
		],
	});
	/** A ticket created through the API, so Gorgias (the sandbox) calls its integrations. */
	const createTicket = async () => {
		const response = await post('/tickets', apiTicket());
		const ticket = (await response.body.json()) as { id: number };
		await sandbox.deliveriesSettled();
		return ticket;
	};

	it('activation creates one integration per event, calling the webhook with a secret', async () => {
		const hook = await start(['ticket-created', 'ticket-message-created']);
		expect(await hook.activate()).toEqual({ created: true });
		const created = sandbox.requestsTo(GORGIAS_ROUTES.createIntegration);
		expect(created.map((call) => call.body)).toEqual(
			['ticket-created', 'ticket-message-created'].map((event) => ({
				name: expect.stringContaining(event),
				description: expect.any(String),
				type: 'http',
				http: {
					url: `${hook.webhookUrl}?event=${event}`,
					method: 'POST',
					request_content_type: 'application/json',
					response_content_type: 'application/json',
					headers: { [ACTIVATION_HEADER]: expect.stringMatching(/^[A-Za-z0-9]{48}$/) },
					form: '{{context}}',
					triggers: { [event]: true },
				},
			})),
		);
		const secrets = created.map(
			(call) =>
				(call.body as { http: { headers: Record<string, string> } }).http.headers[
					ACTIVATION_HEADER
				],
		);
		expect(secrets[0]).toBe(secrets[1]);
		expect(hook.staticData).toMatchObject({
			secret: secrets[0],
			integrations: {
				'ticket-created': integrations()[0].id,
				'ticket-message-created': integrations()[1].id,
			},
		});
		// The secret is no credential of the user's: it stays out of the credential's requests.
		expect(JSON.stringify(hook.staticData)).not.toContain(CANARY);
	});

	it('a ticket created in Gorgias is emitted once, as the full ticket', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const ticket = await createTicket();
		expect(sandbox.deliveries).toHaveLength(1);
		expect(sandbox.deliveries[0].status).toBe(200);
		expect(hook.emitted).toHaveLength(1);
		const [items] = hook.emitted;
		expect(items.map((item) => item.json)).toEqual([sandbox.ticket(ticket.id)]);
		// The payload was complete: no request back to Gorgias, and a first activation has
		// nothing to replay.
		expect(sandbox.requestsTo(GORGIAS_ROUTES.getTicket)).toHaveLength(0);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.listEvents)).toHaveLength(0);
	});

	it('a repeated delivery of the same event is answered but emitted once', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		await createTicket();
		sandbox.redeliver(sandbox.deliveries[0]);
		sandbox.redeliver(sandbox.deliveries[0]);
		await sandbox.deliveriesSettled();
		expect(sandbox.deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
		expect(hook.calls.map((call) => call.response)).toEqual([
			{ received: true },
			{ received: true, duplicate: true },
			{ received: true, duplicate: true },
		]);
		expect(hook.emitted).toHaveLength(1);
	});

	it('the same event delivered twice at the same moment starts one execution', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const ticket = sandbox.addTicket();
		const secret = String(hook.staticData.secret);
		const call = async (body: unknown) =>
			await request(`${hook.webhookUrl}?event=ticket-created`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', [ACTIVATION_HEADER]: secret },
				body: JSON.stringify(body),
			}).then(async (response) => await response.body.json());
		// Short payloads, read back slowly: both calls are in flight on the same saved state.
		sandbox.injectFault(GORGIAS_ROUTES.getTicket, faults.delay(300));
		const answers = await Promise.all([
			call({ ticket_id: ticket.id }),
			call({ ticket_id: ticket.id }),
		]);
		expect(answers).toEqual(
			expect.arrayContaining([{ received: true }, { received: true, duplicate: true }]),
		);
		expect(hook.emitted).toHaveLength(1);
		expect(hook.emitted[0].map((item) => item.json.id)).toEqual([ticket.id]);
		// Full payloads (what Gorgias sends), twice at once: one execution as well.
		const other = sandbox.addTicket();
		const full = { ticket: sandbox.ticket(other.id) };
		expect(await Promise.all([call(full), call(full)])).toEqual(
			expect.arrayContaining([{ received: true }, { received: true, duplicate: true }]),
		);
		expect(hook.emitted.map(([item]) => item.json.id)).toEqual([ticket.id, other.id]);
	});

	it('updates are emitted once per change; a message comes with its ticket, Simplify works', async () => {
		const field = sandbox.addCustomField({ label: 'Tier' });
		const hook = await start(['ticket-updated', 'ticket-message-created'], { simplify: true });
		await hook.activate();
		const ticket = sandbox.addTicket({
			custom_fields: { [field.id]: { id: field.id, value: 'gold' } },
		});
		for (const subject of ['First', 'Second']) {
			await request(`${sandbox.baseUrl}/api/tickets/${ticket.id}`, {
				method: 'PUT',
				headers: { authorization: sandbox.basicAuthorization, 'content-type': 'application/json' },
				body: JSON.stringify({ subject }),
			});
			await sandbox.deliveriesSettled();
		}
		const note = await post(`/tickets/${ticket.id}/messages`, {
			channel: 'api',
			via: 'api',
			from_agent: false,
			sender: { email: 'ann@shop.example' },
			body_text: 'Any news?',
		});
		const message = (await note.body.json()) as { id: number };
		await sandbox.deliveriesSettled();

		const emitted = hook.emitted.map(([item]) => item.json);
		expect(emitted.map((json) => json.subject)).toEqual(['First', 'Second', 'Second']);
		expect(emitted[0]).toMatchObject({
			provider: 'gorgias',
			id: String(ticket.id),
			customFields: { Tier: 'gold' },
		});
		expect(emitted[2].message).toMatchObject({ id: message.id, body_text: 'Any news?' });
	});

	it('a call without the secret, or with a wrong one, is answered 401 and emits nothing', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const ticket = sandbox.addTicket();
		const body = JSON.stringify({ ticket: sandbox.ticket(ticket.id) });
		for (const headers of [{}, { [ACTIVATION_HEADER]: 'guess' }, { [ACTIVATION_HEADER]: '' }]) {
			const response = await request(`${hook.webhookUrl}?event=ticket-created`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body,
			});
			expect(response.statusCode).toBe(401);
			expect(await response.body.json()).toEqual({ message: 'Unauthorized' });
		}
		expect(hook.emitted).toEqual([]);
		expect(sandbox.requests.filter((call) => call.route === GORGIAS_ROUTES.getTicket)).toEqual([]);
	});

	it('a short payload (ids only) is completed by reading the ticket', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const [integration] = integrations();
		// A hand-edited template that sends only the id, as some setups do.
		integration.http.form = { ticket_id: '{{ticket.id}}' };
		const ticket = await createTicket();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.getTicket).map((call) => call.path)).toEqual([
			`/api/tickets/${ticket.id}`,
		]);
		expect(hook.emitted[0][0].json).toEqual(sandbox.ticket(ticket.id));
	});

	it('re-activation keeps working integrations; an edited URL or a deleted one is recreated, none orphaned', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const first = integrations()[0].id;
		expect(await hook.activate()).toEqual({ created: false });
		expect(integrations().map((entry) => entry.id)).toEqual([first]);

		await hook.moveUrl();
		expect(await hook.activate()).toEqual({ created: true });
		expect(integrations()).toHaveLength(1);
		expect(integrations()[0].http.url).toBe(`${hook.webhookUrl}?event=ticket-created`);

		sandbox.state.integrations.clear();
		expect(await hook.activate()).toEqual({ created: true });
		expect(integrations()).toHaveLength(1);
		await createTicket();
		expect(hook.emitted).toHaveLength(1);
	});

	it('an integration left behind by lost state is found by its URL and removed', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const stale = integrations()[0].id;
		for (const key of Object.keys(hook.staticData)) delete hook.staticData[key];
		await hook.activate();
		expect(sandbox.state.integrations.has(stale)).toBe(false);
		expect(integrations()).toHaveLength(1);
	});

	it('an integration Gorgias disabled after failures in a row is replaced at the next activation', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const disabled = integrations()[0].id;
		await hook.stop();
		for (let i = 0; i < 3; i++) await createTicket();
		expect(sandbox.integration(disabled)?.deactivated_datetime).toEqual(expect.any(String));
		await createTicket();
		expect(sandbox.deliveries).toHaveLength(3);

		await hook.moveUrl();
		expect(await hook.activate()).toEqual({ created: true });
		expect(sandbox.integration(disabled)).toBeUndefined();
		expect(integrations()).toEqual([expect.objectContaining({ deactivated_datetime: null })]);
		await createTicket();
		expect(hook.emitted).toHaveLength(1);
	});

	it('the replacement of a disabled integration emits the events missed since the last call, once, before its own', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const before = await createTicket();
		const lastDelivery = Date.parse(String(hook.staticData.lastDelivery));
		// n8n unreachable: three failed calls disable the integration, the fourth ticket has none.
		await hook.stop();
		const missed = [];
		for (let i = 0; i < 4; i++) missed.push(await createTicket());
		expect(integrations()[0].deactivated_datetime).toEqual(expect.any(String));

		await hook.moveUrl();
		expect(await hook.activate()).toEqual({ created: true });
		expect(sandbox.requestsTo(GORGIAS_ROUTES.listEvents)).toEqual([]);
		const current = await createTicket();
		expect(hook.emitted).toHaveLength(2);
		// One execution: the missed tickets oldest first, then the call's own; the ticket emitted
		// before the gap (inside the replay's margin) is not emitted again.
		expect(hook.emitted[1].map((item) => item.json.id)).toEqual([
			...missed.map((ticket) => ticket.id),
			current.id,
		]);
		expect(hook.emitted[1][0].json).toEqual(
			expect.objectContaining({ id: missed[0].id, customer: expect.any(Object) }),
		);
		expect(hook.emitted[1].map((item) => item.json.id)).not.toContain(before.id);
		const [read] = sandbox.requestsTo(GORGIAS_ROUTES.listEvents);
		expect(read.status).toBe(200);
		expect(read.query).toEqual({
			types: 'ticket-created',
			order_by: 'created_datetime:asc',
			'created_datetime[gte]': new Date(lastDelivery - 5 * 60_000).toISOString(),
			limit: '100',
		});
		expect(hook.staticData.replayFrom).toBeUndefined();

		// Replayed once: the next call emits only its own ticket and reads no events.
		const next = await createTicket();
		expect(hook.emitted[2].map((item) => item.json.id)).toEqual([next.id]);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.listEvents)).toHaveLength(1);
	});

	it('re-activation replays what happened while the workflow was off: updates once per ticket, messages with their message', async () => {
		const hook = await start(['ticket-updated', 'ticket-message-created']);
		await hook.activate();
		const [first, second, third] = [sandbox.addTicket(), sandbox.addTicket(), sandbox.addTicket()];
		const put = async (id: number, subject: string) => {
			await request(`${sandbox.baseUrl}/api/tickets/${id}`, {
				method: 'PUT',
				headers: { authorization: sandbox.basicAuthorization, 'content-type': 'application/json' },
				body: JSON.stringify({ subject }),
			});
			await sandbox.deliveriesSettled();
		};
		await put(first.id, 'Seen');
		expect(hook.emitted).toHaveLength(1);

		await hook.deactivate();
		await put(first.id, 'Off once');
		await put(first.id, 'Off twice');
		const note = await post(`/tickets/${second.id}/messages`, {
			channel: 'api',
			via: 'api',
			from_agent: false,
			sender: { email: 'ann@shop.example' },
			body_text: 'Sent while off',
		});
		const message = (await note.body.json()) as { id: number };
		expect(sandbox.deliveries).toHaveLength(1);

		expect(await hook.activate()).toEqual({ created: true });
		await put(third.id, 'Back on');
		expect(hook.emitted).toHaveLength(2);
		const replayed = hook.emitted[1].map((item) => item.json);
		expect(
			replayed.map((json) => [json.id, json.subject, (json.message as { id?: number })?.id]),
		).toEqual([
			[first.id, 'Off twice', undefined],
			[second.id, second.subject, message.id],
			[third.id, 'Back on', undefined],
		]);
		expect(replayed[1].message).toMatchObject({ body_text: 'Sent while off' });
		expect(sandbox.requestsTo(GORGIAS_ROUTES.listEvents)[0].query).toMatchObject({
			types: ['ticket-updated', 'ticket-message-created'],
		});
	});

	it('the replay reaches 24 hours back at most, and a failed read is tried again on the next call', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		await createTicket();
		await hook.deactivate();
		hook.staticData.lastDelivery = new Date(Date.now() - 3 * 24 * 3_600_000).toISOString();
		await hook.activate();
		// Not retried (a 4xx): the read fails once.
		sandbox.injectFault(GORGIAS_ROUTES.listEvents, faults.status(403), { times: 1 });
		const missedRead = await createTicket();
		// The call's own event is emitted even though the replay could not be read.
		expect(hook.emitted[1].map((item) => item.json.id)).toEqual([missedRead.id]);
		expect(hook.staticData.replayFrom).toEqual(expect.any(String));
		const startedAt = Date.now();
		const next = await createTicket();
		expect(hook.emitted[2].map((item) => item.json.id)).toEqual([next.id]);
		const reads = sandbox.requestsTo(GORGIAS_ROUTES.listEvents);
		const gte = Date.parse(String(reads[reads.length - 1].query['created_datetime[gte]']));
		expect(startedAt - gte).toBeGreaterThanOrEqual(24 * 3_600_000 - 1_000);
		expect(startedAt - gte).toBeLessThan(24 * 3_600_000 + 60_000);
		expect(reads[reads.length - 1].status).toBe(200);
		expect(hook.staticData.replayFrom).toBeUndefined();
	});

	it('after a gap of hours, what was emitted before it is not emitted again', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const before = await createTicket();
		await hook.deactivate();
		const missed = await createTicket();
		// The workflow was off for three hours: every time the trigger kept moves back.
		const hours = 3 * 3_600_000;
		const recent = hook.staticData.recent as Array<[string, number]>;
		hook.staticData.recent = recent.map(([key, at]) => [key, at - hours]);
		hook.staticData.lastDelivery = new Date(
			Date.parse(String(hook.staticData.lastDelivery)) - hours,
		).toISOString();
		// n8n restarted meanwhile: only the static data is left, no memory of the process.
		const staticData = hook.staticData;
		await hook.stop();
		const restarted = await start(['ticket-created'], {});
		Object.assign(restarted.staticData, staticData);
		await restarted.activate();
		const current = await createTicket();
		expect(hook.emitted.map((items) => items.map((item) => item.json.id))).toEqual([[before.id]]);
		expect(restarted.emitted.map((items) => items.map((item) => item.json.id))).toEqual([
			[missed.id, current.id],
		]);
	});

	it('more missed events than one page: the rest follow on the next calls, each once', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		await createTicket();
		await hook.deactivate();
		// 150 tickets created while the workflow was off (their events, without the API's pace).
		const missed = Array.from({ length: 150 }, () => {
			const ticket = sandbox.addTicket();
			sandbox.state.recordEvent('ticket-created', { type: 'Ticket', id: ticket.id });
			return ticket.id;
		});
		await hook.activate();
		const calls = [await createTicket(), await createTicket(), await createTicket()];
		const emitted = hook.emitted.slice(1).map((items) => items.map((item) => item.json.id));
		// A page holds 100 events, the one emitted before the gap among them.
		expect(emitted.map((ids) => ids.length)).toEqual([100, 52, 1]);
		expect(emitted.map((ids) => ids[ids.length - 1])).toEqual(calls.map((call) => call.id));
		expect([...emitted[0].slice(0, -1), ...emitted[1].slice(0, -1)]).toEqual(missed);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.listEvents)).toHaveLength(2);
	});

	it('a disabled integration at the same URL is not trusted: activation replaces it', async () => {
		const hook = await start(['ticket-created']);
		await hook.activate();
		const [old] = integrations();
		old.deactivated_datetime = '2026-01-01T00:00:00.000000+00:00';
		expect(await hook.activate()).toEqual({ created: true });
		expect(sandbox.integration(old.id)).toBeUndefined();
		expect(integrations()).toEqual([
			expect.objectContaining({
				deactivated_datetime: null,
				http: expect.objectContaining({ url: old.http.url }),
			}),
		]);
	});

	it('deactivation deletes the integrations and forgets the secret; a missing one counts as deleted', async () => {
		const hook = await start(['ticket-created', 'ticket-updated']);
		await hook.activate();
		const [first] = integrations();
		sandbox.state.integrations.delete(first.id);
		await hook.deactivate();
		expect(integrations()).toEqual([]);
		expect(hook.staticData.secret).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.deleteIntegration).map((call) => call.status)).toEqual(
			[404, 204],
		);
	});

	it('an event it does not offer stops the activation before any request', async () => {
		const hook = await start(['ticket-created', 'ticket-deleted']);
		await expect(hook.activate()).rejects.toThrow(
			'Invalid "Events" in item 0: expected one of "ticket-created", "ticket-message-created", "ticket-updated" but got "ticket-deleted"',
		);
		expect(sandbox.requests).toEqual([]);
	});

	it('a failed creation leaves no integration behind and shows Gorgias\u2019 error', async () => {
		const hook = await start(['ticket-created', 'ticket-updated']);
		sandbox.injectFault(GORGIAS_ROUTES.createIntegration, faults.status(500), { after: 1 });
		await expect(hook.activate()).rejects.toThrow('Gorgias API error 500');
		expect(integrations()).toEqual([]);
		expect(hook.staticData.secret).toBeUndefined();
	});

	it('an error that echoes the request does not show the activation secret', async () => {
		const hook = await start(['ticket-created']);
		// A server that puts the request it refused into its error message.
		sandbox.use(async (request, next) =>
			request.route === GORGIAS_ROUTES.createIntegration
				? { status: 400, body: { message: `Refused: ${request.rawBody}` } }
				: await next(),
		);
		const error = await hook.activate().then(
			() => undefined,
			(thrown: unknown) => thrown as Error & { description?: string },
		);
		const [refused] = sandbox.requestsTo(GORGIAS_ROUTES.createIntegration);
		const secret = (refused.body as { http: { headers: Record<string, string> } }).http.headers[
			ACTIVATION_HEADER
		];
		expect(secret).toMatch(/^[A-Za-z0-9]{48}$/);
		expect(error?.message).toContain('Gorgias API error 400: Refused:');
		expect(`${error?.message} ${error?.description} ${JSON.stringify(error)}`).not.toContain(
			secret,
		);
		expect(hook.staticData.secret).toBeUndefined();
	});
});
