import type {
	IBinaryKeyData,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Node types that exist only inside the harness. They are fixtures around the node under test,
 * never the thing being tested.
 */

/** Type name of the start node that feeds the test's items into the workflow. */
export const TEST_ITEMS_NODE_TYPE = 'harness.testItems';

/**
 * Stand-in for n8n's Manual Trigger (n8n-nodes-base is not installed and is far too heavy to add):
 * the harness places the test items on the execution stack as this node's input, and it emits
 * them unchanged, each paired with its own index like a trigger's output.
 */
const testItemsNode: INodeType = {
	description: {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['trigger'],
		version: 1,
		description: 'Emits the items given to the test harness',
		defaults: { name: 'Test Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			// Files given as base64 are stored the way a real node stores them (n8n's binary
			// data service), so the node under test reads them through the same helpers.
			let binary: IBinaryKeyData | undefined;
			for (const [name, file] of Object.entries(item.binary ?? {})) {
				binary ??= {};
				binary[name] = await this.helpers.prepareBinaryData(
					Buffer.from(file.data, 'base64'),
					file.fileName,
					file.mimeType,
				);
			}
			output.push({ json: item.json, ...(binary ? { binary } : {}), pairedItem: { item: index } });
		}
		return [output];
	},
};

/** Type name of a node that adds one file to every item, where a real workflow downloads one. */
export const ATTACH_FILE_NODE_TYPE = 'harness.attachFile';

const attachFileNode: INodeType = {
	description: {
		displayName: 'Attach File',
		name: 'attachFile',
		group: ['transform'],
		version: 1,
		description: 'Adds the file given in its parameters to every item, as binary property "data"',
		defaults: { name: 'Attach File' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Base64', name: 'base64', type: 'string', default: '' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'file' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: '' },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			const data = await this.helpers.prepareBinaryData(
				Buffer.from(this.getNodeParameter('base64', index) as string, 'base64'),
				this.getNodeParameter('fileName', index) as string,
				(this.getNodeParameter('mimeType', index) as string) || undefined,
			);
			output.push({ json: {}, binary: { ...item.binary, data }, pairedItem: { item: index } });
		}
		return [output];
	},
};

/**
 * Type name of a node that answers `{ text }` for every item, where an example has an AI model
 * step (a language model cannot run offline): its Text parameter, an expression, is the answer.
 */
export const TEXT_ANSWER_NODE_TYPE = 'harness.textAnswer';

const textAnswerNode: INodeType = {
	description: {
		displayName: 'Text Answer',
		name: 'textAnswer',
		group: ['transform'],
		version: 1,
		description: 'Answers { text } for every item, like an LLM chain does',
		defaults: { name: 'Text Answer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Text', name: 'text', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_item, index) => ({
				json: { text: this.getNodeParameter('text', index) as string },
				pairedItem: { item: index },
			})),
		];
	},
};

export const harnessNodeTypes: Record<string, INodeType> = {
	[TEST_ITEMS_NODE_TYPE]: testItemsNode,
	[ATTACH_FILE_NODE_TYPE]: attachFileNode,
	[TEXT_ANSWER_NODE_TYPE]: textAnswerNode,
};
