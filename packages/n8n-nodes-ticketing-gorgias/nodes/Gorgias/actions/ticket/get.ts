import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { BatchLoader } from '../../../shared/batch';
import { binaryResult, type ItemResult } from '../../../shared/execute';
import { downloadAttachments, downloadChoice, downloadParameters } from '../../attachments';
import { gorgiasListAll, gorgiasRequest } from '../../transport';
import { ticketLocator } from '../../descriptions';
import { ticketIds } from './common';

const properties: INodeProperties[] = [ticketLocator, ...downloadParameters];

const displayOptions = { show: { resource: ['ticket'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

/** Ticket ids Gorgias accepts in one `ticket_ids` listing. */
const IDS_PER_REQUEST = 100;

/** Every item starts at once so all their ids meet in the same batches. */
export const concurrency = Number.POSITIVE_INFINITY;

const loaders = new WeakMap<object, BatchLoader<number, IDataObject>>();

/** One loader per execution: ids of all items are fetched 100 per request. */
function loaderFor(context: IExecuteFunctions): BatchLoader<number, IDataObject> {
	let loader = loaders.get(context);
	if (!loader) {
		const fetchChunk = async (ids: number[]) => {
			const tickets =
				ids.length === 1
					? // One ticket: the direct endpoint, whose 404 names the ticket.
						[(await gorgiasRequest.call(context, 'GET', `/tickets/${ids[0]}`)) as IDataObject]
					: await gorgiasListAll.call(context, '/tickets', { ticket_ids: ids });
			return new Map(tickets.map((ticket) => [Number(ticket.id), ticket]));
		};
		loader = new BatchLoader(fetchChunk, IDS_PER_REQUEST);
		loaders.set(context, loader);
	}
	return loader;
}

/**
 * One ticket per id; an item may hold several ids (from an expression). Ids of all items are
 * fetched together, 100 per request, and each item gets its tickets in the order it asked.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ids = ticketIds(this, itemIndex);
	const download = downloadChoice(this, itemIndex);
	return async () => {
		const loader = loaderFor(this);
		const tickets = await Promise.all(ids.map(async (id) => await loader.load(id)));
		const found: IDataObject[] = [];
		for (const [position, ticket] of tickets.entries()) {
			if (!ticket) {
				throw new NodeOperationError(this.getNode(), `Gorgias has no ticket ${ids[position]}`, {
					itemIndex,
					description: 'The ticket does not exist or was deleted.',
				});
			}
			found.push(ticket);
		}
		if (!download) return found;
		// Listed tickets carry no messages: each ticket's are read for their attachments.
		const withFiles: IDataObject[] = [];
		for (const [position, ticket] of found.entries()) {
			const messages = await gorgiasListAll.call(
				this,
				`/tickets/${ids[position]}/messages`,
				{},
				{ itemIndex },
			);
			const binary = await downloadAttachments(this, itemIndex, messages, download.prefix);
			withFiles.push(Object.keys(binary).length ? binaryResult(ticket, binary) : ticket);
		}
		return withFiles;
	};
}
