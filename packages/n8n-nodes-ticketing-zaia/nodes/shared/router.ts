import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { concurrencyOf } from './descriptions';
import { executePerItem, type ItemResult } from './execute';
import { checkOptionParameters } from './options';
import type { ProviderDefinition, RequestContext } from './transport';

/**
 * One operation of a resource, one file each: its entry in the Operation list, its own
 * parameters, and the per-item work. The resource's index shows the parameters for this
 * operation only, so an operation file never writes display options for itself.
 */
export interface ItemOperation {
	/** The Operation list entry; its value is the operation's key in the resource's map. */
	option: Omit<INodePropertyOptions, 'value'> & { description: string; action: string };
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult>;
	/** Whether the output is tickets, so the Simplify switch applies to it. */
	returnsTickets?: boolean;
	/**
	 * Items in flight at once, when the operation decides it: a batching operation starts all
	 * items together so their lookups share requests (the batches themselves are bounded).
	 */
	concurrency?: number;
}

export type OperationMap = Record<string, ItemOperation>;

/** What an action node's `execute` hands over: its operations and its full parameter list. */
export interface ActionNode {
	resources: Record<string, OperationMap>;
	properties: INodeProperties[];
	/** The provider the node talks to, whose credential secrets are kept out of every error. */
	provider(context: RequestContext): ProviderDefinition;
}

/**
 * The `execute` of every action node: pick resource and operation, check each item's
 * choice parameters against their options, then run the operation for all items.
 */
export async function routeOperation(
	this: IExecuteFunctions,
	node: ActionNode,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = node.resources[resource]?.[name];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${name}" is not supported for the resource "${resource}"`,
		);
	}
	const output = await executePerItem.call(
		this,
		(itemIndex) => {
			checkOptionParameters(this.getNode(), itemIndex, node.properties, (parameter) =>
				this.getNodeParameter(parameter, itemIndex),
			);
			return operation.prepare.call(this, itemIndex);
		},
		{
			concurrency:
				operation.concurrency === undefined
					? concurrencyOf(this.getNodeParameter('options', 0, {}))
					: { mode: 'fixed', limit: operation.concurrency },
			provider: node.provider(this),
		},
	);
	return [output];
}
