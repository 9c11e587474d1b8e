import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { HarnessCredentials, PollResult } from '../../dev/harness';
import type { Fault } from '../../dev/sandboxes/faults';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import { GURUSUP_ROUTES } from '../../dev/sandboxes/gurusup';
import { ZAIA_ROUTES } from '../../dev/sandboxes/zaia';
import { apiKeyCredentials, startSandbox as startGorgias } from '../gorgias/setup';
import {
	credentialsFor as gurusupCredentials,
	startSandbox as startGuruSup,
} from '../gurusup/setup';
import { MINUTE, useClock } from '../support/clock';
import { credentialsFor as zaiaCredentials, startSandbox as startZaia } from '../zaia/setup';
import { PersistedTrigger, SCHEDULER_MODES, type SchedulerMode } from '../support/n8n-persistence';
import { SOAK_FAULTS, seededRandom } from '../support/soak';

/**
 * Customer Waiting for a Reply under n8n's three ways of saving a poll's state, with restarts,
 * failed polls, overlapping polls and a threshold that changes while the workflow is active:
 * every waiting episode that reached the threshold is emitted exactly once, and no episode
 * answered in time is emitted.
 */
interface Provider {
	name: string;
	nodeType: string;
	parameters: INodeParameters;
	credentials(): HarnessCredentials;
	/** A new ticket; returns its id as the output names it. */
	open(): string;
	/** The customer (or an agent) writes on the ticket now; returns the message time (ms). */
	write(id: string, fromAgent: boolean): number;
	idOf(json: IDataObject): string;
	routes: string[];
	injectFault(route: string, fault: Fault, times: number): void;
	clearFaults(): void;
	stop(): Promise<void>;
}

async function gorgias(): Promise<Provider> {
	const sandbox = await startGorgias();
	return {
		name: 'Gorgias',
		nodeType: 'n8n-nodes-ticketing.gorgiasTrigger',
		parameters: { authentication: 'apiKey', event: 'customerWaiting', waitingMinutes: 30 },
		credentials: () => apiKeyCredentials(sandbox),
		open: () => String(sandbox.addTicket({ messages: [] }).id),
		write: (id, fromAgent) => {
			const message = sandbox.state.addMessage(Number(id), {
				from_agent: fromAgent,
				created_datetime: sandbox.state.now(),
			});
			sandbox.state.recordEvent(
				'ticket-message-created',
				{ type: 'TicketMessage', id: message.id },
				{ ticket_id: Number(id) },
			);
			return Date.parse(message.created_datetime);
		},
		idOf: (json) => String(json.id),
		routes: [
			GORGIAS_ROUTES.listEvents,
			GORGIAS_ROUTES.listTickets,
			GORGIAS_ROUTES.listTicketMessages,
		],
		injectFault: (route, fault, times) => sandbox.injectFault(route, fault, { times }),
		clearFaults: () => sandbox.clearFaults(),
		stop: async () => await sandbox.stop(),
	};
}

async function gurusup(): Promise<Provider> {
	const sandbox = await startGuruSup();
	let counter = 0;
	return {
		name: 'GuruSup',
		nodeType: 'n8n-nodes-ticketing.guruSupTrigger',
		parameters: { event: 'customerWaiting', waitingMinutes: 30 },
		credentials: () => gurusupCredentials(sandbox),
		open: () => sandbox.addTicket({ external_id: `S-${++counter}`, messages: [] }).external_id,
		write: (id, fromAgent) =>
			Date.parse(sandbox.addMessage(id, { is_agent: fromAgent }).received_at),
		idOf: (json) => String(json.external_id),
		routes: [GURUSUP_ROUTES.listTickets],
		injectFault: (route, fault, times) => sandbox.injectFault(route, fault, { times }),
		clearFaults: () => sandbox.clearFaults(),
		stop: async () => await sandbox.stop(),
	};
}

