import type { INodeProperties } from 'n8n-workflow';

/**
 * Parameters every provider's nodes show the same way. Each is a literal, so n8n's lint reads
 * it; a resource's index shows it for its operations with `updateDisplayOptions`.
 */

/**
 * The action nodes' Options. The numbers in the texts and the default are the execute code's
 * DEFAULT_CONCURRENCY and DEFAULT_CONCURRENCY_CEILING; a test holds them together.
 */
export const concurrencyOptions: INodeProperties = {
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
			description:
				'How many input items are sent to the provider at the same time. Output order always follows the input.',
			options: [
				{
					name: 'Adaptive',
					value: 'adaptive',
					description:
						'Start with 10 at a time (or, within 15 minutes of a run against the same account, where that run found the provider answering well), send more while the provider answers quickly and without errors, fewer after a 429, a server error or slower answers; never more than Max Parallel Requests',
				},
				{
					name: 'Fixed',
					value: 'fixed',
					description: 'Always Max Parallel Requests at a time (10 if not set)',
				},
			],
		},
		{
			displayName: 'Max Parallel Requests',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 500 },
			default: 100,
			description:
				'Adaptive: the most items sent to the provider at the same time. Fixed: exactly how many. Use 1 to send strictly one after another.',
		},
		{
			displayName: 'Check Each Item Just Before Sending',
			name: 'checkEachItemJustBeforeSending',
			type: 'boolean',
			default: false,
			description:
				"Whether to check each item's parameters just before its request instead of checking all items before sending anything. Faster on many items, as checking overlaps the requests, but a bad item no longer stops the run before anything is sent: items before it may already have been sent (and changed tickets), and only the bad item and those after it are held back (or, with On Error: Continue, only the bad item fails).",
		},
	],
};

/** "Return All" and "Limit", as every Get Many shows them. */
export const returnAllFields: INodeProperties[] = [
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

