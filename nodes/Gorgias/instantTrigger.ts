import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, randomString } from 'n8n-workflow';

import { redactText } from '../shared/redact';
import { claimIds, claimScope, releaseIds } from '../shared/trigger';
import { assumeUtc } from '../shared/validation';
import { simplifyTickets } from './customFields';
import { GORGIAS_MAX_PAGE_SIZE, gorgiasListAll, gorgiasPage, gorgiasRequest } from './transport';

/**
 * The instant trigger's life: one Gorgias HTTP integration per chosen event, calling this
 * node's production webhook URL, and what arrives there.
 *
 * Gorgias signs nothing, so each activation draws a random secret that the integrations send
 * in a header; a call without it is answered 401 and emits nothing. The event name travels in
 * the query string, since nothing in Gorgias' call says which trigger fired.
 */

export const INSTANT_EVENTS = [
	'ticket-created',
	'ticket-updated',
	'ticket-message-created',
] as const;
export type InstantEvent = (typeof INSTANT_EVENTS)[number];

/** The header that carries the activation's secret. */
export const ACTIVATION_HEADER = 'x-n8n-gorgias-secret';

/** How long, and for how many events, a repeated delivery is recognised. */
const DEDUPE_WINDOW_MS = 60 * 60 * 1000;
const DEDUPE_MAX_KEYS = 500;

/**
 * How far back a replacement integration's first call looks for the events its predecessor
 * missed, and how early it starts before the last call that arrived: n8n's clock is not
 * Gorgias', and the last calls before the gap may have been emitted already (the repeat check
 * drops those).
 */
const REPLAY_MAX_HOURS = 24;
const REPLAY_MARGIN_MS = 5 * 60 * 1000;

interface TriggerState extends IDataObject {
	secret?: string;
	/** Integration id per event. */
	integrations?: IDataObject;
	/** Recently emitted events: [key, time emitted]. */
	recent?: Array<[string, number]>;
	/** When (n8n's clock, ISO) the last authenticated call arrived. */
	lastDelivery?: string;
	/**
	 * Where the events missed before new integrations were created are read from (ISO): a
	 * margin before the last call at first, then where the previous read stopped.
	 */
	replayFrom?: string;
}

function stateOf(context: IHookFunctions | IWebhookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}

export function chosenEvents(context: IHookFunctions | IWebhookFunctions): InstantEvent[] {
	const raw = context.getNodeParameter('events', []) as unknown;
	const list = Array.isArray(raw) ? raw : [raw];
	return INSTANT_EVENTS.filter((event) => list.includes(event));
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL');
	return url;
}

