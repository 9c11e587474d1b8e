import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { teamLocator } from './common';

const properties: INodeProperties[] = [teamLocator];

const displayOptions = { show: { resource: ['team'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const teamId = idParameter(this, itemIndex, 'teamId', 'Team');
	return async () =>
		(await gorgiasRequest.call(this, 'GET', `/teams/${teamId}`, { itemIndex })) as IDataObject;
}
