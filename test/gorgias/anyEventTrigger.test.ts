import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from '../../dev/harness';
import type { Fault } from '../../dev/sandboxes/faults';
import { GORGIAS_ROUTES, type GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { MAX_SURVEYS_PER_POLL } from '../../nodes/Gorgias/trigger';
import { pollSession } from '../support/poll-session';
import { seededRandom, soak } from '../support/soak';
import { sandboxPerTest } from '../kit';
import { apiKeyCredentials, startSandbox } from './setup';

const TRIGGER = 'n8n-nodes-ticketing.gorgiasTrigger';
const TYPES = ['satisfaction-survey-responded', 'ticket-closed'];

/** A ticket whose customer answers its survey now; returns the recorded event. */
function answered(sandbox: GorgiasSandbox, score: number, comment?: string, at?: string) {
	const survey = sandbox.addSurvey(sandbox.addTicket().id);
	const event = sandbox.answerSurvey(survey.id, score, comment);
	if (at) event.created_datetime = at;
	return event;
}

function closed(sandbox: GorgiasSandbox, at?: string) {
	const event = sandbox.state.recordEvent('ticket-closed', {
		type: 'Ticket',
		id: sandbox.addTicket().id,
	});
	if (at) event.created_datetime = at;
	return event;
}

describe('Gorgias Trigger: Any Event', () => {
	let sandbox: GorgiasSandbox;
	let session: ReturnType<typeof pollSession>;

	sandboxPerTest(startSandbox, (started) => {
		sandbox = started;
		session = pollSession(
			TRIGGER,
			{ authentication: 'apiKey', event: 'anyEvent', eventTypes: TYPES },
			() => apiKeyCredentials(sandbox),
		);
	});

	const poll = async (parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
		await session.poll(parameters, mode);
	const ids = (result: PollResult) => result.items.map((item) => Number(item.json.id));

	it('emits each new event of the chosen types once, oldest first; a survey answer carries its survey', async () => {
		answered(sandbox, 5);
		expect((await poll()).items).toEqual([]);
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ types: TYPES, order_by: 'created_datetime:desc', limit: '100' },
		]);
		sandbox.clearLog();
		const answer = answered(sandbox, 2, 'Too slow');
		const close = closed(sandbox);
		sandbox.state.recordEvent('ticket-updated', { type: 'Ticket', id: sandbox.addTicket().id });
		const result = await poll();
		expect(result.error).toBeUndefined();
		const survey = sandbox.state.surveys.get(answer.object_id)!;
		expect(result.items.map((item) => item.json)).toEqual([
			{ ...answer, satisfaction_survey: survey },
			close,
		]);
		expect(answer.data).toEqual({ score: 2, body_text: 'Too slow' });
		expect(survey).toMatchObject({ score: 2, body_text: 'Too slow' });
		expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /api/events',
			`GET /api/satisfaction-surveys/${survey.id}`,
		]);
		expect(sandbox.requests[0].query).toMatchObject({
			types: TYPES,
			order_by: 'created_datetime:asc',
			'created_datetime[gte]': expect.any(String),
		});
		sandbox.clearLog();
		expect((await poll()).items).toEqual([]);
		expect(sandbox.requests).toHaveLength(1);
	});

	it('events sharing a timestamp, split over two polls, are each emitted once', async () => {
		closed(sandbox, '2030-01-01T10:00:00.000000+00:00');
		await poll();
		const same = '2030-01-01T11:00:00.123456+00:00';
		const first = [closed(sandbox, same), answered(sandbox, 4, undefined, same)];
		expect(ids(await poll())).toEqual(first.map((event) => event.id));
		const later = [closed(sandbox, same)];
		expect(ids(await poll())).toEqual(later.map((event) => event.id));
		expect((await poll()).items).toEqual([]);
	});

	it.each<[string, string, Fault]>([
		[
			'429 on the events',
			GORGIAS_ROUTES.listEvents,
			{ kind: 'status', status: 429, headers: { 'retry-after': '0' } },
		],
		['5xx on the survey', GORGIAS_ROUTES.getSurvey, { kind: 'status', status: 502 }],
		['a dropped connection on the survey', GORGIAS_ROUTES.getSurvey, { kind: 'drop' }],
	])(
		'a failed poll (%s) changes nothing; the next poll emits everything',
		async (_name, route, fault) => {
			closed(sandbox);
			await poll();
			const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
			const news = [closed(sandbox), answered(sandbox, 1)];
			sandbox.injectFault(route, fault, { times: 5 });
			const failed = await poll();
			expect(failed.error).toBeDefined();
			expect(session.state).toEqual(before);
			sandbox.clearFaults();
			expect(ids(await poll())).toEqual(news.map((event) => event.id));
		},
	);

	it('a survey deleted since its answer does not hold the event back', async () => {
		closed(sandbox);
		await poll();
		const answer = answered(sandbox, 3);
		sandbox.state.surveys.delete(answer.object_id);
		const result = await poll();
		expect(result.items.map((item) => item.json)).toEqual([
			{ ...answer, satisfaction_survey: null },
		]);
	});

	it(`a backlog of survey answers is read ${MAX_SURVEYS_PER_POLL} surveys per poll, in order, none twice`, async () => {
		closed(sandbox);
		await poll();
		const backlog = Array.from({ length: 45 }, (_, i) =>
			i % 3 === 0 ? closed(sandbox) : answered(sandbox, 1 + (i % 5)),
		);
		const emitted: number[] = [];
		const sizes: number[] = [];
		for (let i = 0; i < 4; i++) {
			sandbox.clearLog();
			const result = await poll();
			const surveyReads = sandbox.requestsTo(GORGIAS_ROUTES.getSurvey).length;
			expect(surveyReads).toBeLessThanOrEqual(MAX_SURVEYS_PER_POLL);
			sizes.push(result.items.length);
			emitted.push(...ids(result));
		}
		expect(emitted).toEqual(backlog.map((event) => event.id));
		expect(sizes[sizes.length - 1]).toBe(0);
	});

	it('manual mode returns the newest event and leaves the state alone', async () => {
		closed(sandbox);
		await poll();
		const before = JSON.parse(JSON.stringify(session.state)) as IDataObject;
		closed(sandbox);
		const newest = answered(sandbox, 5);
		const manual = await poll({}, 'manual');
		expect(ids(manual)).toEqual([newest.id]);
		expect(manual.items[0].json.satisfaction_survey).toMatchObject({ score: 5 });
		expect(session.state).toEqual(before);
		expect((await poll()).items).toHaveLength(2);
	});

	it('refuses an empty or unknown type list before sending', async () => {
		const empty = await poll({ eventTypes: '={{ [] }}' });
		expect(empty.error?.message).toContain('Invalid "Event Types"');
		const unknown = await poll({ eventTypes: ['ticket-exploded'] });
		expect(unknown.error?.message).toContain('Event Types');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Gorgias Trigger soak (Any Event): 300 polls, about 20 % faults, events arriving all along', () => {
	jest.setTimeout(240_000);

	it('emits every event exactly once', async () => {
		const sandbox = await startSandbox();
		const random = seededRandom(7);
		let clock = Date.parse('2030-02-01T00:00:00Z');
		try {
			const session = pollSession(
				TRIGGER,
				{
					authentication: 'apiKey',
					event: 'anyEvent',
					eventTypes: TYPES,
					options: { maxPages: 2 },
				},
				() => apiKeyCredentials(sandbox),
			);
			const poll = async () => await session.poll();
			closed(sandbox, '2030-01-01T00:00:00.000000+00:00');
			await poll();
			const report = await soak({
				label: 'Gorgias Any Event',
				rounds: 300,
				random,
				arrive: (round) => {
					const count = round % 60 === 13 ? 60 : Math.floor(random() * 5);
					const sameTime = random() < 0.3;
					return Array.from({ length: count }, () => {
						if (!sameTime) clock += 1 + Math.floor(random() * 3000);
						const at = `${new Date(clock).toISOString().slice(0, -1)}000+00:00`;
						// Events of other types arrive too, and are never emitted.
						if (random() < 0.2)
							sandbox.state.recordEvent('ticket-updated', { type: 'Ticket', id: 1 });
						const event =
							random() < 0.5 ? closed(sandbox, at) : answered(sandbox, 1, undefined, at);
						return String(event.id);
					});
				},
				injectFault: (fault, times) => {
					const route = random() < 0.5 ? GORGIAS_ROUTES.listEvents : GORGIAS_ROUTES.getSurvey;
					sandbox.injectFault(route, fault, { times });
				},
				clearFaults: () => sandbox.clearFaults(),
				poll,
				idOf: (json) => String(json.id),
				drainPolls: 30,
			});
			expect(report).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
			expect(report.failedPolls).toBeGreaterThan(0);
		} finally {
			await sandbox.stop();
		}
	});
});
