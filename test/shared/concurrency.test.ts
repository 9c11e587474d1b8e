import {
	AdaptiveConcurrency,
	attachController,
	controllerOf,
	PROBE_WINDOWS,
	type RequestOutcome,
} from '../../nodes/shared/concurrency';

const healthy: RequestOutcome = { status: 200, latencyMs: 100, mayProbe: true };
const tooMany: RequestOutcome = { status: 429, latencyMs: 100, mayProbe: true };

/**
 * One round trip at the controller's current limit: `limit` requests go out together, then
 * each is answered with what `answer` says for its position in the round.
 */
function roundTrip(
	controller: AdaptiveConcurrency,
	answer: (position: number) => RequestOutcome = () => healthy,
): number {
	const sent = Array.from({ length: controller.limit }, () => controller.started());
	sent.forEach((ticket, position) => controller.finished(ticket, answer(position)));
	return controller.limit;
}

/** A provider that accepts at most `capacity` requests at once and answers the rest 429. */
function limitedRoundTrip(controller: AdaptiveConcurrency, capacity: number): number {
	return roundTrip(controller, (position) => (position < capacity ? healthy : tooMany));
}

describe('adaptive concurrency controller', () => {
	it('starts at the start value and ramps up while answers stay healthy', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		expect(controller.limit).toBe(10);
		const limits = Array.from({ length: 4 }, () => roundTrip(controller));
		// Half of itself per round trip before any congestion was seen.
		expect(limits).toEqual([15, 22, 33, 50]);
	});

	it('never exceeds the ceiling, however long the answers stay healthy', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 37 });
		const limits = Array.from({ length: 50 }, () => roundTrip(controller));
		expect(Math.max(...limits)).toBe(37);
		expect(limits.at(-1)).toBe(37);
		// A ceiling below the start caps the start too (Max Parallel Requests = 1 stays 1).
		const one = new AdaptiveConcurrency({ start: 10, ceiling: 1 });
		expect(one.limit).toBe(1);
		expect(roundTrip(one)).toBe(1);
	});

	it('halves on a 429, once per round trip however many requests of it were refused', () => {
		const controller = new AdaptiveConcurrency({ start: 40, ceiling: 100 });
		const sent = Array.from({ length: 40 }, () => controller.started());
		controller.finished(sent[0], tooMany);
		expect(controller.limit).toBe(20);
		// The other 39 were sent before the decrease: their 429s are the same news.
		for (const ticket of sent.slice(1)) controller.finished(ticket, tooMany);
		expect(controller.limit).toBe(20);
		// A 429 to a request sent after the decrease halves again.
		controller.finished(controller.started(), tooMany);
		expect(controller.limit).toBe(10);
	});

	it('halves on 5xx and on a missing answer, not on other client errors', () => {
		const controller = new AdaptiveConcurrency({ start: 16, ceiling: 100 });
		controller.finished(controller.started(), { status: 503, latencyMs: 10, mayProbe: true });
		expect(controller.limit).toBe(8);
		controller.finished(controller.started(), { latencyMs: 10, mayProbe: true });
		expect(controller.limit).toBe(4);
		controller.finished(controller.started(), { status: 404, latencyMs: 10, mayProbe: true });
		expect(controller.limit).toBeGreaterThanOrEqual(4);
		const floor = new AdaptiveConcurrency({ start: 1, ceiling: 100 });
		floor.finished(floor.started(), tooMany);
		expect(floor.limit).toBe(1);
	});

	it('halves when latency climbs well above the fastest answer', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		roundTrip(controller, () => ({ status: 200, latencyMs: 150, mayProbe: true }));
		expect(controller.limit).toBe(15);
		// Slower, but not twice as slow: still healthy.
		roundTrip(controller, () => ({ status: 200, latencyMs: 220, mayProbe: true }));
		expect(controller.limit).toBe(22);
		roundTrip(controller, () => ({ status: 200, latencyMs: 220, mayProbe: true }));
		const before = controller.limit;
		expect(before).toBe(33);
		roundTrip(controller, () => ({ status: 200, latencyMs: 900, mayProbe: true }));
		expect(controller.limit).toBe(Math.floor(before / 2));
		// Latency alone (n8n's own event loop may be what is slow) never goes below the start.
		for (let round = 0; round < 5; round++) {
			roundTrip(controller, () => ({ status: 200, latencyMs: 900, mayProbe: true }));
		}
		expect(controller.limit).toBe(10);
		controller.finished(controller.started(), tooMany);
		expect(controller.limit).toBe(5);
	});

	it('does not raise the limit on answers to requests that may not probe (creates)', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		const create: RequestOutcome = { status: 201, latencyMs: 100, mayProbe: false };
		for (let round = 0; round < 10; round++) roundTrip(controller, () => create);
		expect(controller.limit).toBe(10);
		// They still take it down when the provider is overloaded.
		controller.finished(controller.started(), { ...create, status: 429 });
		expect(controller.limit).toBe(5);
	});

	it('settles just under a hidden concurrency limit and probes above it only now and then', () => {
		const capacity = 20;
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		const limits = Array.from({ length: 200 }, () => limitedRoundTrip(controller, capacity));
		const refused = (limit: number) => Math.max(0, limit - capacity);
		// After the first overshoot: mostly at the limit, never far above it.
		const settled = limits.slice(10);
		expect(Math.max(...settled)).toBeLessThanOrEqual(capacity + 1);
		const atLimit = settled.filter((limit) => limit === capacity).length;
		expect(atLimit / settled.length).toBeGreaterThan(0.8);
		// Probing costs at most one refused request per PROBE_WINDOWS round trips or so.
		const refusals = settled.reduce((sum, limit) => sum + refused(limit), 0);
		expect(refusals).toBeLessThanOrEqual(Math.ceil(settled.length / PROBE_WINDOWS) + 1);
		// The average use of the limit stays above 90 %.
		const used = settled.reduce((sum, limit) => sum + Math.min(limit, capacity), 0);
		expect(used / (settled.length * capacity)).toBeGreaterThan(0.9);
	});
});

describe('controller registry', () => {
	it('finds the controller by context until it is detached', () => {
		const context = {};
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		expect(controllerOf(context)).toBeUndefined();
		const detach = attachController(context, controller);
		expect(controllerOf(context)).toBe(controller);
		expect(controllerOf({})).toBeUndefined();
		detach();
		expect(controllerOf(context)).toBeUndefined();
	});
});
