/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark tooling runs in plain Node and is never packaged */
/**
 * Scenario 9: what a poll of "Customer Waiting for a Reply" costs on an account with 10,000 open
 * tickets, every one of them answered (the customer wrote, an agent replied): an idle poll, where
 * nothing is newly waiting, and a poll where 50 customers have just passed the 30-minute
 * threshold. The plain trigger's idle poll is the reference: 1 request per watched list.
 *
 * Polls run through n8n-core's real PollContext (the test harness' runPoll) on the built pack,
 * as in scenario 4. The 50 customer messages are dated 30 minutes back (to the millisecond just
 * after the previous poll's window), so they pass the threshold without the benchmark waiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runPoll } from '../../dev/harness';
import type { HarnessCredentials, PollResult } from '../../dev/harness';
import type { Sandbox } from '../../dev/sandboxes/framework';
import { nodeType, PROVIDERS } from '../../dev/providers';
import { startGorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { startGuruSupSandbox } from '../../dev/sandboxes/gurusup';
import { startZaiaSandbox } from '../../dev/sandboxes/zaia';
import type { ScenarioReport } from './report';
import { format, median } from './report';
import { credentialsFor, routesOf } from './trigger-cost';

export interface WaitingCostOptions {
	runs: number;
	/** Open tickets on the account (the issue: 10,000). */
	tickets: number;
	/** Customers newly past the threshold before the measured poll (the issue: 50). */
	newlyWaiting: number;
	log?: (line: string) => void;
}

const THRESHOLD_MINUTES = 30;
const THRESHOLD_MS = THRESHOLD_MINUTES * 60_000;
/** Answered conversations end this long ago: outside every window the trigger reads. */
const ANSWERED_AGO_MS = 2 * 3_600_000;

interface Subject {
	provider: string;
	nodeType: string;
	parameters: INodeParameters;
	/** What the plain trigger's idle poll costs (scenario 4), in requests. */
	plainIdle: number;
	credentials: HarnessCredentials;
	sandbox: Sandbox;
	idOf(item: IDataObject): string;
	/** The customer writes on `count` more tickets at `at` (ms); returns their ids as emitted. */
	customerWrites(count: number, at: number): string[];
	stop(): Promise<void>;
}

async function gorgiasSubject(tickets: number): Promise<Subject> {
	const sandbox = await startGorgiasSandbox({ latencyMs: 0, bucket: false });
	const state = sandbox.state;
	const answeredAt = Date.now() - ANSWERED_AGO_MS;
	const ids = Array.from({ length: tickets }, (_, i) => {
		const at = new Date(answeredAt + i).toISOString();
		return state.addTicket({
			created_datetime: at,
			messages: [
				{ from_agent: false, created_datetime: at },
				{ from_agent: true, created_datetime: at },
			],
		}).id;
	});
	let next = 0;
	return {
		provider: PROVIDERS.gorgias.label,
		nodeType: nodeType(PROVIDERS.gorgias.nodes.trigger),
		parameters: {
			authentication: 'apiKey',
			event: 'customerWaiting',
			waitingMinutes: THRESHOLD_MINUTES,
		},
		plainIdle: 1,
		credentials: credentialsFor(PROVIDERS.gorgias.credential(sandbox), { rateWindowSeconds: 20 }),
		sandbox,
		idOf: (item) => String(item.id),
		customerWrites: (count, at) =>
			Array.from({ length: count }, (_, i) => {
				const id = ids[next++ % ids.length];
				const time = new Date(at + i).toISOString();
				const message = state.addMessage(id, { from_agent: false, created_datetime: time });
				const event = state.recordEvent(
					'ticket-message-created',
					{ type: 'TicketMessage', id: message.id },
					{ ticket_id: id },
				);
				event.created_datetime = message.created_datetime;
				return String(id);
			}),
		stop: async () => await sandbox.stop(),
	};
}

