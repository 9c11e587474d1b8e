import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf, requireBoolean } from '../../../shared/validation';
import { zaiaListAll } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Include Tools and Agents',
		name: 'includeToolsAgents',
		type: 'boolean',
		default: false,
		description:
			"Whether to ask Zaia to join each team's tools and agents (joins=tools-agents; the joined shape is not documented)",
	},
];

const displayOptions = { show: { resource: ['ticketingTeam'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const check = itemContext(this, itemIndex);
	const limit = limitOf(check, (name, fallback) =>
		this.getNodeParameter(name, itemIndex, fallback),
	);
	const join = requireBoolean(
		check,
		'Include Tools and Agents',
		this.getNodeParameter('includeToolsAgents', itemIndex, false),
	);
	return async () =>
		await zaiaListAll.call(this, '/ticketing-teams', join ? { joins: 'tools-agents' } : {}, {
			limit,
			itemIndex,
		});
}
