import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { concurrencyOf } from './descriptions';
import { executePerItem, type ItemResult } from './execute';

/** One operation of a resource: its parameters and the per-item work (one file each). */
export interface ItemOperation {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult>;
	/**
	 * Items in flight at once, when the operation decides it: a batching operation starts all
	 * items together so their lookups share requests (the batches themselves are bounded).
	 */
	concurrency?: number;
}

/** The `execute` of every action node: pick resource and operation, run it for all items. */
export async function routeOperation(
	this: IExecuteFunctions,
	resources: Record<string, Record<string, ItemOperation>>,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[name];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${name}" is not supported for the resource "${resource}"`,
		);
	}
	const output = await executePerItem.call(
		this,
		(itemIndex) => operation.prepare.call(this, itemIndex),
		{
			concurrency: operation.concurrency ?? concurrencyOf(this.getNodeParameter('options', 0, {})),
		},
	);
	return [output];
}