/** The URL one integration calls: the webhook, with the event it is for. */
function eventUrl(base: string, event: InstantEvent): string {
	return `${base}${base.includes('?') ? '&' : '?'}event=${event}`;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** The integration, or undefined when Gorgias no longer has it. */
async function readIntegration(
	context: IHookFunctions,
	id: number,
): Promise<IDataObject | undefined> {
	return (await gorgiasRequest
		.call(context, 'GET', `/integrations/${id}`)
		.catch((error: unknown) => {
			if (isNotFound(error)) return undefined;
			throw error as NodeApiError;
		})) as IDataObject | undefined;
}

/** Deleting what is already gone counts as done (the delete answer's code is undocumented). */
async function deleteIntegration(context: IHookFunctions, id: number): Promise<void> {
	await gorgiasRequest.call(context, 'DELETE', `/integrations/${id}`).catch((error: unknown) => {
		if (!isNotFound(error)) throw error as NodeApiError;
	});
}

/** Whether the stored integration still calls this webhook for this event, with the secret. */
function stillWired(
	integration: IDataObject,
	url: string,
	event: InstantEvent,
	secret: string,
): boolean {
	const http = (integration.http ?? {}) as IDataObject;
	const headers = (http.headers ?? {}) as IDataObject;
	const triggers = (http.triggers ?? {}) as IDataObject;
	const secretSent = Object.entries(headers).some(
		([name, value]) => name.toLowerCase() === ACTIVATION_HEADER && value === secret,
	);
	// Older integrations spell trigger keys with underscores.
	const fires = triggers[event] === true || triggers[event.replace(/-/g, '_')] === true;
	return http.url === eventUrl(url, event) && secretSent && fires;
}

/**
 * Whether every chosen event has its integration, active and calling this webhook with this
 * activation's secret. An integration Gorgias disabled (after 100 failed calls in a row) does
 * not count: activation then replaces it, and says so in n8n's log.
 *
 * n8n 2.41 runs this only when it registers the webhook: at activation, when a publication
 * changes this node, and (only with `N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false`) at every
 * start. On its default path a start or its periodic reconciliation re-registers nothing that
 * is registered already (`n8n` `workflow-publication-reconciler.service.js`,
 * `workflow-publication-applier.js` `publish`, `webhook-trigger-registrar.js`
 * `getNodesWithUnregisteredWebhooks`), so a disabled integration waits for a re-activation.
 */
export async function integrationsExist(context: IHookFunctions): Promise<boolean> {
	const state = stateOf(context);
	const stored = state.integrations ?? {};
	const events = chosenEvents(context);
	if (!state.secret || Object.keys(stored).length !== events.length) return false;
	const url = webhookUrl(context);
	for (const event of events) {
		const id = Number(stored[event]);
		if (!Number.isInteger(id)) return false;
		const integration = await readIntegration(context, id);
		if (!integration || !stillWired(integration, url, event, state.secret)) return false;
		if (integration.deactivated_datetime) {
			context.logger.warn(
				`Gorgias disabled HTTP integration ${id} (${event}) on ${String(integration.deactivated_datetime)}, most likely after 100 failed calls in a row; it is replaced by a new one`,
			);
			return false;
		}
	}
	return true;
}

/** Deletes every integration that calls this webhook: the stored ones and any left behind. */
async function removeIntegrations(context: IHookFunctions, url: string): Promise<void> {
	const state = stateOf(context);
	const ids = new Set(
		Object.values(state.integrations ?? {})
			.map(Number)
			.filter((id) => Number.isInteger(id)),
	);
	const all = await gorgiasListAll.call(context, '/integrations', { type: 'http' });
	for (const integration of all) {
		const target = String((integration.http as IDataObject | undefined)?.url ?? '');
		if (target.split('?')[0] === url.split('?')[0]) ids.add(Number(integration.id));
	}
	for (const id of ids) await deleteIntegration(context, id);
	delete state.integrations;
}

/** One integration per chosen event, all sending a fresh secret; none left if one fails. */
export async function createIntegrations(context: IHookFunctions): Promise<boolean> {
	const url = webhookUrl(context);
	await removeIntegrations(context, url);
	const state = stateOf(context);
	const secret = randomString(48);
	const workflow = context.getWorkflow();
	const created: IDataObject = {};
	try {
		for (const event of chosenEvents(context)) {
			const integration = (await gorgiasRequest.call(context, 'POST', '/integrations', {
				body: {
					name: `n8n: ${String(workflow.name ?? workflow.id ?? 'workflow')} (${event})`.slice(
						0,
						255,
					),
					description:
						'Created by the n8n Gorgias Instant Trigger; deleted when the workflow is deactivated.',
					type: 'http',
					http: {
						url: eventUrl(url, event),
						method: 'POST',
						request_content_type: 'application/json',
						response_content_type: 'application/json',
						headers: { [ACTIVATION_HEADER]: secret },
						// The whole ticket (and message) rather than a hand-picked subset.
						form: '{{context}}',
						triggers: { [event]: true },
					},
				},
				// A lost answer could leave a second integration; the next activation removes it.
				retrySafe: false,
			})) as IDataObject;
			created[event] = Number(integration.id);
		}
	} catch (error) {
		for (const id of Object.values(created)) await deleteIntegration(context, Number(id));
		// An answer that echoes the request would show the secret the integration was to send.
		if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			error.message = redactText(error.message, [secret]);
			if (typeof error.description === 'string') {
				error.description = redactText(error.description, [secret]);
			}
		}
		throw error as NodeApiError;
	}
	state.secret = secret;
	state.integrations = created;
	// Integrations that delivered before are being replaced (disabled by Gorgias, deleted, or
	// the workflow was off): what happened since their last call is read back on the next one.
	// The events emitted lately stay known, so that the replay does not emit them again.
	const last = millisOf(state.lastDelivery);
	if (!state.replayFrom && Number.isFinite(last)) {
		state.replayFrom = new Date(last - REPLAY_MARGIN_MS).toISOString();
	}
	if (!state.replayFrom) state.recent = [];
	return true;
}