async function gurusupSubject(tickets: number): Promise<Subject> {
	const sandbox = await startGuruSupSandbox({ latencyMs: 0, pagination: 'none' });
	const state = sandbox.state;
	const answeredAt = Date.now() - ANSWERED_AGO_MS;
	const ids = Array.from({ length: tickets }, (_, i) => {
		const at = new Date(answeredAt + i).toISOString();
		return state.addTicket({
			created_at: at,
			updated_at: at,
			messages: [
				{ is_agent: false, received_at: at },
				{ is_agent: true, received_at: at },
			],
		}).external_id;
	});
	let next = 0;
	return {
		provider: PROVIDERS.gurusup.label,
		nodeType: nodeType(PROVIDERS.gurusup.nodes.trigger),
		parameters: { event: 'customerWaiting', waitingMinutes: THRESHOLD_MINUTES },
		plainIdle: 1,
		credentials: credentialsFor(PROVIDERS.gurusup.credential(sandbox)),
		sandbox,
		idOf: (item) => String(item.external_id),
		customerWrites: (count, at) =>
			Array.from({ length: count }, (_, i) => {
				const id = ids[next++ % ids.length];
				sandbox.addMessage(id, { is_agent: false, received_at: new Date(at + i).toISOString() });
				return id;
			}),
		stop: async () => await sandbox.stop(),
	};
}

async function zaiaSubject(tickets: number): Promise<Subject> {
	const sandbox = await startZaiaSandbox({ latencyMs: 0 });
	const state = sandbox.state;
	// Chats without stored messages: the sandbox rebuilds every chat's latest message from all
	// messages on each list request, and answered conversations lie outside every window anyway.
	const chats = Array.from({ length: tickets }, () => {
		const chat = state.addChat();
		return {
			chatId: chat.id,
			ticketId: state.addTicket({ chatId: chat.id, status: 'pending' }).id,
		};
	});
	let next = 0;
	return {
		provider: PROVIDERS.zaia.label,
		nodeType: nodeType(PROVIDERS.zaia.nodes.trigger),
		parameters: { event: 'customerWaiting', waitingMinutes: THRESHOLD_MINUTES },
		plainIdle: 3,
		credentials: credentialsFor(PROVIDERS.zaia.credential(sandbox)),
		sandbox,
		idOf: (item) => String(item.id),
		customerWrites: (count, at) =>
			Array.from({ length: count }, (_, i) => {
				const { chatId, ticketId } = chats[next++ % chats.length];
				state.addChatMessage({ chatId, role: 'user', createdAt: new Date(at + i).toISOString() });
				return ticketId;
			}),
		stop: async () => await sandbox.stop(),
	};
}

interface PollFigures {
	requests: number;
	routes: string;
	wallMs: number;
	result: PollResult;
}

async function poll(subject: Subject, staticData: IDataObject): Promise<PollFigures> {
	subject.sandbox.clearLog();
	const started = performance.now();
	const result = await runPoll({
		nodeType: subject.nodeType,
		parameters: subject.parameters,
		credentials: subject.credentials,
		staticData,
		mode: 'trigger',
	});
	return {
		requests: subject.sandbox.requests.length,
		routes: routesOf(subject.sandbox.requests),
		wallMs: performance.now() - started,
		result,
	};
}

interface Row {
	subject: Subject;
	idle: PollFigures[];
	waiting: PollFigures[];
	stateBytes: number;
	failures: string[];
}

async function measure(subject: Subject, options: WaitingCostOptions): Promise<Row> {
	const staticData: IDataObject = {};
	const row: Row = { subject, idle: [], waiting: [], stateBytes: 0, failures: [] };
	const check = (figures: PollFigures, expected: string[], what: string) => {
		if (figures.result.error) {
			row.failures.push(`${subject.provider} ${what} failed: ${figures.result.error.message}`);
			return;
		}
		const emitted = figures.result.items.map((item) => subject.idOf(item.json));
		if (JSON.stringify([...emitted].sort()) !== JSON.stringify([...expected].sort())) {
			row.failures.push(
				`${subject.provider} ${what} emitted ${emitted.length}, expected ${expected.length}`,
			);
		}
	};
	check(await poll(subject, staticData), [], 'activation poll');
	for (let run = 1; run <= options.runs; run++) {
		await sleep(20);
		const idle = await poll(subject, staticData);
		check(idle, [], `run ${run}: idle poll`);
		// Dated just inside the next poll's window: the customer wrote 30 minutes ago.
		const expected = subject.customerWrites(options.newlyWaiting, Date.now() - THRESHOLD_MS + 1);
		await sleep(20 + options.newlyWaiting);
		const waiting = await poll(subject, staticData);
		check(waiting, expected, `run ${run}: ${options.newlyWaiting} newly waiting`);
		row.idle.push(idle);
		row.waiting.push(waiting);
		options.log?.(
			`  ${subject.provider} run ${run}: idle ${idle.requests} req (${idle.routes}); ` +
				`${options.newlyWaiting} newly waiting ${waiting.requests} req (${waiting.routes}), emitted ${waiting.result.items.length}`,
		);
	}
	row.stateBytes = Buffer.byteLength(JSON.stringify(staticData));
	return row;
}

