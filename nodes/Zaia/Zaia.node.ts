import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, executePerItem } from '../shared/execute';
import { ticketDescription, ticketOperations } from './actions/ticket';
import { getResponders, getTags } from './methods/loadOptions';
import { searchAssignees, searchTags, searchTeams, searchTickets } from './methods/listSearch';

export class Zaia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zaia',
		name: 'zaia',
		icon: { light: 'file:../../icons/zaia.svg', dark: 'file:../../icons/zaia.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Work with tickets that Zaia AI agents hand over to humans',
		defaults: { name: 'Zaia' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zaiaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Ticket', value: 'ticket' }],
				default: 'ticket',
			},
			...ticketDescription,
		],
	};

	methods = {
		listSearch: { searchAssignees, searchTags, searchTeams, searchTickets },
		loadOptions: { getResponders, getTags },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operationName = this.getNodeParameter('operation', 0) as string;
		const operation = ticketOperations[operationName];
		if (!operation) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operationName}" is not supported`,
			);
		}
		const options = this.getNodeParameter('options', 0, {}) as { concurrency?: number };
		const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
		const output = await executePerItem.call(
			this,
			(itemIndex) => operation.prepare.call(this, itemIndex),
			{
				concurrency:
					Number.isInteger(concurrency) && concurrency > 0 ? concurrency : DEFAULT_CONCURRENCY,
			},
		);
		return [output];
	}
}
