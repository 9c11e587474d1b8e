import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import {
	itemContext,
	limitOf,
	requireBoolean,
	requireString,
	requireUuidList,
} from '../../../shared/validation';
import { tagIdsFilter } from '../../descriptions';
import { ZAIA_STATUSES, zaiaListAll } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'all',
		description:
			'Zaia lists one status at a time; "All Statuses" lists each known status and merges them, newest first',
		options: [
			{ name: 'All Statuses', value: 'all' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Ongoing', value: 'ongoing' },
			{ name: 'Pending', value: 'pending' },
		],
	},
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Assignee IDs',
				name: 'assigneeIds',
				type: 'string',
				default: '',
				description:
					'Only tickets assigned to these users: comma-separated IDs or an expression returning a list',
			},
			{
				displayName: 'Chat IDs',
				name: 'chatIds',
				type: 'string',
				default: '',
				description:
					'Only tickets of these chats: comma-separated IDs or an expression returning a list',
			},
			{
				displayName: 'Include Removed Chats',
				name: 'includeRemoved',
				type: 'boolean',
				default: false,
				description: 'Whether to include tickets whose chat was removed',
			},
			{
				displayName: 'Responder Names or IDs',
				name: 'responderIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getResponders' },
				default: [],
				description:
					'Only tickets handled by these AI agents, squads or workflows. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Responder Version IDs',
				name: 'responderVersionIds',
				type: 'string',
				default: '',
				description:
					'Only tickets handled by these responder versions: comma-separated IDs or an expression returning a list',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: "Text to search for, as Zaia's ticket search interprets it",
			},
			tagIdsFilter,
		],
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LIST_FILTERS: Array<[key: string, label: string]> = [
	['assigneeIds', 'Assignee IDs'],
	['chatIds', 'Chat IDs'],
	['responderIds', 'Responder Names or IDs'],
	['responderVersionIds', 'Responder Version IDs'],
	['tagIds', 'Tag Names or IDs'],
];

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const check = itemContext(this, itemIndex);
	const status = requireString(check, 'Status', this.getNodeParameter('status', itemIndex, 'all'));
	const limit = limitOf(check, (name, fallback) =>
		this.getNodeParameter(name, itemIndex, fallback),
	);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;

	const qs: IDataObject = {};
	for (const [key, label] of LIST_FILTERS) {
		const ids = requireUuidList(check, `Filters → ${label}`, filters[key]);
		if (ids.length) qs[key] = ids;
	}
	if (filters.includeRemoved !== undefined) {
		qs.includeRemoved = requireBoolean(
			check,
			'Filters → Include Removed Chats',
			filters.includeRemoved,
		);
	}
	if (typeof filters.search === 'string' && filters.search.trim() !== '') {
		qs.search = filters.search.trim();
	}
	const statuses: readonly string[] = status === 'all' ? ZAIA_STATUSES : [status];

	return async () => {
		// Statuses are listed one after another: Zaia requires exactly one status per listing.
		const seen = new Set<unknown>();
		let tickets: IDataObject[] = [];
		for (const oneStatus of statuses) {
			const page = await zaiaListAll.call(
				this,
				'/tickets/details',
				{ ...qs, status: oneStatus },
				{ limit, itemIndex },
			);
			for (const ticket of page) {
				if (seen.has(ticket.id)) continue;
				seen.add(ticket.id);
				tickets.push(ticket);
			}
		}
		if (statuses.length > 1) {
			tickets.sort((a, b) => createdTime(b) - createdTime(a));
			if (limit !== undefined) tickets = tickets.slice(0, limit);
		}
		return tickets;
	};
}

function createdTime(ticket: IDataObject): number {
	const time = Date.parse(String(ticket.createdAt ?? ''));
	return Number.isNaN(time) ? 0 : time;
}
