import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import type {
	IBinaryKeyData,
	IConnections,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, deepCopy, UnexpectedError, Workflow } from 'n8n-workflow';

import { prepareCore } from './core';
import type { HarnessCredentials } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import { TEST_ITEMS_NODE_TYPE } from './harness-nodes';
import { credentialTypes, ensureNodeTypeLoaded, nodeTypes } from './package-loader';

export interface HarnessWorkflow {
	nodes: INode[];
	connections: IConnections;
	/** Defaults to `{ executionOrder: 'v1' }`, what new n8n workflows use. */
	settings?: IWorkflowSettings;
	/** Workflow static data (e.g. a trigger's saved state). */
	staticData?: IDataObject;
	/** Default 'harness-workflow'. */
	id?: string;
}

export interface RunOptions {
	node: {
		type: string;
		parameters: INodeParameters;
		/** Default: the node type's latest version. */
		typeVersion?: number;
		/** Default: the node type's default name, as the editor would name it. */
		name?: string;
		/** Sets n8n's node setting `onError: 'continueRegularOutput'`. */
		continueOnFail?: boolean;
		/** Default: one entry per key of `credentials` that the node type declares. */
		credentials?: INodeCredentials;
	};
	/** Input items fed to the node under test. Default: one empty item `{}`. */
	items?: IDataObject[];
	/** Files of the input items, by item index and binary property name. */
	files?: Array<Record<string, HarnessFile>>;
	credentials: HarnessCredentials;
}

/** A file given to a test item: base64 bytes, stored by the harness like n8n stores files. */
export interface HarnessFile {
	data: string;
	fileName?: string;
	mimeType?: string;
}

export interface RunResultError {
	message: string;
	description?: string | null;
	httpCode?: string | null;
	itemIndex?: number;
	name: string;
	/** The error object n8n recorded, for anything not surfaced above. */
	raw: unknown;
}

export interface RunResult {
	/** Output of the node under test (main[0]); [] if it failed. */
	items: INodeExecutionData[];
	/** Error of the node under test, if any. */
	error?: RunResultError;
	/** The full run, for deeper assertions. */
	run: IRun;
	/** Credential reads n8n made during the run (a database read and a decryption each). */
	credentialReads: number;
}

/** Name of the start node runNode puts before the node under test. */
export const TEST_ITEMS_NODE_NAME = 'Test Items';

let executionCounter = 0;

/**
 * What the n8n server would pass to the engine, minus its services. Only the fields the engine
 * and node helpers actually touch are real; the rest (sub-workflows, task runners, AI agents)
 * throw, so a test that reaches them fails loudly instead of silently doing nothing.
 */
function createAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks: ExecutionLifecycleHooks | undefined,
	executionId: string,
	currentNodeParameters?: INodeParameters,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async (): Promise<never> => {
		throw new UnexpectedError(`The test harness does not support ${what}`);
	};
	const baseUrl = 'http://localhost:5678';
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeParameters,
		currentNodeExecutionIndex: 0,
		executeWorkflow: unsupported('sub-workflow execution'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('task runners (Code node)'),
		logAiEvent: () => undefined,
		externalSecretsProxy: new ExternalSecretsProxy(),
		variables: {},
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: baseUrl,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
	};
}

export interface HarnessContext {
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: HarnessCredentialsHelper;
	hooks: ExecutionLifecycleHooks;
}

/**
 * Build the engine's view of a workflow: loads the packages its node types come from, a
 * Workflow over them, a credentials helper over the test's credentials, and real lifecycle hooks.
 * Exported for contexts other than a full run (e.g. poll triggers).
 */
export async function createHarnessContext(
	workflow: HarnessWorkflow,
	credentials: HarnessCredentials,
	mode: WorkflowExecuteMode = 'manual',
	currentNodeParameters?: INodeParameters,
): Promise<HarnessContext> {
	prepareCore();
	for (const node of workflow.nodes) await ensureNodeTypeLoaded(node.type);

	const executionId = `harness-${++executionCounter}`;
	const settings = workflow.settings ?? { executionOrder: 'v1' };
	const workflowInstance = new Workflow({
		id: workflow.id ?? 'harness-workflow',
		name: 'Harness workflow',
		nodes: workflow.nodes,
		connections: workflow.connections,
		active: false,
		nodeTypes,
		settings,
		staticData: workflow.staticData,
	});
	const workflowData: IWorkflowBase = {
		id: workflowInstance.id,
		name: workflowInstance.name ?? '',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings,
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, credentials);
	const additionalData = createAdditionalData(
		credentialsHelper,
		hooks,
		executionId,
		currentNodeParameters,
	);
	return { workflow: workflowInstance, additionalData, credentialsHelper, hooks };
}

