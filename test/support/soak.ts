import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from '../../dev/harness';
import type { Fault } from '../../dev/sandboxes/faults';

/** Faults a soak draws from: a rate limit, a server error, a dropped connection, bad JSON. */
export const SOAK_FAULTS: Fault[] = [
	{ kind: 'status', status: 429, headers: { 'retry-after': '0' } },
	{ kind: 'status', status: 503 },
	{ kind: 'drop' },
	{ kind: 'malformed' },
];

/** A small deterministic generator, so a failing soak can be replayed exactly. */
export function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

export interface SoakOptions {
	label: string;
	rounds: number;
	random: () => number;
	/** Creates this round's tickets in the sandbox; returns their ids. */
	arrive(round: number): string[];
	/** Injects a fault; `times` 1 is a blip the transport retries, 5 outlasts its retries. */
	injectFault(fault: Fault, times: number): void;
	clearFaults(): void;
	poll(): Promise<PollResult>;
	idOf(json: IDataObject): string;
	/** Share of polls that get a fault. */
	faultRate?: number;
	/** Polls after the last round, to drain what is left. */
	drainPolls?: number;
}

export interface SoakReport {
	created: number;
	emitted: number;
	lost: number;
	duplicated: number;
	unexpected: number;
	faultedPolls: number;
	failedPolls: number;
}

/**
 * Polls while tickets keep arriving and faults keep happening, then counts what every
 * created ticket became: emitted once, lost, or emitted more than once.
 */
export async function soak(options: SoakOptions): Promise<SoakReport> {
	const created: string[] = [];
	const emitted = new Map<string, number>();
	let faultedPolls = 0;
	let failedPolls = 0;
	const record = (result: PollResult) => {
		for (const item of result.items) {
			const id = options.idOf(item.json);
			emitted.set(id, (emitted.get(id) ?? 0) + 1);
		}
	};
	for (let round = 0; round < options.rounds; round++) {
		created.push(...options.arrive(round));
		if (options.random() < (options.faultRate ?? 0.2)) {
			faultedPolls++;
			const fault = SOAK_FAULTS[Math.floor(options.random() * SOAK_FAULTS.length)];
			options.injectFault(fault, options.random() < 0.15 ? 5 : 1);
		}
		const result = await options.poll();
		if (result.error) failedPolls++;
		record(result);
		options.clearFaults();
	}
	for (let i = 0; i < (options.drainPolls ?? 20); i++) record(await options.poll());
	const createdSet = new Set(created);
	const report: SoakReport = {
		created: created.length,
		emitted: emitted.size,
		lost: created.filter((id) => !emitted.has(id)).length,
		duplicated: [...emitted.values()].filter((count) => count > 1).length,
		unexpected: [...emitted.keys()].filter((id) => !createdSet.has(id)).length,
		faultedPolls,
		failedPolls,
	};
	// eslint-disable-next-line no-console -- the soak's figures are its report
	console.log(
		`${options.label} soak: ${report.created} created, ${report.emitted} emitted, ${report.lost} lost, ` +
			`${report.duplicated} duplicated, ${report.faultedPolls} polls with faults (${report.failedPolls} failed)`,
	);
	return report;
}
