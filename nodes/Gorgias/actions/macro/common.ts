import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BatchLoader } from '../../../shared/batch';
import { invalidParameterError } from '../../../shared/errors';
import {
	parseJsonParameter,
	requireLanguageCode,
	requireString,
	type ValidationContext,
} from '../../../shared/validation';
import { NUMERIC_ID } from '../../descriptions';
import { gorgiasRequest } from '../../transport';

/** The macro to work on: picked from Gorgias (searched by name) or typed by ID. */
export const macroLocator: INodeProperties = {
	displayName: 'Macro',
	name: 'macroId',
	description: 'The macro to work on',
	required: true,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchMacros', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: { regex: NUMERIC_ID, errorMessage: 'Not a valid macro ID (a whole number)' },
				},
			],
		},
	],
};

/** Macro fields that Create and Update both offer, defined once. */
export const macroFieldOptions: INodeProperties[] = [
	{
		displayName: 'Actions',
		name: 'actions',
		type: 'json',
		default: '[]',
		description:
			'What the macro does, as Gorgias\' list of actions, e.g. [{"name": "addTags", "title": "Add tags", "type": "user", "arguments": {"tags": "refund"}}]. On Update the list replaces all of the macro\'s actions.',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'ID of the macro in your own system',
	},
	{
		displayName: 'Intent',
		name: 'intent',
		type: 'options',
		default: 'other/question',
		description: 'What kind of customer request the macro answers',
		options: [
			{ name: 'Discount Request', value: 'discount/request' },
			{ name: 'Exchange Request', value: 'exchange/request' },
			{ name: 'Exchange Status', value: 'exchange/status' },
			{ name: 'Feedback', value: 'feedback' },
			{ name: 'Order Cancel', value: 'order/cancel' },
			{ name: 'Order Change', value: 'order/change' },
			{ name: 'Order Damaged', value: 'order/damaged' },
			{ name: 'Order Wrong', value: 'order/wrong' },
			{ name: 'Other: No Reply', value: 'other/no_reply' },
			{ name: 'Other: Question', value: 'other/question' },
			{ name: 'Other: Thanks', value: 'other/thanks' },
			{ name: 'Product Question', value: 'product/question' },
			{ name: 'Product Recommendation', value: 'product/recommendation' },
			{ name: 'Refund Request', value: 'refund/request' },
			{ name: 'Refund Status', value: 'refund/status' },
			{ name: 'Return Request', value: 'return/request' },
			{ name: 'Return Status', value: 'return/status' },
			{ name: 'Shipping Change', value: 'shipping/change' },
			{ name: 'Shipping Delivery Issue', value: 'shipping/delivery-issue' },
			{ name: 'Shipping Policy', value: 'shipping/policy' },
			{ name: 'Shipping Status', value: 'shipping/status' },
			{ name: 'Stock Request', value: 'stock/request' },
			{ name: 'Subscription Cancel', value: 'subscription/cancel' },
			{ name: 'Subscription Change', value: 'subscription/change' },
		],
	},
	{
		displayName: 'Language Name or ID',
		name: 'language',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLanguages' },
		default: '',
		description:
			'The language of the macro, as its ISO 639-1 code (e.g. en). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/**
 * The actions list, checked for the shape Gorgias documents (objects with a `name`); which
 * action names exist is only known from Gorgias' own front end, so any name is passed on.
 */
function macroActions(ctx: ValidationContext, label: string, value: unknown): IDataObject[] {
	const actions = parseJsonParameter(ctx, label, value) ?? [];
	if (!Array.isArray(actions)) {
		throw invalidParameterError(ctx.node, label, 'expected a list of actions', ctx.itemIndex);
	}
	for (const [position, action] of actions.entries()) {
		const name = (action as IDataObject | null)?.name;
		if (
			!action ||
			typeof action !== 'object' ||
			Array.isArray(action) ||
			typeof name !== 'string' ||
			!name.trim()
		) {
			throw invalidParameterError(
				ctx.node,
				label,
				`action ${position + 1} must be an object with a "name" such as "addTags"`,
				ctx.itemIndex,
			);
		}
	}
	return actions as IDataObject[];
}

/** The Gorgias body of the chosen fields of a collection (`prefix` names the collection). */
export function macroFields(
	ctx: ValidationContext,
	fields: IDataObject,
	prefix: string,
): IDataObject {
	const body: IDataObject = {};
	if (fields.actions !== undefined)
		body.actions = macroActions(ctx, `${prefix} → Actions`, fields.actions);
	if (fields.externalId !== undefined)
		body.external_id = requireString(ctx, `${prefix} → External ID`, fields.externalId);
	if (fields.intent !== undefined) body.intent = fields.intent;
	// The language list is loaded, not fixed: the router's choice check does not cover it.
	if (fields.language !== undefined)
		body.language = requireLanguageCode(ctx, `${prefix} → Language Name or ID`, fields.language);
	return body;
}

/** Macro ids Gorgias accepts in one archive or unarchive call. */
const IDS_PER_BULK_CALL = 30;

/** The per-id outcomes of a bulk call that are success (a 207 mixes them with failures). */
const DONE_STATUSES: Record<'archive' | 'unarchive', string[]> = {
	archive: ['archived', 'already_archived'],
	unarchive: ['unarchived', 'already_not_archived'],
};

const bulkLoaders = new WeakMap<object, Map<string, BatchLoader<number, IDataObject>>>();

/**
 * Archive and Unarchive: the macros of all items go to Gorgias' bulk endpoint 30 per call.
 * Gorgias answers 207 with one outcome per id; each item gets its own, and fails when its
 * macro was not found or is used by rules (Gorgias' message names them).
 */
export async function changeArchived(
	context: IExecuteFunctions,
	itemIndex: number,
	verb: 'archive' | 'unarchive',
	macroId: number,
): Promise<IDataObject> {
	let loaders = bulkLoaders.get(context);
	if (!loaders) bulkLoaders.set(context, (loaders = new Map()));
	let loader = loaders.get(verb);
	if (!loader) {
		loader = new BatchLoader(async (ids: number[]) => {
			const answer = (await gorgiasRequest.call(context, 'PUT', `/macros/${verb}`, {
				body: { ids },
			})) as { data?: IDataObject[] } | undefined;
			const outcomes = Array.isArray(answer?.data) ? answer.data : [];
			return new Map(outcomes.map((outcome) => [Number(outcome.id), outcome]));
		}, IDS_PER_BULK_CALL);
		loaders.set(verb, loader);
	}
	const outcome = await loader.load(macroId);
	const status = typeof outcome?.status === 'string' ? outcome.status : undefined;
	if (outcome && status && DONE_STATUSES[verb].includes(status)) return outcome;
	const error = (outcome?.error ?? {}) as IDataObject;
	const reason = typeof error.msg === 'string' ? `: ${error.msg}` : '';
	throw new NodeOperationError(
		context.getNode(),
		`Gorgias did not ${verb} macro ${macroId} (${status ?? 'no outcome for this ID'})${reason}`,
		{
			itemIndex,
			description:
				status === 'macro_used'
					? `Rules use this macro: ${JSON.stringify((error.data as IDataObject | undefined)?.rules ?? [])}`
					: undefined,
		},
	);
}
