import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	checkTimingOf,
	concurrencyOf,
	executePerItem,
	sameBinary,
	type ItemResult,
} from './execute';
import { checkOptionParameters } from './options';
import type { ProviderDefinition, RequestContext } from './transport';

/**
 * One operation of a resource, one file each: its own parameters (display options applied
 * in that file) and the per-item work. Its entry in the Operation list is written in the
 * resource's index, where a test holds the list and the operation map to each other.
 */
export interface ItemOperation {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult>;
	/** Whether the output is tickets, so the router applies Simplify to it when asked. */
	returnsTickets?: boolean;
	/**
	 * Items in flight at once, when the operation decides it: a batching operation starts all
	 * items together so their lookups share requests (the batches themselves are bounded).
	 */
	concurrency?: number;
	/** Keys the operation adds to the provider's ticket: Simplify keeps them beside its shape. */
	addedKeys?: readonly string[];
}

export type OperationMap = Record<string, ItemOperation>;

/** The provider's tickets in the shape shared by all providers (the Simplify switch). */
export type SimplifyTickets = (
	context: IExecuteFunctions,
	tickets: IDataObject[],
) => IDataObject[] | Promise<IDataObject[]>;

/** What an action node's `execute` hands over: its operations and its full parameter list. */
export interface ActionNode {
	resources: Record<string, OperationMap>;
	properties: INodeProperties[];
	/** The provider the node talks to, whose credential secrets are kept out of every error. */
	provider(context: RequestContext): ProviderDefinition;
	/** Applied to the output of operations that return tickets when Simplify is on. */
	simplify: SimplifyTickets;
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
	const options = this.getNodeParameter('options', 0, {});
	// A Simplify switch without an expression is the same for every item: asked of n8n once.
	const storedSimplify = this.getNode().parameters.simplify;
	const fixedSimplify =
		operation.returnsTickets === true && !isExpression(storedSimplify)
			? (this.getNodeParameter('simplify', 0, false) as boolean)
			: undefined;
	const output = await executePerItem.call(
		this,
		(itemIndex) => {
			checkOptionParameters(this.getNode(), itemIndex, node.properties, (parameter) =>
				this.getNodeParameter(parameter, itemIndex),
			);
			const work = operation.prepare.call(this, itemIndex);
			// Read once per run, or once per item when it is an expression: a Get Many of 50,000
			// tickets must not ask n8n 50,000 times.
			const simplify =
				operation.returnsTickets === true &&
				(fixedSimplify ?? (this.getNodeParameter('simplify', itemIndex, false) as boolean));
			if (!simplify) return work;
			return async () =>
				await simplified(this, node.simplify, await work(), operation.addedKeys ?? []);
		},
		{
			concurrency:
				operation.concurrency === undefined
					? concurrencyOf(options)
					: { mode: 'fixed', limit: operation.concurrency },
			checkTiming: checkTimingOf(options),
			provider: node.provider(this),
		},
	);
	return [output];
}

/** One item's tickets through the provider's Simplify, in the form the operation returned. */
async function simplified(
	context: IExecuteFunctions,
	simplify: SimplifyTickets,
	result: ItemResult,
	addedKeys: readonly string[],
): Promise<ItemResult> {
	const outputs = Array.isArray(result) ? result : [result];
	const tickets = outputs.map((output) => {
		const ticket = { ...output };
		for (const key of addedKeys) delete ticket[key];
		return ticket;
	});
	const shaped = await simplify(context, addedKeys.length ? tickets : outputs);
	const output = shaped.map((ticket, position) => {
		const from = outputs[position];
		for (const key of addedKeys) if (key in from) ticket[key] = from[key];
		return sameBinary(from, ticket);
	});
	return Array.isArray(result) ? output : output[0];
}

function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}
