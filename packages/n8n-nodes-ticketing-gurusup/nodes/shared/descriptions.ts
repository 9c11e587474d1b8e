import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_CONCURRENCY,
	DEFAULT_CONCURRENCY_CEILING,
	type ConcurrencySetting,
} from './execute';
import type { OperationMap } from './router';

/** Parameters every provider's nodes show the same way, and the one way they are laid out. */

export interface ResourceLayout {
	/** Shown in descriptions, e.g. "Zaia". */
	provider: string;
	resource: string;
	operations: OperationMap;
	/** The operation selected when the node is added. */
	defaultOperation: string;
	/** Shown above the Operation list: what the provider's API does not offer, and why. */
	notOffered?: string;
}

/**
 * A resource's parameters: the Operation list built from the operation map (so a listed
 * value always has its implementation), each operation's own parameters shown for it alone,
 * then Simplify for the operations that return tickets and the options every one has.
 */
export function resourceProperties(layout: ResourceLayout): INodeProperties[] {
	const onResource = { resource: [layout.resource] };
	const names = Object.keys(layout.operations);
	const returningTickets = names.filter((name) => layout.operations[name].returnsTickets);
	// An operation that sets its own pace (a batching Get) would ignore the user's number.
	const paced = names.filter((name) => layout.operations[name].concurrency === undefined);
	const notice: INodeProperties[] = layout.notOffered
		? [
				{
					displayName: layout.notOffered,
					name: 'notOfferedNotice',
					type: 'notice',
					default: '',
					displayOptions: { show: onResource },
				},
			]
		: [];
	return [
		...notice,
		{
			displayName: 'Operation',
			name: 'operation',
			// `as const`: the lint rule reads defaults only as literals; this one is computed.
			type: 'options' as const,
			noDataExpression: true,
			displayOptions: { show: onResource },
			options: names
				.map((name) => ({ ...layout.operations[name].option, value: name }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: layout.defaultOperation,
		},
		...names.flatMap((name) =>
			showOnlyFor({ ...onResource, operation: [name] }, layout.operations[name].description),
		),
		...showOnlyFor({ ...onResource, operation: returningTickets }, [
			simplifyField(layout.provider),
		]),
		...showOnlyFor({ ...onResource, operation: paced }, [concurrencyOptions(layout.provider)]),
	];
}

/** The properties with `show` added to their own display rules. */
export function showOnlyFor(
	show: Record<string, string[]>,
	properties: INodeProperties[],
): INodeProperties[] {
	if (Object.values(show).some((values) => values.length === 0)) return [];
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, ...property.displayOptions?.show },
		},
	}));
}

export function simplifyField(provider: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return the ticket in the shape shared by all providers of this pack (ID, subject, status, assignee, team, customer, dates and the raw ticket) instead of ${provider}'s own object`,
	};
}

export function concurrencyOptions(provider: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrencyMode',
				type: 'options',
				default: 'adaptive',
				description: `How many input items are sent to ${provider} at the same time. Output order always follows the input.`,
				options: [
					{
						name: 'Adaptive',
						value: 'adaptive',
						description: `Start with ${DEFAULT_CONCURRENCY} at a time, send more while ${provider} answers quickly and without errors, fewer after a 429, a server error or slower answers; never more than Max Parallel Requests`,
					},
					{
						name: 'Fixed',
						value: 'fixed',
						description: `Always Max Parallel Requests at a time (${DEFAULT_CONCURRENCY} if not set)`,
					},
				],
			},
			{
				displayName: 'Max Parallel Requests',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY_CEILING,
				description: `Adaptive: the most items sent to ${provider} at the same time. Fixed: exactly how many. Use 1 to send strictly one after another.`,
			},
		],
	};
}

/** The highest Max Parallel Requests the editor accepts. */
const MAX_CONCURRENCY = 500;

/**
 * The concurrency chosen in the node's options. Max Parallel Requests alone (as saved before
 * there was a choice) caps the adaptive run, so no workflow ever gets more than it asked for.
 */
export function concurrencyOf(value: unknown): ConcurrencySetting {
	const options = (value ?? {}) as { concurrency?: unknown; concurrencyMode?: unknown };
	const number = Number(options.concurrency);
	const given = Number.isInteger(number) && number > 0 ? number : undefined;
	if (options.concurrencyMode === 'fixed') {
		return { mode: 'fixed', limit: given ?? DEFAULT_CONCURRENCY };
	}
	return { mode: 'adaptive', ceiling: given ?? DEFAULT_CONCURRENCY_CEILING };
}

/** "Return All" and "Limit", as every Get Many shows them. */
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** A collection of optional fields: "Additional Fields", "Update Fields", "Filters", "Options". */
export function collection(
	displayName: string,
	name: string,
	placeholder: string,
	options: INodeProperties[],
): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, options };
}

/** A multi-select of the account's tags, loaded by the node's `getTags` method. */
export function tagPicker(purpose: string): INodeProperties {
	return {
		displayName: 'Tag Names or IDs',
		name: 'tagIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTags' },
		default: [],
		description: `${purpose}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}
