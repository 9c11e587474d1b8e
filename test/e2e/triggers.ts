/* eslint-disable @n8n/community-nodes/no-restricted-imports -- e2e test support runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * The three poll triggers (and Gorgias' Any Event mode) in one real n8n, behind filters the providers cannot apply, and what
 * became of every ticket the sandboxes created: read back from n8n's executions (REST) and its
 * SQLite database.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import { GURUSUP_ROUTES } from '../../dev/sandboxes/gurusup';
import { ZAIA_ROUTES } from '../../dev/sandboxes/zaia';
import type { LoggedRequest } from '../../dev/sandboxes/framework';
import type { RunItem, WorkflowFile } from '../../dev/n8n/cli';
import { workflow } from '../../dev/n8n/cli';
import { N8N_CACHE_DIR, n8nNode } from '../../dev/n8n/env';
import type { Provider, Sandboxes } from './lifecycles';
import type { ExecutionDetail, N8nServer } from '../../dev/n8n/server';

const execFileAsync = promisify(execFile);

/** n8n 2.41's three ways of running a poll trigger, and the switches that select them. */
export const SCHEDULER_MODES = {
	legacy: {},
	durable: { N8N_SCHEDULER_ENABLED: 'true', N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true' },
	cursors: {
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	},
} satisfies Record<string, Record<string, string>>;
export type SchedulerMode = keyof typeof SCHEDULER_MODES;

/**
 * One poll time cannot be shorter than a minute (n8n refuses a cron whose seconds field is not
 * a single number), but a node may list several: four fixed seconds poll every 15 s, in every
 * scheduler mode, through the same code paths as a single "Every Minute".
 */
export const POLL_TIMES = {
	item: [0, 15, 30, 45].map((second) => ({
		mode: 'custom',
		cronExpression: `${second} * * * * *`,
	})),
};

export const TRIGGER_NODE = 'New ticket';
export const WAIT_NODE = 'Hold the tickets';
/**
 * Long enough to kill n8n while an execution holds the tickets a poll handed it, and longer
 * than one poll period (15 s): on a loaded machine the three triggers can emit one poll
 * apart, and the kill needs all three executions running at once.
 */
export const WAIT_SECONDS = 20;

export interface TriggerUnderTest {
	provider: Provider;
	label: string;
	workflow: WorkflowFile;
	/** The provider route every poll of this trigger reads. */
	pollRoute: string;
	/** Which requests to that route are this trigger's polls, when triggers share the route. */
	isPoll?: (request: LoggedRequest) => boolean;
	/** Creates a ticket that passes the trigger's filter or not; returns its id as emitted. */
	create(passes: boolean): string;
	idOf(item: RunItem): string;
}

function triggerWorkflow(
	label: string,
	type: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }>,
): WorkflowFile {
	return workflow(`${label} Trigger: exactly once`, [
		{
			name: TRIGGER_NODE,
			type,
			typeVersion: 1,
			parameters: { ...parameters, pollTimes: POLL_TIMES },
			credentials,
		},
		{
			name: WAIT_NODE,
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			parameters: { resume: 'timeInterval', amount: WAIT_SECONDS, unit: 'seconds' },
		},
	]);
}

const ref = (sandboxes: Sandboxes, provider: Provider) => ({
	id: sandboxes.credentials[provider].id,
	name: sandboxes.credentials[provider].name,
});

/** What the Any Event trigger watches: survey answers, and closed tickets (none arrive here). */
const GORGIAS_ANY_EVENT_TYPES = ['satisfaction-survey-responded', 'ticket-closed'];

/** How long before its creation a GuruSup ticket's conversation began, in turn. */
const GURUSUP_IMPORT_AGES_MS = [0, 5 * 60_000, 30 * 60_000, 86_400_000, 365 * 86_400_000];

/**
 * The triggers, each with one filter applied by the node (a team for Zaia and Gorgias, the
 * customer's role for Zaia chat messages, an agent for GuruSup) and the smallest page budget, so
 * that 100 tickets fill a window.
 */
