import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { userIdOf } from '../ticket/common';
import { userLocator, userParameter } from './common';

const properties: INodeProperties[] = [userLocator];

const displayOptions = { show: { resource: ['user'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const user = userParameter(this, itemIndex);
	return async () => {
		const userId = await userIdOf(this, itemIndex, user);
		return (await gorgiasRequest.call(this, 'GET', `/users/${userId}`, {
			itemIndex,
		})) as IDataObject;
	};
}