export async function deleteIntegrations(context: IHookFunctions): Promise<boolean> {
	const state = stateOf(context);
	await removeIntegrations(context, webhookUrl(context));
	// The last delivery and the events emitted stay: a later activation replays from there.
	delete state.secret;
	return true;
}

/** Compares in time that does not depend on where the strings differ. */
function sameSecret(given: string, expected: string): boolean {
	if (given.length !== expected.length) return false;
	let difference = 0;
	for (let index = 0; index < given.length; index++) {
		difference |= given.charCodeAt(index) ^ expected.charCodeAt(index);
	}
	return difference === 0;
}

/**
 * Answers the call itself, with JSON (Gorgias reads integration answers as JSON): n8n's own
 * answer for a trigger that starts the workflow on receipt is not JSON in every version.
 */
function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
	workflowData?: IWebhookResponseData['workflowData'],
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return workflowData ? { noWebhookResponse: true, workflowData } : { noWebhookResponse: true };
}

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	return answer(context, status, { message });
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A ticket as complete as the REST API's, so it can be emitted without another request. */
function isFullTicket(ticket: IDataObject | undefined): ticket is IDataObject {
	return (
		ticket !== undefined &&
		ticket.id !== undefined &&
		typeof ticket.status === 'string' &&
		typeof ticket.created_datetime === 'string' &&
		typeof ticket.updated_datetime === 'string' &&
		isObject(ticket.customer)
	);
}

/**
 * The ticket and message of a call. `{{context}}` sends `{ ticket, message? }`; a bare ticket
 * or a short payload with only ids is accepted too, the ticket then being read by id.
 */
function parsePayload(body: IDataObject): {
	ticket?: IDataObject;
	ticketId?: number;
	message?: IDataObject;
} {
	const message = isObject(body.message) ? body.message : undefined;
	const ticket = isObject(body.ticket)
		? body.ticket
		: !message && body.id !== undefined
			? body
			: undefined;
	const id = Number(ticket?.id ?? body.ticket_id ?? message?.ticket_id);
	return {
		ticket,
		ticketId: Number.isInteger(id) && id > 0 ? id : undefined,
		message,
	};
}

/** What makes two deliveries the same event. */
function eventKey(event: InstantEvent, ticket: IDataObject, message?: IDataObject): string {
	if (event === 'ticket-message-created') {
		return `${event}:${String(message?.id ?? `${String(ticket.id)}@${String(ticket.updated_datetime)}`)}`;
	}
	if (event === 'ticket-created') return `${event}:${String(ticket.id)}`;
	return `${event}:${String(ticket.id)}@${String(ticket.updated_datetime)}`;
}

/** Whether the event was emitted within the window; remembers it otherwise. */
function firstDelivery(state: TriggerState, key: string, now: number): boolean {
	const recent = (state.recent ?? []).filter(([, at]) => now - at < DEDUPE_WINDOW_MS);
	if (recent.some(([seen]) => seen === key)) {
		state.recent = recent;
		return false;
	}
	recent.push([key, now]);
	state.recent = recent.slice(-DEDUPE_MAX_KEYS);
	return true;
}

/** A Gorgias or ISO time in milliseconds, or NaN. */
function millisOf(value: unknown): number {
	return typeof value === 'string' ? Date.parse(assumeUtc(value)) : Number.NaN;
}

