import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import {
	itemContext,
	limitOf,
	requireBoolean,
	requireLanguageCode,
	requireString,
	toList,
} from '../../../shared/validation';
import { ticketLocator } from '../../descriptions';
import { gorgiasListAll } from '../../transport';
import { optionalId, requireGorgiasId } from '../ticket/common';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description:
					'Whether to list archived macros instead of active ones (a parameter seen in Gorgias clients, not in its reference)',
			},
			{
				displayName: 'Language Names or IDs',
				name: 'languages',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLanguages' },
				default: [],
				description:
					'Only macros in these languages. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Message ID',
				name: 'messageId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12345',
				description:
					'With Sort By Relevance: rank the macros for this message of the ticket instead of the whole ticket',
			},
			{
				...ticketLocator,
				displayName: 'Relevant to Ticket',
				required: false,
				description:
					'The ticket whose relevance ranks the macros; required when sorting by relevance',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only macros whose name or text matches these words',
			},
			{
				displayName: 'Sort By',
				name: 'orderBy',
				type: 'options',
				default: 'usage:desc',
				options: [
					{ name: 'Created (Newest First)', value: 'created_datetime:desc' },
					{ name: 'Created (Oldest First)', value: 'created_datetime:asc' },
					{ name: 'Language (A-Z)', value: 'language:asc' },
					{ name: 'Language (Z-A)', value: 'language:desc' },
					{ name: 'Name (A-Z)', value: 'name:asc' },
					{ name: 'Name (Z-A)', value: 'name:desc' },
					{ name: 'Relevance to the Ticket', value: 'relevance:desc' },
					{ name: 'Updated (Newest First)', value: 'updated_datetime:desc' },
					{ name: 'Updated (Oldest First)', value: 'updated_datetime:asc' },
					{ name: 'Usage (Least Used First)', value: 'usage:asc' },
					{ name: 'Usage (Most Used First)', value: 'usage:desc' },
				],
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'refund, shipping',
				description:
					'Only macros with these tags: comma-separated names, or a list from an expression',
			},
		],
	},
];

const displayOptions = { show: { resource: ['macro'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.search !== undefined)
		qs.search = requireString(ctx, 'Filters → Search', filters.search);
	const tags = toList(ctx, 'Filters → Tags', filters.tags);
	if (tags.length) qs.tags = tags;
	const languages = toList(ctx, 'Filters → Language Names or IDs', filters.languages).map(
		(language) => requireLanguageCode(ctx, 'Filters → Language Names or IDs', language),
	);
	if (languages.length) qs.languages = languages;
	if (filters.archived !== undefined)
		qs.archived = requireBoolean(ctx, 'Filters → Archived', filters.archived);
	const ticketId = optionalId(this, itemIndex, filters.ticketId, 'Filters → Relevant to Ticket');
	const relevance = filters.orderBy === 'relevance:desc';
	if (relevance && ticketId === undefined) {
		throw invalidParameterError(
			ctx.node,
			'Filters → Relevant to Ticket',
			'sorting by relevance needs the ticket the macros are ranked for',
			itemIndex,
		);
	}
	if (filters.orderBy !== undefined) qs.order_by = filters.orderBy;
	if (ticketId !== undefined) qs.ticket_id = ticketId;
	if (filters.messageId !== undefined && filters.messageId !== '') {
		if (!relevance) {
			throw invalidParameterError(
				ctx.node,
				'Filters → Message ID',
				'only used with Sort By "Relevance to the Ticket"',
				itemIndex,
			);
		}
		qs.message_id = requireGorgiasId(ctx, 'Filters → Message ID', filters.messageId);
	}
	return async () => await gorgiasListAll.call(this, '/macros', qs, { limit, itemIndex });
}