/**
 * Run a workflow through n8n-core's WorkflowExecute. The start node is the harness
 * `harness.testItems` node if there is one, otherwise n8n's own choice of start node; it receives
 * `startItems` (default: one empty item) as its input.
 */
export async function runWorkflow(
	workflow: HarnessWorkflow,
	credentials: HarnessCredentials,
	startItems: IDataObject[] = [{}],
	files: Array<Record<string, HarnessFile>> = [],
	inspect?: (credentialsHelper: HarnessCredentialsHelper) => void,
): Promise<IRun> {
	const {
		workflow: workflowInstance,
		additionalData,
		credentialsHelper,
	} = await createHarnessContext(workflow, credentials);
	inspect?.(credentialsHelper);
	const startNode =
		workflow.nodes.find((node) => node.type === TEST_ITEMS_NODE_TYPE) ??
		workflowInstance.getStartNode();
	if (!startNode) throw new UnexpectedError('The workflow has no node to start from');

	// Items go onto the execution stack as data, never through node parameters: parameters are
	// expression-evaluated, and a test item containing "={{ ... }}" must stay a plain string.
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflowInstance.getNode(startNode.name) ?? startNode,
					data: {
						main: [
							deepCopy(startItems).map((json, index) =>
								files[index]
									? { json, binary: files[index] as unknown as IBinaryKeyData }
									: { json },
							),
						],
					},
					source: null,
				},
			],
		},
	});
	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	return await workflowExecute.processRunExecutionData(workflowInstance);
}

function latestVersion(version: number | number[]): number {
	return Array.isArray(version) ? Math.max(...version) : version;
}

function toRunResultError(error: unknown): RunResultError {
	const e = (error ?? {}) as {
		message?: unknown;
		description?: string | null;
		httpCode?: string | null;
		name?: unknown;
		context?: { itemIndex?: number };
	};
	return {
		message: typeof e.message === 'string' ? e.message : String(error),
		description: e.description,
		httpCode: e.httpCode,
		itemIndex: e.context?.itemIndex,
		name: typeof e.name === 'string' ? e.name : 'Error',
		raw: error,
	};
}

/** Run one node: `harness.testItems` (emitting `items`) → the node under test. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const { node, credentials } = options;
	await ensureNodeTypeLoaded(node.type);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const { description } = nodeType;
	const name = node.name ?? description.defaults.name ?? description.displayName;

	let nodeCredentials = node.credentials;
	if (nodeCredentials === undefined) {
		const declared = (description.credentials ?? []).map((credential) => credential.name);
		nodeCredentials = {};
		for (const type of Object.keys(credentials)) {
			if (declared.length > 0 && !declared.includes(type)) continue;
			nodeCredentials[type] = { id: `harness-${type}`, name: `Harness ${type}` };
		}
	}

	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name,
		type: node.type,
		typeVersion: node.typeVersion ?? latestVersion(description.version),
		position: [200, 0],
		parameters: node.parameters,
		credentials: nodeCredentials,
		...(node.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const trigger: INode = {
		id: 'harness-test-items',
		name: TEST_ITEMS_NODE_NAME,
		type: TEST_ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	let credentialsHelper: HarnessCredentialsHelper | undefined;
	const run = await runWorkflow(
		{
			nodes: [trigger, nodeUnderTest],
			connections: {
				[TEST_ITEMS_NODE_NAME]: { main: [[{ node: name, type: 'main', index: 0 }]] },
			},
		},
		credentials,
		options.items ?? [{}],
		options.files,
		(helper) => (credentialsHelper = helper),
	);

	const { resultData } = run.data;
	const taskData = resultData.runData[name]?.[0];
	let rawError: unknown = taskData?.error;
	// An error raised before the node's task data existed is only on the run.
	if (rawError === undefined && resultData.error && resultData.lastNodeExecuted === name) {
		rawError = resultData.error;
	}
	return {
		items: taskData?.data?.main?.[0] ?? [],
		...(rawError !== undefined ? { error: toRunResultError(rawError) } : {}),
		run,
		credentialReads: credentialsHelper?.reads.length ?? 0,
	};
}
