/**
 * Faults are applied before authentication and before the route handler, so a faulted request
 * never changes sandbox state (except `delay`, which answers normally after waiting).
 */
export type Fault =
	| { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	| { kind: 'delay'; ms: number }
	| { kind: 'drop' }
	| { kind: 'malformed'; body?: string };

export type FaultKind = Fault['kind'];

/** Route key meaning "whatever route the next request hits, known or not". */
export const ANY_ROUTE = '*';

export interface FaultOptions {
	/** How many matching requests get the fault; `Infinity` keeps it until `clearFaults()`. */
	times?: number;
	/** How many matching requests pass untouched before the fault applies (default 0). */
	after?: number;
}

/** A JSON document cut off mid-string: what a client sees when a proxy truncates a response. */
export const MALFORMED_JSON = '{"id":"6f1c2a6e-1b7d-4c1e-9a43-2f0c';

interface QueuedFault {
	route: string;
	fault: Fault;
	remaining: number;
	/** Matching requests still to let through first. */
	skip: number;
}

/** FIFO across routes: the oldest entry matching the request's route (or `*`) wins. */
export class FaultQueue {
	private entries: QueuedFault[] = [];

	add(route: string, fault: Fault, options: FaultOptions = {}): void {
		const times = options.times ?? 1;
		if (!(times > 0)) throw new Error(`Fault 'times' must be positive, got ${times}`);
		this.entries.push({ route, fault, remaining: times, skip: options.after ?? 0 });
	}

	take(routeKey: string | null): Fault | undefined {
		const index = this.entries.findIndex(
			(entry) => entry.route === ANY_ROUTE || entry.route === routeKey,
		);
		if (index === -1) return undefined;
		const entry = this.entries[index];
		if (entry.skip > 0) {
			entry.skip -= 1;
			return undefined;
		}
		entry.remaining -= 1;
		if (entry.remaining <= 0) this.entries.splice(index, 1);
		return entry.fault;
	}

	clear(): void {
		this.entries = [];
	}

	/** What is still queued, for assertions such as "every injected fault was consumed". */
	get pending(): ReadonlyArray<Readonly<QueuedFault>> {
		return this.entries.map((entry) => ({ ...entry }));
	}
}

/** Shorthands so tests read as intent. */
export const faults = {
	/** `retryAfter` is sent verbatim: seconds (`'0'`) or an HTTP date. */
	tooManyRequests(retryAfter: string | number = '0', body?: unknown): Fault {
		return {
			kind: 'status',
			status: 429,
			headers: { 'retry-after': String(retryAfter) },
			body: body ?? { statusCode: 429, message: 'Too Many Requests' },
		};
	},
	status(status: number, body?: unknown, headers?: Record<string, string>): Fault {
		return { kind: 'status', status, body, headers };
	},
	delay(ms: number): Fault {
		return { kind: 'delay', ms };
	},
	drop(): Fault {
		return { kind: 'drop' };
	},
	malformed(body?: string): Fault {
		return { kind: 'malformed', body };
	},
};
