import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';

import { prepareCore } from './core';
import { HarnessCredentialsHelper } from './credentials-helper';
import { credentialTypes, loadPackage } from './package-loader';
import { createHarnessContext } from './run';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	httpCode?: number;
}

const TEST_NODE_TYPE = 'harness.credentialTest';

/**
 * A throwaway declarative node whose only parameter routes the credential's `test.request`: this
 * is how n8n itself tests a credential, so expressions in the request (`$credentials.…`) are
 * resolved by n8n-core's RoutingNode and the request goes out through
 * httpRequestWithAuthentication with the credential type's `authenticate` applied.
 */
function createTestNodeType(credentialType: string, test: ICredentialTestRequest): INodeType {
	return {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Sends a credential type’s test request',
			defaults: { name: 'Credential Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Test',
					name: 'test',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	};
}

function nodeTypesOf(nodeType: INodeType): INodeTypes {
	return {
		getByName: (): INodeType | IVersionedNodeType => nodeType,
		getByNameAndVersion: (_name, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
		getKnownTypes: (): IDataObject => ({}),
	};
}

function statusOf(error: unknown): number | undefined {
	const e = error as {
		httpCode?: unknown;
		cause?: { response?: { status?: unknown }; status?: unknown };
	};
	const candidates = [e?.cause?.response?.status, e?.cause?.status, e?.httpCode];
	for (const candidate of candidates) {
		const code = Number(candidate);
		if (Number.isInteger(code) && code >= 100 && code <= 599) return code;
	}
	return undefined;
}

/**
 * Test a credential like the editor's "Test" button: the type's `test.request` with its rules
 * (`responseCode`, `responseSuccessBody`). Only request-based tests are supported; the type must
 * belong to a package loaded with loadPackage().
 */
export async function testCredential(options: {
	type: string;
	data: Record<string, unknown>;
}): Promise<CredentialTestResult> {
	prepareCore();
	const { type } = options;
	// Like runNode for node types: the project's own credentials load on demand.
	if (!credentialTypes.recognizes(type)) await loadPackage();
	const credentialType = credentialTypes.getByName(type);
	const test = credentialType.test;
	if (!test) {
		throw new UnexpectedError(`Credential type "${type}" has no request-based test`);
	}

	const nodeType = createTestNodeType(type, test);
	const node: INode = {
		id: 'credential-test',
		name: 'Credential Test',
		type: TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: `harness-${type}`, name: `Harness ${type}` } },
	};
	const { additionalData } = await createHarnessContext(
		{ nodes: [], connections: {} },
		{ [type]: options.data },
		'internal',
	);
	const workflow = new Workflow({
		id: 'harness-credential-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(nodeType),
	});
	const workflowNode = workflow.getNode(node.name) ?? node;
	const helper = additionalData.credentialsHelper as HarnessCredentialsHelper;
	// Defaults applied the way a saved credential would have them.
	const data: ICredentialDataDecryptedObject = await helper.getDecrypted(
		additionalData,
		workflowNode.credentials![type],
		type,
	);
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: `harness-${type}`,
		name: `Harness ${type}`,
		type,
		data,
	};

	const context = new ExecuteContext(
		workflow,
		workflowNode,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node: workflowNode, data: {}, source: null },
		[],
	);

	let response: INodeExecutionData[][] | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const httpCode = statusOf(error);
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === httpCode) {
				return { status: 'Error', message: rule.properties.message, httpCode };
			}
		}
		const message = (error as Error).message ?? String(error);
		return { status: 'Error', message, ...(httpCode !== undefined ? { httpCode } : {}) };
	}

	const body = response?.[0]?.[0]?.json ?? {};
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const actual = rule.properties.key
			.split('.')
			.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], body);
		if (actual === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
