import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callListSearch } from '../../dev/harness';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, rl, sandboxPerTest, sent } from '../kit';
import { apiKeyCredentials, GORGIAS_NODE, runGorgias, startSandbox } from './setup';

describe('Gorgias satisfaction surveys', () => {
	let sandbox: GorgiasSandbox;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
	});

	const surveys = (parameters: INodeParameters, items?: IDataObject[]) =>
		runGorgias(sandbox, { parameters: { resource: 'satisfactionSurvey', ...parameters }, items });

	it('Get reads one survey by ID', async () => {
		const ticket = sandbox.addTicket();
		const survey = sandbox.addSurvey(ticket.id);
		const result = await surveys({ operation: 'get', surveyId: rl(survey.id) });
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`GET /api/satisfaction-surveys/${survey.id}`]);
		expect(jsonOf(result)).toEqual([survey]);
	});

	it('Get of a missing survey shows the provider message and HTTP code', async () => {
		const result = await surveys({ operation: 'get', surveyId: rl(424242) });
		expect(result.error).toMatchObject({
			httpCode: '404',
			message: 'Gorgias API error 404: Satisfaction survey not found',
		});
	});

	it('Get Many finds the survey of a ticket (picked, or pasted as its URL)', async () => {
		const [a, b] = [sandbox.addTicket(), sandbox.addTicket()];
		sandbox.addSurvey(a.id);
		const mine = sandbox.addSurvey(b.id);
		const byId = await surveys({
			operation: 'getMany',
			returnAll: true,
			filters: { ticketId: rl(b.id, 'list') },
		});
		expect(byId.error).toBeUndefined();
		expect(jsonOf(byId)).toEqual([mine]);
		expect(sandbox.requests[0].query).toEqual({
			order_by: 'created_datetime:desc',
			ticket_id: String(b.id),
			limit: '100',
		});
		const byUrl = await surveys({
			operation: 'getMany',
			returnAll: true,
			filters: {
				ticketId: {
					__rl: true,
					mode: 'url',
					value: `https://acme.gorgias.com/app/ticket/${b.id}`,
				},
			},
		});
		expect(byUrl.error).toBeUndefined();
		expect(jsonOf(byUrl)).toEqual([mine]);
	});

	it('Get Many follows cursors for Return All, and stops at the Limit', async () => {
		for (let i = 0; i < 130; i++) sandbox.addSurvey(sandbox.addTicket().id);
		const all = await surveys({
			operation: 'getMany',
			returnAll: true,
			orderBy: 'created_datetime:asc',
		});
		expect(jsonOf(all)).toHaveLength(130);
		expect(sandbox.requests).toHaveLength(2);
		expect(sandbox.requests[1].query.cursor).toEqual(expect.any(String));
		sandbox.clearLog();
		const some = await surveys({ operation: 'getMany', limit: 5 });
		expect(jsonOf(some)).toHaveLength(5);
		expect(sandbox.requests.map((request) => request.query.limit)).toEqual(['5']);
	});

	it('Create sends ticket, customer and the chosen fields; one survey per ticket', async () => {
		const ticket = sandbox.addTicket();
		const customerId = sandbox.ticket(ticket.id)!.customer.id;
		const created = await surveys({
			operation: 'create',
			ticketId: rl(ticket.id),
			customerId: rl(customerId),
			additionalFields: { shouldSendDatetime: '2030-01-02T10:00:00', meta: '{"source":"n8n"}' },
		});
		expect(created.error).toBeUndefined();
		const [request] = sandbox.requestsTo(GORGIAS_ROUTES.createSurvey);
		expect(request).toMatchObject({ status: 201 });
		expect(request.body).toEqual({
			ticket_id: ticket.id,
			customer_id: customerId,
			should_send_datetime: '2030-01-02T10:00:00Z',
			meta: { source: 'n8n' },
		});
		expect(jsonOf(created)[0]).toMatchObject({ ticket_id: ticket.id, score: null });
		const again = await surveys({
			operation: 'create',
			ticketId: rl(ticket.id),
			customerId: rl(customerId),
		});
		expect(again.error).toMatchObject({ httpCode: '400' });
		expect(again.error?.message).toContain('Gorgias API error 400');
	});

	it('Update sends only the chosen fields; Do Not Send is a null send time', async () => {
		const survey = sandbox.addSurvey(sandbox.addTicket().id);
		const result = await surveys({
			operation: 'update',
			surveyId: rl(survey.id),
			updateFields: { score: 2, bodyText: 'Slow answer', doNotSend: true },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.updateSurvey)[0].body).toEqual({
			score: 2,
			body_text: 'Slow answer',
			should_send_datetime: null,
		});
		expect(jsonOf(result)[0]).toMatchObject({
			id: survey.id,
			score: 2,
			body_text: 'Slow answer',
			should_send_datetime: null,
		});
	});

	it('refuses bad input before sending, naming the parameter and the item', async () => {
		expectRefusedBeforeSending(
			await surveys({ operation: 'update', surveyId: rl(5), updateFields: {} }),
			sandbox,
			'Update Fields',
		);
		expectRefusedBeforeSending(
			await surveys(
				{ operation: 'update', surveyId: rl(5), updateFields: { score: '={{ $json.score }}' } },
				[{ score: 6 }],
			),
			sandbox,
			'Update Fields → Score',
		);
		expectRefusedBeforeSending(
			await surveys({
				operation: 'update',
				surveyId: rl(5),
				updateFields: { bodyText: 'x'.repeat(1001) },
			}),
			sandbox,
			'Update Fields → Comment',
		);
		expectRefusedBeforeSending(
			await surveys({
				operation: 'update',
				surveyId: rl(5),
				updateFields: { doNotSend: true, shouldSendDatetime: '2030-01-01T00:00:00Z' },
			}),
			sandbox,
			'Update Fields → Do Not Send',
		);
		expectRefusedBeforeSending(
			await surveys({ operation: 'create', ticketId: rl(5), customerId: rl('={{ "abc" }}') }),
			sandbox,
			'Customer',
		);
		expectRefusedBeforeSending(
			await surveys(
				{ operation: 'getMany', returnAll: true, filters: { ticketId: rl('={{ $json.t }}') } },
				[{ t: 1 }, { t: 'x' }],
			),
			sandbox,
			'Filters → Ticket',
			1,
		);
	});

	it('surveys are picked from a searchable list, newest first', async () => {
		const ticket = sandbox.addTicket();
		const survey = sandbox.addSurvey(ticket.id, { score: 4 });
		const search = await callListSearch({
			nodeType: GORGIAS_NODE,
			method: 'searchSatisfactionSurveys',
			parameters: { authentication: 'apiKey', resource: 'satisfactionSurvey', operation: 'get' },
			credentials: apiKeyCredentials(sandbox),
		});
		expect(search.results).toEqual([
			{ name: `#${survey.id} · ticket #${ticket.id} · 4/5`, value: String(survey.id) },
		]);
	});

	it('as an AI tool: the parameters the agent fills in ($fromAI) make the same request', async () => {
		const survey = sandbox.addSurvey(sandbox.addTicket().id);
		const result = await runGorgias(sandbox, {
			items: [{ surveyId: survey.id, score: 1 }],
			parameters: {
				resource: 'satisfactionSurvey',
				operation: 'update',
				surveyId: rl("={{ $fromAI('surveyId', 'ID of the survey', 'number') }}"),
				updateFields: { score: "={{ $fromAI('score', 'Score from 1 to 5', 'number') }}" },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([`PUT /api/satisfaction-surveys/${survey.id}`]);
		expect(sandbox.requests[0].body).toEqual({ score: 1 });
	});
});
