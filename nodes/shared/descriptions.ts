import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from './execute';

/** Parameters every provider's action node shows the same way. */

const onTicket = (operations: string[]) => ({
	show: { resource: ['ticket'], operation: operations },
});

export function simplifyField(provider: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return the ticket in the shape shared by all providers of this pack (ID, subject, status, assignee, team, customer, dates and the raw ticket) instead of ${provider}'s own object`,
		displayOptions: onTicket(operations),
	};
}

export function concurrencyOptions(provider: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: onTicket(operations),
		options: [
			{
				displayName: 'Max Parallel Requests',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: DEFAULT_CONCURRENCY,
				description: `How many input items are sent to ${provider} at the same time. Output order always follows the input. Use 1 to send strictly one after another.`,
			},
		],
	};
}

/** The concurrency chosen in the node's options, or the default. */
export function concurrencyOf(value: unknown): number {
	const number = Number(
		(value as { concurrency?: unknown } | undefined)?.concurrency ?? DEFAULT_CONCURRENCY,
	);
	return Number.isInteger(number) && number > 0 ? number : DEFAULT_CONCURRENCY;
}

/** "Return All" and "Limit", as every Get Many shows them. */
export function returnAllFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