async function zaia(): Promise<Provider> {
	const sandbox = await startZaia();
	const chats = new Map<string, string>();
	return {
		name: 'Zaia',
		nodeType: 'n8n-nodes-ticketing.zaiaTrigger',
		parameters: { event: 'customerWaiting', waitingMinutes: 30 },
		credentials: () => zaiaCredentials(sandbox),
		open: () => {
			const chat = sandbox.addChat();
			const ticket = sandbox.addTicket({ chatId: chat.id, status: 'pending' });
			chats.set(ticket.id, chat.id);
			return ticket.id;
		},
		write: (id, fromAgent) =>
			Date.parse(
				sandbox.addChatMessage({
					chatId: chats.get(id),
					role: fromAgent ? 'agent' : 'user',
					createdAt: sandbox.state.now(),
				}).createdAt,
			),
		idOf: (json) => String(json.id),
		routes: [ZAIA_ROUTES.listChats, ZAIA_ROUTES.listTickets, ZAIA_ROUTES.listChatMessages],
		injectFault: (route, fault, times) => sandbox.injectFault(route, fault, { times }),
		clearFaults: () => sandbox.clearFaults(),
		stop: async () => await sandbox.stop(),
	};
}

const PROVIDERS: Array<[string, () => Promise<Provider>]> = [
	['Gorgias', gorgias],
	['GuruSup', gurusup],
	['Zaia', zaia],
];

/**
 * The episodes the test wrote: each customer message belongs to one; `due` episodes went
 * unanswered long enough to reach every threshold the test uses, `quick` ones were answered
 * before the lowest.
 */
class Episodes {
	private readonly byMessage = new Map<string, string>();
	readonly due = new Set<string>();
	readonly quick = new Set<string>();
	readonly emitted = new Map<string, number>();
	unknown = 0;
	message(ticket: string, time: number, episode: string) {
		this.byMessage.set(`${ticket}|${time}`, episode);
	}
	record(result: PollResult | undefined, idOf: (json: IDataObject) => string) {
		for (const item of result?.items ?? []) {
			const since = Date.parse(String((item.json.waiting as IDataObject).since));
			const episode = this.byMessage.get(`${idOf(item.json)}|${since}`);
			if (episode === undefined) this.unknown++;
			else this.emitted.set(episode, (this.emitted.get(episode) ?? 0) + 1);
		}
	}
	report() {
		return {
			due: this.due.size,
			emitted: [...this.due].filter((episode) => this.emitted.get(episode) === 1).length,
			lost: [...this.due].filter((episode) => !this.emitted.has(episode)).length,
			duplicated: [...this.emitted.values()].filter((count) => count > 1).length,
			quickEmitted: [...this.quick].filter((episode) => this.emitted.has(episode)).length,
			unknown: this.unknown,
		};
	}
}

/**
 * A ticket's script: episodes one after another. A `due` episode: the customer writes, maybe a
 * follow-up (sometimes after the first threshold), then waits 50 minutes before the reply; a
 * `quick` one is answered within 5 minutes.
 */
type Step = {
	at: number;
	ticket: number;
	fromAgent: boolean;
	episode: string;
	kind: 'due' | 'quick';
};

function script(random: () => number, tickets: number, minutes: number): Step[] {
	const steps: Step[] = [];
	for (let ticket = 0; ticket < tickets; ticket++) {
		let at = Math.floor(random() * 20) + 2;
		for (let n = 0; at < minutes - 120; n++) {
			const episode = `${ticket}/${n}`;
			const kind = random() < 0.35 ? 'quick' : 'due';
			steps.push({ at, ticket, fromAgent: false, episode, kind });
			if (kind === 'quick') {
				at += 1 + Math.floor(random() * 4);
			} else {
				if (random() < 0.5) {
					at += random() < 0.5 ? 5 : 35;
					steps.push({ at, ticket, fromAgent: false, episode, kind });
				}
				at += 50;
			}
			steps.push({ at, ticket, fromAgent: true, episode, kind });
			at += 2 + Math.floor(random() * 20);
		}
	}
	return steps.sort((a, b) => a.at - b.at);
}

