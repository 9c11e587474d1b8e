import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { jsonOf, sandboxPerTest } from '../kit';
import { CANARY, runGorgias, startSandbox, USER_EMAIL } from './setup';

const basic = `Basic ${Buffer.from(`${USER_EMAIL}:${CANARY}`).toString('base64')}`;

describe('Gorgias Create: the body each channel needs, exactly', () => {
	let sandbox: GorgiasSandbox;
	let agentId: number;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		agentId = sandbox.addUser({ name: 'Ana Agent', email: 'ana@acme.example' }).id;
	});

	const create = async (parameters: Record<string, unknown>) => {
		const result = await runGorgias(sandbox, {
			parameters: { operation: 'create', ...parameters },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect([request.method, request.path, request.status]).toEqual(['POST', '/api/tickets', 201]);
		expect(request.headers.authorization).toBe(basic);
		return { body: request.body, result };
	};

	it('API channel, incoming: sender is the customer; stripped_text set for keyword rules', async () => {
		const { body, result } = await create({
			channel: 'api',
			customerEmail: 'lucia@example.com',
			body: 'Where is my order?',
			additionalFields: {
				subject: 'Order 1042',
				tags: 'vip, order',
				meta: '{"order": 1042}',
				status: 'open',
				externalId: 'ext-1042',
			},
		});
		expect(body).toEqual({
			channel: 'api',
			via: 'api',
			from_agent: false,
			customer: { email: 'lucia@example.com' },
			subject: 'Order 1042',
			status: 'open',
			external_id: 'ext-1042',
			tags: [{ name: 'vip' }, { name: 'order' }],
			meta: { order: 1042 },
			messages: [
				{
					channel: 'api',
					via: 'api',
					from_agent: false,
					sender: { email: 'lucia@example.com' },
					subject: 'Order 1042',
					body_text: 'Where is my order?',
					body_html: 'Where is my order?',
					stripped_text: 'Where is my order?',
				},
			],
		});
		const ticket = jsonOf(result)[0];
		expect(ticket).toMatchObject({
			channel: 'api',
			subject: 'Order 1042',
			external_id: 'ext-1042',
		});
		expect((ticket.tags as Array<{ name: string }>).map((tag) => tag.name).sort()).toEqual([
			'order',
			'vip',
		]);
	});

	it('Email, incoming: source from the customer to the support address', async () => {
		const { body } = await create({
			channel: 'email',
			direction: 'incoming',
			customerEmail: 'lucia@example.com',
			supportEmail: 'support@acme.example',
			body: 'Hello <team>',
		});
		expect(body).toMatchObject({
			channel: 'email',
			via: 'api',
			from_agent: false,
			customer: { email: 'lucia@example.com' },
		});
		expect((body as { messages: unknown[] }).messages[0]).toEqual({
			channel: 'email',
			via: 'api',
			from_agent: false,
			sender: { email: 'lucia@example.com' },
			source: {
				type: 'email',
				from: { address: 'lucia@example.com' },
				to: [{ address: 'support@acme.example' }],
			},
			body_text: 'Hello <team>',
			body_html: 'Hello &#60;team&#62;',
			stripped_text: 'Hello <team>',
		});
	});

	it('Email, outgoing: sent by a user, from the support address to the customer', async () => {
		const { body } = await create({
			channel: 'email',
			direction: 'outgoing',
			customerEmail: 'lucia@example.com',
			supportEmail: 'support@acme.example',
			senderUser: { __rl: true, mode: 'list', value: String(agentId) },
			body: 'Your order shipped.',
		});
		expect(body).toMatchObject({ channel: 'email', from_agent: true });
		expect((body as { messages: unknown[] }).messages[0]).toMatchObject({
			channel: 'email',
			via: 'api',
			from_agent: true,
			sender: { id: agentId },
			source: {
				type: 'email',
				from: { address: 'support@acme.example' },
				to: [{ address: 'lucia@example.com' }],
			},
		});
	});

	it('Internal note: from a user, on an API ticket', async () => {
		const { body } = await create({
			channel: 'internal-note',
			senderUser: { __rl: true, mode: 'id', value: String(agentId) },
			body: 'Escalated from the shop backend',
			customerEmail: 'lucia@example.com',
		});
		expect(body).toEqual({
			channel: 'api',
			via: 'api',
			from_agent: true,
			customer: { email: 'lucia@example.com' },
			messages: [
				{
					channel: 'internal-note',
					via: 'internal-note',
					from_agent: true,
					sender: { id: agentId },
					body_text: 'Escalated from the shop backend',
					body_html: 'Escalated from the shop backend',
					stripped_text: 'Escalated from the shop backend',
				},
			],
		});
	});

	it.each(['phone', 'sms'])(
		'%s, incoming: phone source from the customer number to the support number',
		async (channel) => {
			const { body } = await create({
				channel,
				direction: 'incoming',
				customerPhone: '+1 (415) 555-0100',
				supportPhone: '+14155550199',
				body: 'Call me back please',
				customerEmail: 'lucia@example.com',
			});
			expect(body).toMatchObject({
				channel,
				via: 'api',
				from_agent: false,
				customer: { email: 'lucia@example.com' },
			});
			expect((body as { messages: unknown[] }).messages[0]).toEqual({
				channel,
				via: 'api',
				from_agent: false,
				sender: { email: 'lucia@example.com' },
				source: {
					type: 'phone',
					from: { address: '+14155550100' },
					to: [{ address: '+14155550199' }],
				},
				body_text: 'Call me back please',
				body_html: 'Call me back please',
				stripped_text: 'Call me back please',
			});
		},
	);

	it('SMS, outgoing: from the support number to the customer, by a user', async () => {
		const { body } = await create({
			channel: 'sms',
			direction: 'outgoing',
			customerEmail: 'lucia@example.com',
			customerPhone: '+14155550100',
			supportPhone: '+14155550199',
			senderUser: { __rl: true, mode: 'id', value: String(agentId) },
			body: 'Your parcel is out for delivery',
		});
		expect((body as { messages: unknown[] }).messages[0]).toMatchObject({
			channel: 'sms',
			from_agent: true,
			sender: { id: agentId },
			source: {
				type: 'phone',
				from: { address: '+14155550199' },
				to: [{ address: '+14155550100' }],
			},
		});
	});

	it('Chat, incoming and outgoing', async () => {
		const incoming = await create({
			channel: 'chat',
			direction: 'incoming',
			customerEmail: 'lucia@example.com',
			body: 'Hi!',
		});
		expect(incoming.body).toMatchObject({ channel: 'chat', from_agent: false });
		expect((incoming.body as { messages: unknown[] }).messages[0]).toMatchObject({
			channel: 'chat',
			via: 'api',
			from_agent: false,
			sender: { email: 'lucia@example.com' },
		});
		sandbox.clearLog();
		const outgoing = await create({
			channel: 'chat',
			direction: 'outgoing',
			customerEmail: 'lucia@example.com',
			senderUser: { __rl: true, mode: 'id', value: String(agentId) },
			body: 'Hello from the team',
		});
		expect((outgoing.body as { messages: unknown[] }).messages[0]).toMatchObject({
			channel: 'chat',
			from_agent: true,
			sender: { id: agentId },
			source: { type: 'chat', to: [{ address: 'lucia@example.com' }] },
		});
	});

	it('assignee, team, priority and an import date travel with the ticket', async () => {
		const team = sandbox.addTeam({ name: 'Tier 2' });
		const { body } = await create({
			channel: 'api',
			customerEmail: 'lucia@example.com',
			body: 'Imported',
			additionalFields: {
				assigneeUser: { __rl: true, mode: 'id', value: String(agentId) },
				assigneeTeam: { __rl: true, mode: 'id', value: String(team.id) },
				priority: 'high',
				sentDatetime: '2024-01-02T03:04:05Z',
			},
		});
		expect(body).toMatchObject({
			assignee_user: { id: agentId },
			assignee_team: { id: team.id },
			priority: 'high',
		});
		expect((body as { messages: Array<Record<string, unknown>> }).messages[0].sent_datetime).toBe(
			'2024-01-02T03:04:05Z',
		);
	});
});

