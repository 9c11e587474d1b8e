import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import { binaryResult, type ItemResult } from '../../../shared/execute';
import { downloadAttachments, downloadChoice, downloadParameters } from '../../attachments';
import { itemContext, limitOf } from '../../../shared/validation';
import { ticketLocator } from '../../descriptions';
import { gorgiasListAll } from '../../transport';
import { idParameter } from '../ticket/common';

const properties: INodeProperties[] = [ticketLocator, ...returnAllFields, ...downloadParameters];

const displayOptions = { show: { resource: ['message'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const download = downloadChoice(this, itemIndex);
	return async () => {
		const messages = await gorgiasListAll.call(
			this,
			`/tickets/${ticketId}/messages`,
			{},
			{ limit, itemIndex },
		);
		if (!download) return messages;
		const output: IDataObject[] = [];
		for (const message of messages) {
			const binary = await downloadAttachments(this, itemIndex, [message], download.prefix);
			output.push(Object.keys(binary).length ? binaryResult(message, binary) : message);
		}
		return output;
	};
}
