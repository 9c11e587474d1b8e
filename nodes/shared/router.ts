import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { concurrencyOf } from './descriptions';
import { executePerItem, type ItemResult } from './execute';

/** One operation of a resource: its parameters and the per-item work (one file each). */
export interface ItemOperation {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult>;
}

/** The `execute` of every action node: pick the operation, run it for all items. */
export async function routeOperation(
	this: IExecuteFunctions,
	operations: Record<string, ItemOperation>,
): Promise<INodeExecutionData[][]> {
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = operations[name];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${name}" is not supported`);
	}
	const output = await executePerItem.call(
		this,
		(itemIndex) => operation.prepare.call(this, itemIndex),
		{
			concurrency: concurrencyOf(this.getNodeParameter('options', 0, {})),
		},
	);
	return [output];
}
