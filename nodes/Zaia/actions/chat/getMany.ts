import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import {
	itemContext,
	limitOf,
	requireIsoDateTime,
	requireUuidList,
	toList,
} from '../../../shared/validation';
import { listChats } from '../../chats';
import { channelTypesFilter } from '../../descriptions';

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
				displayName: 'Channel IDs',
				name: 'channelIds',
				type: 'string',
				default: '',
				description:
					'Only chats of these channels: comma-separated IDs or an expression returning a list',
			},
			channelTypesFilter,
			{
				displayName: 'Last Message After',
				name: 'lastMessageAfter',
				type: 'dateTime',
				default: '',
				description: 'Only chats whose latest message was written at or after this time',
			},
			{
				displayName: 'Last Message Before',
				name: 'lastMessageBefore',
				type: 'dateTime',
				default: '',
				description: 'Only chats whose latest message was written at or before this time',
			},
			{
				displayName: 'Owner IDs',
				name: 'ownerIds',
				type: 'string',
				default: '',
				description:
					'Only chats of these customers (external users owning the chat): comma-separated IDs or an expression returning a list',
			},
		],
	},
];

const displayOptions = { show: { resource: ['chat'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const check = itemContext(this, itemIndex);
	const limit = limitOf(check, (name, fallback) =>
		this.getNodeParameter(name, itemIndex, fallback),
	);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const time = (key: string, label: string) =>
		filters[key] === undefined || filters[key] === ''
			? undefined
			: new Date(requireIsoDateTime(check, `Filters → ${label}`, filters[key])).toISOString();
	const chatFilters = {
		channelIds: requireUuidList(check, 'Filters → Channel IDs', filters.channelIds),
		channelTypes: toList(check, 'Filters → Channel Types', filters.channelTypes),
		ownerIds: requireUuidList(check, 'Filters → Owner IDs', filters.ownerIds),
		lastMessageAfter: time('lastMessageAfter', 'Last Message After'),
		lastMessageBefore: time('lastMessageBefore', 'Last Message Before'),
	};
	return async () => await listChats(this, chatFilters, { limit, itemIndex });
}