export function triggersUnderTest(sandboxes: Sandboxes): TriggerUnderTest[] {
	const { zaia, gorgias, gurusup } = sandboxes;
	let gurusupCreated = 0;
	const zaiaTeam = zaia.addTeam({ name: 'Matching' });
	const zaiaOther = zaia.addTeam({ name: 'Other' });
	// New Chat Message watches the chats of open tickets; its filter is the customer's role.
	const zaiaChat = zaia.addChat({ ownerName: 'Chat customer' });
	zaia.addTicket({ chatId: zaiaChat.id, status: 'pending' });
	const gorgiasTeam = gorgias.addTeam({ name: 'Matching' });
	const gorgiasOther = gorgias.addTeam({ name: 'Other' });
	return [
		{
			provider: 'zaia',
			label: 'Zaia',
			workflow: triggerWorkflow(
				'Zaia',
				'n8n-nodes-ticketing.zaiaTrigger',
				{
					event: 'newTicket',
					statuses: ['pending'],
					filters: { teamIds: zaiaTeam.id },
					options: { maxPages: 1 },
				},
				{ zaiaApi: ref(sandboxes, 'zaia') },
			),
			pollRoute: ZAIA_ROUTES.listTickets,
			create: (passes) =>
				zaia.addTicket({ status: 'pending', ticketingTeamId: (passes ? zaiaTeam : zaiaOther).id })
					.id,
			idOf: (item) => String(item.json.id),
		},
		{
			provider: 'zaia',
			label: 'Zaia chat',
			workflow: triggerWorkflow(
				'Zaia chat',
				'n8n-nodes-ticketing.zaiaTrigger',
				{ event: 'newChatMessage', watchChats: 'openTickets', customerMessagesOnly: true },
				{ zaiaApi: ref(sandboxes, 'zaia') },
			),
			pollRoute: ZAIA_ROUTES.listChats,
			create: (passes) =>
				zaia.addChatMessage({ chatId: zaiaChat.id, role: passes ? 'user' : 'assistant' }).id,
			idOf: (item) => String(item.json.id),
		},
		{
			provider: 'gorgias',
			label: 'Gorgias',
			workflow: triggerWorkflow(
				'Gorgias',
				'n8n-nodes-ticketing.gorgiasTrigger',
				{
					authentication: 'apiKey',
					event: 'newTicket',
					filters: { teamIds: String(gorgiasTeam.id) },
					options: { maxPages: 1 },
				},
				{ gorgiasApi: ref(sandboxes, 'gorgias') },
			),
			pollRoute: GORGIAS_ROUTES.listEvents,
			isPoll: (request) => request.query.types === 'ticket-created',
			create: (passes) => {
				const ticket = gorgias.addTicket({
					assignee_team_id: (passes ? gorgiasTeam : gorgiasOther).id,
				});
				gorgias.state.recordEvent('ticket-created', { type: 'Ticket', id: ticket.id });
				return String(ticket.id);
			},
			idOf: (item) => String(item.json.id),
		},
		{
			provider: 'gorgias',
			label: 'Gorgias Any Event',
			workflow: triggerWorkflow(
				'Gorgias Any Event',
				'n8n-nodes-ticketing.gorgiasTrigger',
				{
					authentication: 'apiKey',
					event: 'anyEvent',
					eventTypes: GORGIAS_ANY_EVENT_TYPES,
					options: { maxPages: 1 },
				},
				{ gorgiasApi: ref(sandboxes, 'gorgias') },
			),
			pollRoute: GORGIAS_ROUTES.listEvents,
			isPoll: (request) => Array.isArray(request.query.types),
			// A customer answers a survey (the event carries the survey), or an event of a type
			// the trigger does not watch happens.
			create: (passes) => {
				const ticket = gorgias.addTicket();
				if (!passes) {
					return String(
						gorgias.state.recordEvent('ticket-updated', { type: 'Ticket', id: ticket.id }).id,
					);
				}
				return String(gorgias.answerSurvey(gorgias.addSurvey(ticket.id).id, 1).id);
			},
			idOf: (item) => String(item.json.id),
		},
		{
			provider: 'gurusup',
			label: 'GuruSup',
			workflow: triggerWorkflow(
				'GuruSup',
				'n8n-nodes-ticketing.guruSupTrigger',
				{ event: 'newTicket', filters: { agentIds: 'agent-matching' } },
				{ guruSupApi: ref(sandboxes, 'gurusup') },
			),
			pollRoute: GURUSUP_ROUTES.listTickets,
			create: (passes) => {
				// Most tickets are pushed with a conversation from another system: its dates are
				// minutes, a day or a year old, and the trigger must still take them as new.
				const age = GURUSUP_IMPORT_AGES_MS[gurusupCreated++ % GURUSUP_IMPORT_AGES_MS.length];
				const began = new Date(Date.now() - age).toISOString();
				return gurusup.addTicket({
					agent_id: passes ? 'agent-matching' : 'agent-other',
					created_at: began,
					messages: [{ received_at: began }],
				}).external_id;
			},
			idOf: (item) => String(item.json.external_id),
		},
	];
}

