import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, rl, sandboxPerTest, sent } from '../kit';
import { runGorgias, startSandbox } from './setup';

const byEmail = (value: string) => ({ __rl: true, mode: 'email', value });

describe('Gorgias assignee pickers: list, ID, email, and values of older workflows', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const tickets = (parameters: INodeParameters, items?: IDataObject[]) =>
		runGorgias(sandbox, { parameters: { resource: 'ticket', ...parameters }, items });

	it('Assign by email looks the user up, then sends the id', async () => {
		const ticket = sandbox.addTicket();
		const ana = sandbox.addUser({ email: 'ana@acme.example' });
		const result = await tickets({
			operation: 'assign',
			ticketId: rl(ticket.id),
			assigneeUser: byEmail('ANA@acme.example'),
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual(['GET /api/users', `PUT /api/tickets/${ticket.id}`]);
		expect(sandbox.requests[0].query).toEqual({ email: 'ANA@acme.example', limit: '1' });
		expect(sandbox.requests[1].body).toEqual({ assignee_user: { id: ana.id } });
		expect(sandbox.ticket(ticket.id)?.assignee_user).toMatchObject({ id: ana.id });
	});

	it('Assign to an email no user has changes nothing', async () => {
		const ticket = sandbox.addTicket();
		const result = await tickets({
			operation: 'assign',
			ticketId: rl(ticket.id),
			assigneeUser: byEmail('ghost@acme.example'),
		});
		expect(result.error?.message).toBe('No Gorgias user has the email ghost@acme.example');
		expect(sandbox.requestsTo(GORGIAS_ROUTES.updateTicket)).toEqual([]);
	});

	it('older workflows keep working: list and ID modes, a plain ID, a number from an expression', async () => {
		const user = sandbox.addUser();
		const team = sandbox.addTeam();
		const values: unknown[] = [
			rl(user.id, 'list'),
			rl(user.id, 'id'),
			String(user.id),
			'={{ $json.user }}',
		];
		for (const value of values) {
			const ticket = sandbox.addTicket();
			sandbox.clearLog();
			const result = await tickets(
				{
					operation: 'assign',
					ticketId: rl(ticket.id),
					assigneeUser: value as INodeParameters[string],
					assigneeTeam: String(team.id),
				},
				[{ user: user.id }],
			);
			expect(result.error).toBeUndefined();
			expect(sent(sandbox)).toEqual([`PUT /api/tickets/${ticket.id}`]);
			expect(sandbox.requests[0].body).toEqual({
				assignee_user: { id: user.id },
				assignee_team: { id: team.id },
			});
		}
	});

	it('Create and Update take the assignee user by email too', async () => {
		const bo = sandbox.addUser({ email: 'bo@acme.example' });
		const created = await tickets({
			operation: 'create',
			channel: 'api',
			customerEmail: 'lucia@example.com',
			body: 'Hello',
			additionalFields: { assigneeUser: byEmail('bo@acme.example') },
		});
		expect(created.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createTicket)[0].body).toMatchObject({
			assignee_user: { id: bo.id },
		});
		const ticket = sandbox.addTicket();
		sandbox.clearLog();
		const updated = await tickets({
			operation: 'update',
			ticketId: rl(ticket.id),
			updateFields: { assigneeUser: byEmail('bo@acme.example') },
		});
		expect(updated.error).toBeUndefined();
		expect(sent(sandbox)).toEqual(['GET /api/users', `PUT /api/tickets/${ticket.id}`]);
		expect(sandbox.requests[1].body).toEqual({ assignee_user: { id: bo.id } });
	});

	it('a malformed email from an expression is refused before any request', async () => {
		const ticket = sandbox.addTicket();
		const result = await tickets(
			{
				operation: 'assign',
				ticketId: rl(ticket.id),
				assigneeUser: { __rl: true, mode: 'email', value: '={{ $json.who }}' },
			},
			[{ who: 'bo@' }],
		);
		expectRefusedBeforeSending(result, sandbox, 'Assignee User');
	});
});