describe.each(SCHEDULER_MODES)(
	"Customer Waiting for a Reply under n8n's %s persistence",
	(mode: SchedulerMode) => {
		describe.each(PROVIDERS)('%s Trigger', (_, make) => {
			const clock = useClock();
			let provider: Provider;

			beforeEach(async () => {
				provider = await make();
			});
			afterEach(async () => {
				await provider.stop();
			});

			it('soak: episodes, replies and new waits, faults, restarts, overlapping polls and threshold changes: each due episode once', async () => {
				const random = seededRandom(mode.length * 17 + provider.name.length);
				const parameters = { ...provider.parameters };
				const trigger = new PersistedTrigger(
					mode,
					provider.nodeType,
					parameters,
					provider.credentials,
				);
				const episodes = new Episodes();
				const record = (result: PollResult | undefined) => episodes.record(result, provider.idOf);
				const ids = Array.from({ length: 8 }, () => provider.open());
				record(await trigger.activate());
				const minutes = 300;
				const steps = script(random, ids.length, minutes);
				let failed = 0;
				for (let minute = 1; minute <= minutes; minute++) {
					clock.advance(MINUTE);
					for (const step of steps.filter((entry) => entry.at === minute)) {
						const id = ids[step.ticket];
						const time = provider.write(id, step.fromAgent);
						if (!step.fromAgent) {
							episodes.message(id, time, step.episode);
							(step.kind === 'due' ? episodes.due : episodes.quick).add(step.episode);
						}
					}
					// The threshold changes while active: lowered, then raised, then back.
					if (minute === 100) parameters.waitingMinutes = 20;
					if (minute === 180) parameters.waitingMinutes = 40;
					if (minute === 240) parameters.waitingMinutes = 30;
					if (minute % 2) continue;
					if (random() < 0.12) {
						const fault = SOAK_FAULTS[Math.floor(random() * SOAK_FAULTS.length)];
						const route = provider.routes[Math.floor(random() * provider.routes.length)];
						provider.injectFault(route, fault, random() < 0.3 ? 5 : 1);
					}
					if (random() < 0.05) record(await trigger.restart());
					const results = random() < 0.05 ? await trigger.pollTogether(2) : [await trigger.poll()];
					for (const result of results) {
						if (result.error) failed++;
						record(result);
					}
					provider.clearFaults();
				}
				for (let i = 0; i < 5; i++) {
					clock.advance(10 * MINUTE);
					record(await trigger.poll());
				}
				const report = episodes.report();
				// eslint-disable-next-line no-console -- the soak's figures are its report
				console.log(
					`${provider.name} waiting under ${mode}: ${JSON.stringify({ ...report, failed })}`,
				);
				expect(report).toMatchObject({ lost: 0, duplicated: 0, quickEmitted: 0, unknown: 0 });
				expect(report.due).toBeGreaterThan(12);
			});

			it('the e2e story: the customer writes, waits past the threshold, gets a reply, writes again: two emissions', async () => {
				const trigger = new PersistedTrigger(
					mode,
					provider.nodeType,
					provider.parameters,
					provider.credentials,
				);
				const emitted: string[] = [];
				const record = (result: PollResult | undefined) => {
					if (result?.error) throw result.error;
					emitted.push(...(result?.items ?? []).map((item) => provider.idOf(item.json)));
				};
				record(await trigger.activate());
				const id = provider.open();
				provider.write(id, false);
				for (const step of [10, 21, 5]) {
					clock.advance(step * MINUTE);
					record(await trigger.poll());
				}
				record(await trigger.restart());
				provider.write(id, true);
				clock.advance(MINUTE);
				record(await trigger.poll());
				provider.write(id, false);
				for (const step of [31, 5]) {
					clock.advance(step * MINUTE);
					record(await trigger.poll());
				}
				expect(emitted).toEqual([id, id]);
			});
		});
	},
);