/**
 * The items the trigger handed an execution, wherever n8n kept them: the trigger node's run
 * data once it ran; for an execution n8n recovered after a crash, whose run data it rebuilds
 * from its event log with a placeholder item (`isArtificialRecoveredEventItem`), the start of
 * the execution stack, which holds the poll's items as they were handed over.
 */
export function triggerItems(detail: ExecutionDetail): RunItem[] {
	const ran = detail.data?.resultData?.runData?.[TRIGGER_NODE]?.[0]?.data?.main?.[0] ?? [];
	const real = ran.filter((item) => item.json.isArtificialRecoveredEventItem !== true);
	if (real.length) return real;
	const stack = ((detail.data as { executionData?: { nodeExecutionStack?: unknown[] } })
		.executionData?.nodeExecutionStack ?? []) as Array<{
		node?: { name?: string };
		data?: { main?: RunItem[][] };
	}>;
	return stack.find((entry) => entry.node?.name === TRIGGER_NODE)?.data?.main?.[0] ?? [];
}

export interface ExecutionRecord {
	id: string;
	status: string;
	/** 'trigger' for what a poll started, 'retry' for an operator's retry. */
	mode: string;
	startedAt?: string;
	ids: string[];
}

/** Every execution of the trigger's workflow with the ticket ids it holds. */
export async function executionsOf(
	server: N8nServer,
	trigger: TriggerUnderTest,
): Promise<ExecutionRecord[]> {
	const summaries = await server.listExecutions({ workflowId: trigger.workflow.id }, 100);
	const records: ExecutionRecord[] = [];
	for (const summary of summaries) {
		const detail = await server.getExecution(summary.id);
		records.push({
			id: summary.id,
			status: summary.status,
			mode: summary.mode,
			startedAt: summary.startedAt,
			ids: triggerItems(detail).map((item) => trigger.idOf(item)),
		});
	}
	return records;
}

/** Runs one SQL query on n8n's SQLite database with n8n's own Node and sqlite3 module. */
export async function sqlite(
	userFolder: string,
	sql: string,
): Promise<Array<Record<string, unknown>>> {
	const script = `
		const sqlite3 = require(${JSON.stringify(join(N8N_CACHE_DIR, 'node_modules', 'sqlite3'))});
		const db = new sqlite3.Database(${JSON.stringify(join(userFolder, '.n8n', 'database.sqlite'))}, sqlite3.OPEN_READONLY);
		db.all(${JSON.stringify(sql)}, (error, rows) => {
			if (error) { console.error(error.message); process.exit(1); }
			process.stdout.write(JSON.stringify(rows));
			db.close();
		});`;
	const { stdout } = await execFileAsync(n8nNode().node, ['-e', script]);
	return JSON.parse(stdout) as Array<Record<string, unknown>>;
}

/** What became of the tickets one trigger should emit, and of those it should not. */
export interface TriggerCounts {
	created: number;
	emitted: number;
	lost: number;
	duplicated: number;
	inCrashed: number;
	/** Tickets emitted although they existed before activation or failed the filter. */
	unexpected: number;
}

