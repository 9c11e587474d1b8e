import { LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import type { HarnessCredentials } from './credentials-helper';
import { ensureNodeTypeLoaded, nodeTypes } from './package-loader';
import { createHarnessContext } from './run';

interface MethodCall {
	nodeType: string;
	method: string;
	parameters?: INodeParameters;
	credentials: HarnessCredentials;
}

/**
 * The editor's "load options" round trip: n8n builds a one-node workflow from the node being
 * edited, puts its current parameters on additionalData, and calls the method with a
 * LoadOptionsContext (so `getCurrentNodeParameter`, `getCredentials` and
 * `httpRequestWithAuthentication` behave exactly as in n8n).
 */
async function createLoadOptionsContext(
	call: MethodCall,
	path: string,
): Promise<{ context: LoadOptionsContext; nodeType: INodeType }> {
	await ensureNodeTypeLoaded(call.nodeType);
	const nodeType = nodeTypes.getByNameAndVersion(call.nodeType);
	const { description } = nodeType;
	const parameters = call.parameters ?? {};
	const declared = (description.credentials ?? []).map((credential) => credential.name);
	const node: INode = {
		id: 'node-being-edited',
		name: description.defaults.name ?? description.displayName,
		type: call.nodeType,
		typeVersion: Array.isArray(description.version)
			? Math.max(...description.version)
			: description.version,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(
			Object.keys(call.credentials)
				.filter((type) => declared.length === 0 || declared.includes(type))
				.map((type) => [type, { id: `harness-${type}`, name: `Harness ${type}` }]),
		),
	};
	const { workflow, additionalData } = await createHarnessContext(
		{ nodes: [node], connections: {} },
		call.credentials,
		'internal',
		parameters,
	);
	const workflowNode = workflow.getNode(node.name) ?? node;
	return {
		context: new LoadOptionsContext(workflow, workflowNode, additionalData, path),
		nodeType,
	};
}

/** Call a node's `methods.listSearch[method]` (resource locator "From list" mode). */
export async function callListSearch(
	options: MethodCall & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { context, nodeType } = await createLoadOptionsContext(options, 'parameters');
	const method = nodeType.methods?.listSearch?.[options.method];
	if (typeof method !== 'function') {
		throw new UnexpectedError(
			`Node type "${options.nodeType}" has no listSearch "${options.method}"`,
		);
	}
	return await method.call(context, options.filter, options.paginationToken);
}

/** Call a node's `methods.loadOptions[method]` (options / multiOptions parameters). */
export async function callLoadOptions(options: MethodCall): Promise<INodePropertyOptions[]> {
	const { context, nodeType } = await createLoadOptionsContext(options, 'parameters');
	const method = nodeType.methods?.loadOptions?.[options.method];
	if (typeof method !== 'function') {
		throw new UnexpectedError(
			`Node type "${options.nodeType}" has no loadOptions "${options.method}"`,
		);
	}
	return await method.call(context);
}
