/**
 * What a Gorgias HTTP integration does when a chosen ticket event happens: render the URL,
 * the header values and the form template against the event's context, and call the URL.
 *
 * Modelled after gorgias-extended.md, "What Gorgias sends to the URL":
 * - `form: "{{context}}"` (a plain string) sends the whole context, `{ ticket, message? }`,
 *   with the full ticket (messages included) and, for `ticket-message-created`, the message;
 * - any other string in the URL, the header values or the form gets its `{{ path }}`
 *   variables replaced by the context's values (`{{ticket.id}}`, `{{ticket.customer.email}}`);
 * - JSON or form-urlencoded bodies, per `request_content_type`;
 * - after `failureLimit` failed calls in a row (no answer or a non-2xx) the integration is
 *   disabled by setting `deactivated_datetime`; one success resets the count.
 * Calls are fire-and-forget for the API call that caused them; `settled()` waits for them.
 */
import type { GorgiasIntegration } from './gorgias-data';

export interface RenderedCall {
	integrationId: number;
	event: string;
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string | undefined;
}

export interface Delivery extends RenderedCall {
	/** HTTP status of the answer, null when none arrived. */
	status: number | null;
	/** The answer's body as text, null when none arrived. */
	response: string | null;
	error: string | null;
}

/** Event types of the sandbox that an HTTP integration can be triggered by. */
export const DELIVERED_EVENTS = [
	'ticket-created',
	'ticket-updated',
	'ticket-message-created',
] as const;

const VARIABLE = /\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g;

function lookup(context: Record<string, unknown>, path: string): unknown {
	let value: unknown = context;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

function renderString(template: string, context: Record<string, unknown>): string {
	return template.replace(VARIABLE, (_, path: string) => {
		const value = lookup(context, path);
		if (value === undefined || value === null) return '';
		return typeof value === 'object' ? JSON.stringify(value) : String(value);
	});
}

/** The form template with its variables filled in; `"{{context}}"` is the whole context. */
export function renderForm(form: unknown, context: Record<string, unknown>): unknown {
	if (typeof form === 'string') {
		return /^\s*\{\{\s*context\s*\}\}\s*$/.test(form) ? context : renderString(form, context);
	}
	if (Array.isArray(form)) return form.map((entry) => renderForm(entry, context));
	if (form !== null && typeof form === 'object') {
		return Object.fromEntries(
			Object.entries(form as Record<string, unknown>).map(([key, value]) => [
				key,
				renderForm(value, context),
			]),
		);
	}
	return form;
}

export function renderCall(
	integration: GorgiasIntegration,
	event: string,
	context: Record<string, unknown>,
): RenderedCall {
	const { http } = integration;
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(http.headers ?? {})) {
		headers[name.toLowerCase()] = renderString(String(value), context);
	}
	const form =
		http.form === undefined || http.form === null ? undefined : renderForm(http.form, context);
	let body: string | undefined;
	if (form !== undefined && http.method !== 'GET' && http.method !== 'HEAD') {
		if (http.request_content_type === 'application/x-www-form-urlencoded') {
			const fields =
				form !== null && typeof form === 'object' ? (form as Record<string, unknown>) : {};
			body = new URLSearchParams(
				Object.entries(fields).map(([key, value]): [string, string] => [
					key,
					typeof value === 'object' ? JSON.stringify(value) : String(value),
				]),
			).toString();
		} else {
			body = JSON.stringify(form);
		}
		headers['content-type'] = http.request_content_type;
	}
	return {
		integrationId: integration.id,
		event,
		method: http.method,
		url: renderString(http.url, context),
		headers,
		body,
	};
}

export class IntegrationDeliverer {
	readonly deliveries: Delivery[] = [];
	private readonly pending = new Set<Promise<void>>();
	private readonly failures = new Map<number, number>();

	constructor(
		/** Failed calls in a row after which Gorgias disables an integration. */
		public failureLimit = 100,
		/** Ceiling of one call. */
		public timeoutMs = 10_000,
	) {}

	/** Sends the call in the background; `onDisable` runs when the failure limit is reached. */
	deliver(call: RenderedCall, onDisable: () => void): void {
		const delivery: Delivery = { ...call, status: null, response: null, error: null };
		this.deliveries.push(delivery);
		const sending = this.send(delivery, onDisable).finally(() => this.pending.delete(sending));
		this.pending.add(sending);
	}

	/** Every call started so far has been answered (or has failed). */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	clear(): void {
		this.deliveries.length = 0;
		this.failures.clear();
	}

	failuresInARow(integrationId: number): number {
		return this.failures.get(integrationId) ?? 0;
	}

	private async send(delivery: Delivery, onDisable: () => void): Promise<void> {
		try {
			const response = await fetch(delivery.url, {
				method: delivery.method,
				headers: delivery.headers,
				body: delivery.body,
				signal: AbortSignal.timeout(this.timeoutMs),
			});
			delivery.status = response.status;
			delivery.response = await response.text();
		} catch (error) {
			delivery.error = error instanceof Error ? error.message : String(error);
		}
		const ok = delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
		const count = ok ? 0 : this.failuresInARow(delivery.integrationId) + 1;
		this.failures.set(delivery.integrationId, count);
		if (count >= this.failureLimit) onDisable();
	}
}