export function countTickets(
	expected: string[],
	unexpected: string[],
	executions: ExecutionRecord[],
): TriggerCounts {
	const times = new Map<string, number>();
	// What the trigger emitted: an operator's retry re-delivers on purpose and is not counted.
	for (const execution of executions.filter((e) => e.mode !== 'retry')) {
		for (const id of execution.ids) times.set(id, (times.get(id) ?? 0) + 1);
	}
	const crashed = new Set(
		executions.filter((execution) => execution.status === 'crashed').flatMap((e) => e.ids),
	);
	return {
		created: expected.length,
		emitted: expected.filter((id) => times.has(id)).length,
		lost: expected.filter((id) => !times.has(id)).length,
		duplicated: [...times.values()].filter((count) => count > 1).length,
		inCrashed: expected.filter((id) => crashed.has(id)).length,
		unexpected: unexpected.filter((id) => times.has(id)).length,
	};
}

/**
 * Customer Waiting for a Reply beside the exactly-once triggers, in the same n8n: one ticket per
 * provider whose customer writes, waits past a short threshold, gets an agent reply and writes
 * again. Expected: the ticket in exactly two executions (one per waiting episode), whatever the
 * restarts and the kill of the main scenario did in between.
 */
export const WAITING_THRESHOLD_MINUTES = 0.5;

export interface WaitingUnderTest {
	label: string;
	workflow: WorkflowFile;
	/** The ticket's id as emitted. */
	id: string;
	/** The customer (or an agent) writes on the ticket now. */
	write(fromAgent: boolean): void;
	idOf(item: RunItem): string;
}

export function waitingUnderTest(sandboxes: Sandboxes): WaitingUnderTest[] {
	const { gorgias, gurusup, zaia } = sandboxes;
	const zaiaChat = zaia.addChat();
	const zaiaTicket = zaia.addTicket({ chatId: zaiaChat.id, status: 'pending' });
	const gorgiasTicket = gorgias.addTicket({ messages: [] });
	const gurusupTicket = gurusup.addTicket({ external_id: 'WAITING-1', messages: [] });
	const waitingWorkflow = (
		label: string,
		type: string,
		parameters: Record<string, unknown>,
		credentials: Record<string, { id: string; name: string }>,
	) =>
		workflow(`${label} Trigger: customer waiting`, [
			{
				name: TRIGGER_NODE,
				type,
				typeVersion: 1,
				parameters: {
					...parameters,
					event: 'customerWaiting',
					waitingMinutes: WAITING_THRESHOLD_MINUTES,
					pollTimes: POLL_TIMES,
				},
				credentials,
			},
		]);
	return [
		{
			label: 'Gorgias',
			workflow: waitingWorkflow(
				'Gorgias',
				'n8n-nodes-ticketing.gorgiasTrigger',
				{ authentication: 'apiKey' },
				{ gorgiasApi: ref(sandboxes, 'gorgias') },
			),
			id: String(gorgiasTicket.id),
			write: (fromAgent) => {
				const message = gorgias.state.addMessage(gorgiasTicket.id, {
					from_agent: fromAgent,
					created_datetime: gorgias.state.now(),
				});
				gorgias.state.recordEvent(
					'ticket-message-created',
					{ type: 'TicketMessage', id: message.id },
					{ ticket_id: gorgiasTicket.id },
				);
			},
			idOf: (item) => String(item.json.id),
		},
		{
			label: 'GuruSup',
			workflow: waitingWorkflow(
				'GuruSup',
				'n8n-nodes-ticketing.guruSupTrigger',
				{},
				{ guruSupApi: ref(sandboxes, 'gurusup') },
			),
			id: gurusupTicket.external_id,
			write: (fromAgent) => {
				gurusup.addMessage(gurusupTicket.external_id, { is_agent: fromAgent });
			},
			idOf: (item) => String(item.json.external_id),
		},
		{
			label: 'Zaia',
			workflow: waitingWorkflow(
				'Zaia',
				'n8n-nodes-ticketing.zaiaTrigger',
				{},
				{ zaiaApi: ref(sandboxes, 'zaia') },
			),
			id: zaiaTicket.id,
			write: (fromAgent) => {
				zaia.addChatMessage({
					chatId: zaiaChat.id,
					role: fromAgent ? 'agent' : 'user',
					createdAt: zaia.state.now(),
				});
			},
			idOf: (item) => String(item.json.id),
		},
	];
}
