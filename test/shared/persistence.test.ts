import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { HarnessCredentials, PollResult } from '../../dev/harness';
import { startSandbox as startGorgias, apiKeyCredentials } from '../gorgias/setup';
import { startSandbox as startGuruSup, credentialsFor as gurusupCredentials } from '../gurusup/setup';
import { startSandbox as startZaia, credentialsFor as zaiaCredentials } from '../zaia/setup';
import {
	PersistedTrigger,
	SCHEDULER_MODES,
	type SchedulerMode,
} from '../support/n8n-persistence';
import { seededRandom } from '../support/soak';

/**
 * The triggers under n8n's own persistence rules (test/support/n8n-persistence.ts): what a
 * poll wrote survives only when n8n would have saved it. Each provider runs behind a filter
 * the provider cannot apply, so runs of tickets that fail it are read and dropped by the node.
 */
interface Provider {
	name: string;
	nodeType: string;
	parameters: INodeParameters;
	/** Tickets one poll reads at most with these parameters (its window); 0 = the whole list. */
	window: number;
	credentials(): HarnessCredentials;
	/** Creates a ticket at `time` that passes the filter or not; returns its id. */
	create(passes: boolean, time: number): string;
	idOf(json: IDataObject): string;
	stop(): Promise<void>;
}

async function zaia(): Promise<Provider> {
	const sandbox = await startZaia();
	const team = sandbox.addTeam();
	const other = sandbox.addTeam();
	return {
		name: 'Zaia',
		nodeType: 'n8n-nodes-ticketing.zaiaTrigger',
		parameters: {
			event: 'newTicket',
			statuses: ['pending'],
			filters: { teamIds: team.id },
			options: { maxPages: 1 },
		},
		window: 100,
		credentials: () => zaiaCredentials(sandbox),
		create: (passes, time) =>
			sandbox.addTicket({
				status: 'pending',
				ticketingTeamId: passes ? team.id : other.id,
				createdAt: new Date(time).toISOString(),
			}).id,
		idOf: (json) => String(json.id),
		stop: async () => await sandbox.stop(),
	};
}

async function gorgias(): Promise<Provider> {
	const sandbox = await startGorgias();
	const team = sandbox.addTeam();
	const other = sandbox.addTeam();
	return {
		name: 'Gorgias',
		nodeType: 'n8n-nodes-ticketing.gorgiasTrigger',
		parameters: {
			authentication: 'apiKey',
			event: 'newTicket',
			filters: { teamIds: String(team.id) },
			options: { maxPages: 1 },
		},
		window: 100,
		credentials: () => apiKeyCredentials(sandbox),
		create: (passes, time) => {
			const ticket = sandbox.addTicket({ assignee_team_id: passes ? team.id : other.id });
			const event = sandbox.state.recordEvent('ticket-created', { type: 'Ticket', id: ticket.id });
			event.created_datetime = new Date(time).toISOString();
			return String(ticket.id);
		},
		idOf: (json) => String(json.id),
		stop: async () => await sandbox.stop(),
	};
}

async function gurusup(): Promise<Provider> {
	const sandbox = await startGuruSup();
	let counter = 0;
	return {
		name: 'GuruSup',
		nodeType: 'n8n-nodes-ticketing.guruSupTrigger',
		parameters: { event: 'newTicket', filters: { agentIds: 'agent-a' } },
		window: 0,
		credentials: () => gurusupCredentials(sandbox),
		create: (passes, time) =>
			sandbox.addTicket({
				external_id: `P-${++counter}`,
				agent_id: passes ? 'agent-a' : 'agent-b',
				created_at: new Date(time).toISOString(),
			}).external_id,
		idOf: (json) => String(json.external_id),
		stop: async () => await sandbox.stop(),
	};
}

const PROVIDERS: Array<[string, () => Promise<Provider>]> = [
	['Zaia', zaia],
	['Gorgias', gorgias],
	['GuruSup', gurusup],
];

/** Counts what became of the tickets that pass the filter, and flags any that should not. */
class Ledger {
	readonly expected = new Set<string>();
	readonly filteredOut = new Set<string>();
	readonly emitted = new Map<string, number>();
	constructor(private readonly provider: Provider) {}
	create(passes: boolean, time: number): string {
		const id = this.provider.create(passes, time);
		(passes ? this.expected : this.filteredOut).add(id);
		return id;
	}
	record(result: PollResult | undefined): void {
		if (!result) return;
		if (result.error) throw result.error;
		for (const item of result.items) {
			const id = this.provider.idOf(item.json);
			this.emitted.set(id, (this.emitted.get(id) ?? 0) + 1);
		}
	}
	report() {
		return {
			created: this.expected.size,
			emitted: [...this.expected].filter((id) => this.emitted.has(id)).length,
			lost: [...this.expected].filter((id) => !this.emitted.has(id)).length,
			duplicated: [...this.emitted.values()].filter((count) => count > 1).length,
			filteredOutEmitted: [...this.filteredOut].filter((id) => this.emitted.has(id)).length,
		};
	}
}