describe('Gorgias: choices set by an expression are checked before anything is sent', () => {
	let sandbox: GorgiasSandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(async () => {
		await sandbox.stop();
	});

	it('Create refuses a Direction that is neither incoming nor outgoing', async () => {
		const result = await runGorgias(sandbox, {
			items: [{ direction: 'incoming' }, { direction: 'sideways' }],
			parameters: {
				operation: 'create',
				channel: 'email',
				direction: '={{ $json.direction }}',
				customerEmail: 'c@shop.example',
				supportEmail: 'support@acme.example',
				body: 'Hello',
			},
		});
		expect(result.error?.message).toBe(
			'Invalid "Direction" in item 1: expected one of "incoming", "outgoing" but got "sideways"',
		);
		expect(result.error?.itemIndex).toBe(1);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('Update refuses a Status Gorgias does not have', async () => {
		const ticket = sandbox.addTicket({ subject: 'Where is my order?' });
		const result = await runGorgias(sandbox, {
			items: [{ status: 'pending' }],
			parameters: {
				operation: 'update',
				ticketId: { __rl: true, mode: 'id', value: String(ticket.id) },
				updateFields: { status: '={{ $json.status }}' },
			},
		});
		expect(result.error?.message).toBe(
			'Invalid "Update Fields → Status" in item 0: expected one of "closed", "open" but got "pending"',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('keeps the credential out of an input error that would echo it', async () => {
		const result = await runGorgias(sandbox, {
			items: [{ leaked: CANARY }],
			continueOnFail: true,
			parameters: {
				operation: 'update',
				ticketId: { __rl: true, mode: 'id', value: '1' },
				updateFields: { status: '={{ $json.leaked }}' },
			},
		});
		const outputs = JSON.stringify(result.items);
		expect(outputs).toContain('Invalid \\"Update Fields → Status\\" in item 0');
		expect(outputs).toContain('[redacted]');
		expect(outputs).not.toContain(CANARY);
		expect(sandbox.requests).toHaveLength(0);
	});
});
