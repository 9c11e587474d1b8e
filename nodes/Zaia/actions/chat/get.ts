import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { getChat } from '../../chats';
import { chatLocator } from '../../descriptions';
import { idParameter } from '../ticket/common';

const properties: INodeProperties[] = [chatLocator];

const displayOptions = { show: { resource: ['chat'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const chatId = idParameter(this, itemIndex, 'chatId', 'Chat');
	return async () => await getChat(this, chatId, { itemIndex });
}