const START = Date.parse('2026-03-01T00:00:00Z');

describe.each(SCHEDULER_MODES)("under n8n's %s persistence", (mode: SchedulerMode) => {
	describe.each(PROVIDERS)('%s Trigger', (_, make) => {
		let provider: Provider;
		let ledger: Ledger;
		let trigger: PersistedTrigger;
		let clock: number;
		const later = () => (clock += 1_000);

		beforeEach(async () => {
			provider = await make();
			ledger = new Ledger(provider);
			trigger = new PersistedTrigger(
				mode,
				provider.nodeType,
				provider.parameters,
				provider.credentials,
			);
			clock = START;
			provider.create(true, later()); // exists before activation: never emitted
		});
		afterEach(async () => {
			await provider.stop();
		});

		it('tickets created between activation and the first scheduled poll are emitted once', async () => {
			ledger.record(await trigger.activate());
			for (let i = 0; i < 5; i++) ledger.create(true, later());
			ledger.record(await trigger.poll());
			ledger.record(await trigger.poll());
			expect(ledger.report()).toMatchObject({ created: 5, emitted: 5, lost: 0, duplicated: 0 });
		});

		it('a filtered-out run longer than one window does not stop a later matching ticket', async () => {
			ledger.record(await trigger.activate());
			ledger.create(true, later());
			ledger.record(await trigger.poll());
			const run = Math.max(provider.window, 100) + 50;
			for (let i = 0; i < run; i++) ledger.create(false, later());
			ledger.record(await trigger.poll());
			const match = ledger.create(true, later());
			for (let i = 0; i < 3; i++) ledger.record(await trigger.poll());
			expect(ledger.emitted.get(match)).toBe(1);
			expect(ledger.report()).toMatchObject({ lost: 0, duplicated: 0, filteredOutEmitted: 0 });
		});

		it('one poll reads past a filtered-out run of twenty windows to the matching ticket', async () => {
			ledger.record(await trigger.activate());
			const run = Math.max(provider.window, 100) * 20;
			for (let i = 0; i < run; i++) ledger.create(false, later());
			const match = ledger.create(true, later());
			ledger.record(await trigger.poll());
			expect(ledger.emitted.get(match)).toBe(1);
			ledger.record(await trigger.poll());
			expect(ledger.report()).toMatchObject({ lost: 0, duplicated: 0, filteredOutEmitted: 0 });
		});

		it('polls that start together from the same state emit each ticket once', async () => {
			ledger.record(await trigger.activate());
			for (let i = 0; i < 3; i++) ledger.create(true, later());
			for (const result of await trigger.pollTogether(3)) ledger.record(result);
			ledger.create(true, later());
			ledger.record(await trigger.poll());
			ledger.record(await trigger.poll());
			expect(ledger.report()).toMatchObject({ created: 4, emitted: 4, lost: 0, duplicated: 0 });
		});

		it('restarts before and after the first emission, with arrivals while down', async () => {
			ledger.record(await trigger.activate());
			ledger.create(true, later());
			ledger.record(await trigger.restart());
			ledger.record(await trigger.poll());
			ledger.create(true, later());
			ledger.create(false, later());
			ledger.record(await trigger.restart());
			ledger.create(true, later());
			ledger.record(await trigger.poll());
			ledger.record(await trigger.poll());
			expect(ledger.report()).toMatchObject({ created: 3, emitted: 3, lost: 0, duplicated: 0 });
		});

		it('soak: arrivals, filtered bursts and restarts in a seeded order, each ticket once', async () => {
			const random = seededRandom(mode.length * 31 + provider.name.length);
			ledger.record(await trigger.activate());
			for (let round = 0; round < 30; round++) {
				const burst = random() < 0.12 ? provider.window + 30 : Math.floor(random() * 5);
				for (let i = 0; i < burst; i++) ledger.create(burst > 5 ? false : random() < 0.6, later());
				if (random() < 0.15) ledger.record(await trigger.restart());
				ledger.record(await trigger.poll());
			}
			for (let i = 0; i < 6; i++) ledger.record(await trigger.poll());
			const report = ledger.report();
			// eslint-disable-next-line no-console -- the soak's figures are its report
			console.log(`${provider.name} under ${mode}: ${JSON.stringify(report)}`);
			expect(report).toMatchObject({ lost: 0, duplicated: 0, filteredOutEmitted: 0 });
			expect(report.created).toBeGreaterThan(10);
		});
	});
});