export async function waitingCost(options: WaitingCostOptions): Promise<ScenarioReport> {
	const rows: Row[] = [];
	for (const make of [gorgiasSubject, gurusupSubject, zaiaSubject]) {
		const subject = await make(options.tickets);
		try {
			rows.push(await measure(subject, options));
		} finally {
			await subject.stop();
		}
	}
	const requests = (polls: PollFigures[]) => median(polls.map((figures) => figures.requests));
	const idleMet = rows.filter((row) => requests(row.idle) <= row.subject.plainIdle);
	const list = (selected: Row[], polls: (row: Row) => PollFigures[]) =>
		selected.map((row) => `${row.subject.provider} ${requests(polls(row))}`).join(', ');
	return {
		title: `9. Waiting cost: Customer Waiting for a Reply, ${format.count(options.tickets)} open tickets, idle and ${options.newlyWaiting} newly waiting`,
		target: `An idle poll (nothing newly waiting) costs what the plain trigger's idle poll costs (1 request per watched list: Gorgias 1, GuruSup 1, Zaia 3); ${options.newlyWaiting} newly waiting cost as few requests as the API allows.`,
		setup: `runPoll (n8n-core PollContext) on the built pack, loopback sandboxes without latency or rate limit; every ticket answered two hours ago; threshold ${THRESHOLD_MINUTES} minutes, no second level; ${options.runs} runs.`,
		columns: [
			'provider',
			'idle poll: requests (routes)',
			'idle poll: time',
			`${options.newlyWaiting} newly waiting: requests (routes)`,
			`${options.newlyWaiting} newly waiting: time`,
			'saved state',
		],
		rows: rows.map((row) => [
			row.subject.provider,
			`${requests(row.idle)} (${row.idle[0]?.routes ?? 'n/a'})`,
			format.ms(median(row.idle.map((figures) => figures.wallMs))),
			`${requests(row.waiting)} (${row.waiting[0]?.routes ?? 'n/a'})`,
			format.ms(median(row.waiting.map((figures) => figures.wallMs))),
			format.kb(row.stateBytes),
		]),
		verdict:
			idleMet.length === rows.length
				? `Idle = the plain trigger's idle poll: met (${list(rows, (row) => row.idle)}); ${options.newlyWaiting} newly waiting: ${list(rows, (row) => row.waiting)} requests`
				: `Idle = the plain trigger's idle poll: missed by ${list(
						rows.filter((row) => !idleMet.includes(row)),
						(row) => row.idle,
					)}`,
		notes: [
			"Gorgias reads one window of ticket-message-created events per level (1 request when empty; a second level adds one), then the tickets those events name, 100 per request; it reads a ticket's messages only when its customer wrote again after an emission (to tell a follow-up from a new wait after a reply).",
			'GuruSup reads its listing whole, as its plain trigger does: the same single request (and the same size of answer) whatever is waiting.',
			"Zaia reads one window of the chats list per level (by the time of each chat's latest message), then the tickets of the waiting chats, one listing per open status (pending, ongoing), 50 chats per request.",
			'An idle poll during busy hours is not empty on Gorgias: the window holds the message events of 30 minutes ago, and the tickets they name are fetched (1 request per 100) to see who wrote last.',
		],
		errors: rows.flatMap((row) => row.failures),
	};
}
