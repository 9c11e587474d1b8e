import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { PollContext } from 'n8n-core';

import type { HarnessCredentials } from './credentials-helper';
import { nodeTypes } from './package-loader';
import { createHarnessContext } from './run';

export interface PollOptions {
	nodeType: string;
	parameters: INodeParameters;
	credentials: HarnessCredentials;
	/**
	 * The node's static data between polls, as n8n keeps it: pass the object returned by the
	 * previous poll to continue from its state. Default: a fresh, empty state.
	 */
	staticData?: IDataObject;
	/** The workflow's global static data (`getWorkflowStaticData('global')`). Default: empty. */
	globalStaticData?: IDataObject;
	/** 'trigger' for a scheduled poll, 'manual' for "Fetch test event". */
	mode?: Extract<WorkflowExecuteMode, 'trigger' | 'manual'>;
	/**
	 * The workflow's id: polls of one trigger in one workflow share it, as in n8n (the trigger
	 * keeps an in-process claim per workflow and node). Default: a new id for every poll.
	 */
	workflowId?: string;
	/** What n8n's scheduler grants one poll (getPollBudgetMs); n8n-core's default otherwise. */
	pollBudgetMs?: number;
}

export interface PollResult {
	/** Items emitted (main output), [] when the poll returned nothing. */
	items: INodeExecutionData[];
	/** The node's static data after the poll (the same object that was passed in). */
	staticData: IDataObject;
	/** The workflow's global static data after the poll. */
	globalStaticData: IDataObject;
	/** The error the poll threw, if any. */
	error?: Error;
}

const NODE_NAME = 'Trigger under test';

/**
 * Runs one poll of a polling trigger through n8n-core's real PollContext, the way n8n's
 * scheduler calls `poll()`: credentials, static data and the mode come from the context.
 */
export async function runPoll(options: PollOptions): Promise<PollResult> {
	const staticData = options.staticData ?? {};
	const node = {
		id: 'trigger-under-test',
		name: NODE_NAME,
		type: options.nodeType,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [
				type,
				{ id: `harness-${type}`, name: `Harness ${type}` },
			]),
		),
	};
	const mode = options.mode ?? 'trigger';
	const { workflow, additionalData } = await createHarnessContext(
		{
			id: options.workflowId ?? `harness-poll-${randomUUID()}`,
			nodes: [node],
			connections: {},
			staticData: {
				[`node:${NODE_NAME}`]: staticData,
				global: options.globalStaticData ?? {},
			},
		},
		options.credentials,
		mode,
	);
	const workflowNode = workflow.getNode(NODE_NAME) ?? node;
	// n8n resolves node parameters (defaults included) before polling.
	const budget = options.pollBudgetMs;
	const context = new PollContext(
		workflow,
		workflowNode,
		additionalData,
		mode,
		mode === 'manual' ? 'manual' : 'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		undefined,
		budget === undefined ? undefined : () => budget,
	);
	const nodeType = nodeTypes.getByNameAndVersion(options.nodeType);
	if (!nodeType.poll) throw new Error(`${options.nodeType} is not a polling trigger`);
	try {
		const output = await nodeType.poll.call(context);
		return {
			items: output?.[0] ?? [],
			staticData: workflow.staticData[`node:${NODE_NAME}`] as IDataObject,
			globalStaticData: workflow.getStaticData('global'),
		};
	} catch (error) {
		return {
			items: [],
			staticData: workflow.staticData[`node:${NODE_NAME}`] as IDataObject,
			globalStaticData: workflow.getStaticData('global'),
			error: error as Error,
		};
	}
}