function positiveId(value: unknown): number | undefined {
	const id = Number(value);
	return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * Which ticket (and message) an event is about. Ticket events name the ticket as their object;
 * message events name the message, with the ticket in `data.ticket_id` (the sandbox's reading
 * of Gorgias' notes, which leave the message events' `object_type` open: both are accepted).
 */
function subjectOf(event: IDataObject): { ticketId?: number; messageId?: number } {
	const data = isObject(event.data) ? event.data : {};
	const isMessage = event.object_type === 'TicketMessage';
	return {
		ticketId: positiveId(isMessage ? data.ticket_id : (event.object_id ?? data.ticket_id)),
		messageId: positiveId(isMessage ? event.object_id : data.message_id),
	};
}

interface Replayed {
	/** Output items with their event keys, oldest event first. */
	entries: Array<{ key: string; json: IDataObject }>;
	/** Where the next call goes on reading, when events are left. */
	next?: string;
}

/**
 * The events of the chosen kinds since `from` (at most `REPLAY_MAX_HOURS` back), one page of
 * Gorgias' events, oldest first, each turned into what its call would have emitted: the ticket
 * as it is now (updates of one ticket become one item) and, for a message, that message.
 */
async function readMissed(
	context: IWebhookFunctions,
	events: InstantEvent[],
	from: string,
	now: number,
): Promise<Replayed> {
	const floor = now - REPLAY_MAX_HOURS * 3_600_000;
	const start = Math.max(millisOf(from), floor);
	if (!(millisOf(from) >= floor)) {
		context.logger.warn(
			`Gorgias Instant Trigger: events before ${new Date(floor).toISOString()} are not replayed (the replay reaches ${REPLAY_MAX_HOURS} hours back)`,
		);
	}
	const page = await gorgiasPage.call(
		context,
		'/events',
		{
			types: events,
			order_by: 'created_datetime:asc',
			'created_datetime[gte]': new Date(start).toISOString(),
			limit: GORGIAS_MAX_PAGE_SIZE,
		},
		undefined,
	);
	const wanted: Array<{ type: InstantEvent; ticketId: number; messageId?: number }> = [];
	for (const event of page.items) {
		const type = events.find((name) => name === event.type);
		const { ticketId, messageId } = subjectOf(event);
		if (!type || ticketId === undefined) continue;
		if (type === 'ticket-message-created' && messageId === undefined) continue;
		wanted.push({ type, ticketId, messageId });
	}
	const tickets = new Map<number, IDataObject>();
	const listed = [...new Set(wanted.filter((entry) => !entry.messageId).map((e) => e.ticketId))];
	if (listed.length) {
		for (const ticket of await gorgiasListAll.call(context, '/tickets', { ticket_ids: listed })) {
			tickets.set(Number(ticket.id), ticket);
		}
	}
	// Listed tickets come without their messages: a message event reads its ticket whole.
	for (const id of new Set(wanted.filter((entry) => entry.messageId).map((e) => e.ticketId))) {
		const ticket = await gorgiasRequest
			.call(context, 'GET', `/tickets/${id}`)
			.catch((error: unknown) => {
				if (isNotFound(error)) return undefined;
				throw error as NodeApiError;
			});
		if (isObject(ticket)) tickets.set(id, ticket);
	}
	const entries: Replayed['entries'] = [];
	for (const { type, ticketId, messageId } of wanted) {
		const ticket = tickets.get(ticketId);
		// Deleted (or trashed) since: nothing to emit, as a call would have found nothing.
		if (!ticket) continue;
		const messages = Array.isArray(ticket.messages) ? (ticket.messages as IDataObject[]) : [];
		const message =
			messageId === undefined
				? undefined
				: messages.find((entry) => Number(entry.id) === messageId);
		if (messageId !== undefined && !message) continue;
		const key = eventKey(type, ticket, message);
		if (entries.some((entry) => entry.key === key)) continue;
		entries.push({ key, json: message ? { ticket, message } : { ticket } });
	}
	const last = page.items[page.items.length - 1];
	// The next call goes on from the last event read (Gorgias' own time, to the microsecond):
	// only events at that very time are read again, and the repeat check drops them.
	return {
		entries,
		next: page.nextCursor && last ? String(last.created_datetime) : undefined,
	};
}

/** Simplify (when chosen) and the message beside the ticket: one output item. */
async function shape(
	context: IWebhookFunctions,
	items: Array<{ ticket: IDataObject; message?: IDataObject }>,
): Promise<IDataObject[]> {
	const simplify = context.getNodeParameter('simplify', false) as boolean;
	const tickets = items.map((item) => item.ticket);
	const shaped = simplify ? await simplifyTickets(context, tickets) : tickets;
	return shaped.map((json, index) => {
		const message = items[index].message;
		return message ? { ...json, message } : json;
	});
}

/**
 * The missed events this call emits before its own, when new integrations replaced ones that
 * had delivered: each claimed and checked against the events emitted, as a call would be. A
 * failed read is logged and tried again on the next call; the call's own event goes on.
 */
async function replayMissed(
	context: IWebhookFunctions,
	state: TriggerState,
	remembered: Set<string>,
	scope: string,
	now: number,
): Promise<{ keys: string[]; items: IDataObject[] }> {
	const from = state.replayFrom;
	if (!from) return { keys: [], items: [] };
	let missed: Replayed;
	try {
		missed = await readMissed(context, chosenEvents(context), from, now);
	} catch (error) {
		context.logger.warn(
			`Gorgias Instant Trigger: the events missed since ${from} could not be read (${(error as Error).message}); the next call tries again`,
		);
		return { keys: [], items: [] };
	}
	if (missed.next) state.replayFrom = missed.next;
	else delete state.replayFrom;
	const claimed = new Set(
		claimIds(
			scope,
			missed.entries.map((entry) => entry.key),
		),
	);
	const fresh = missed.entries.filter(
		(entry) =>
			claimed.has(entry.key) && !remembered.has(entry.key) && firstDelivery(state, entry.key, now),
	);
	if (!fresh.length) return { keys: [], items: [] };
	try {
		const items = await shape(
			context,
			fresh.map((entry) => entry.json as { ticket: IDataObject; message?: IDataObject }),
		);
		return { keys: fresh.map((entry) => entry.key), items };
	} catch (error) {
		releaseIds(scope, [...claimed]);
		throw error as NodeApiError;
	}
}

export async function receive(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = stateOf(context);
	const given = context.getHeaderData()[ACTIVATION_HEADER];
	if (!state.secret || typeof given !== 'string' || !sameSecret(given, state.secret)) {
		return refuse(context, 401, 'Unauthorized');
	}
	const event = (context.getQueryData() as IDataObject).event;
	const events: readonly string[] = chosenEvents(context);
	if (typeof event !== 'string' || !events.includes(event)) {
		return refuse(context, 400, 'This trigger does not listen to that event');
	}
	const body = context.getBodyData();
	const payload = parsePayload(isObject(body) ? body : {});
	if (payload.ticketId === undefined) {
		return refuse(context, 422, 'The call carries no ticket');
	}
	const ticket = isFullTicket(payload.ticket)
		? payload.ticket
		: ((await gorgiasRequest.call(context, 'GET', `/tickets/${payload.ticketId}`)) as IDataObject);
	const key = eventKey(event as InstantEvent, ticket, payload.message);
	// What was emitted before the gap, however long ago: the repeat check's one-hour window is
	// counted from now, and the replay reaches back before the last call.
	const remembered = new Set((state.recent ?? []).map(([seen]) => seen));
	const now = Date.now();
	state.lastDelivery = new Date(now).toISOString();
	// Calls that overlap each start from the same saved static data, where neither sees the
	// other's event: the in-process claim lets only one of them emit it.
	const scope = claimScope(context, 'events');
	const first = claimIds(scope, [key]).length > 0 && firstDelivery(state, key, now);
	let replayed: { keys: string[]; items: IDataObject[] } = { keys: [], items: [] };
	const output: IDataObject[] = [];
	try {
		replayed = await replayMissed(context, state, remembered, scope, now);
		output.push(...replayed.items);
		if (first) output.push(...(await shape(context, [{ ticket, message: payload.message }])));
	} catch (error) {
		// Nothing was emitted: Gorgias' retry of this call must be free to emit it all.
		releaseIds(scope, first ? [key, ...replayed.keys] : replayed.keys);
		throw error as NodeApiError;
	}
	const reply = first ? { received: true } : { received: true, duplicate: true };
	if (!output.length) return answer(context, 200, reply);
	return answer(context, 200, reply, [output.map((json) => ({ json }))]);
}
