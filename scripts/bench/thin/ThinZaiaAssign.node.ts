/* eslint-disable @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/icon-validation, @n8n/community-nodes/require-node-description-fields, @n8n/community-nodes/no-restricted-globals -- a benchmark floor loaded by the benchmark's n8n only, never packaged or shown to users */
/**
 * The floor for the pack's Zaia Assign in n8n: the thinnest node that does the same work
 * through the same n8n machinery, loaded by the benchmark's n8n from N8N_CUSTOM_EXTENSIONS
 * (never packaged). Per item it resolves the same two expressions with getNodeParameter and
 * sends the same PATCH through n8n's httpRequestWithAuthentication with the credential read
 * once, every item at once (no cap). No checks beyond what a request needs, no retries, no
 * output shaping: whatever the pack takes more than this is the pack's own cost.
 *
 * Two timings, as the pack offers them:
 * - checkFirst: every item's parameters are resolved before the first request (the pack's
 *   default, which sends nothing when any item is bad);
 * - streaming: each item's request goes out as soon as its own parameters are resolved (the
 *   pack's "Check Each Item Just Before Sending", and what n8n's HTTP Request node does).
 *
 * Type-only imports: n8n loads the compiled file in isolation, without this repository's
 * node_modules.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	NodeConnectionType,
} from 'n8n-workflow';

const MAIN = 'main' as NodeConnectionType;

export class ThinZaiaAssign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Thin Zaia Assign (benchmark floor)',
		name: 'thinZaiaAssign',
		group: ['transform'],
		version: 1,
		description: 'Benchmark floor: the least n8n work for a Zaia assign per item',
		defaults: { name: 'Thin Zaia Assign' },
		inputs: [MAIN],
		outputs: [MAIN],
		credentials: [{ name: 'zaiaApi', required: true }],
		properties: [
			{
				displayName: 'Timing',
				name: 'timing',
				type: 'options',
				default: 'checkFirst',
				options: [
					{ name: 'Resolve All Items First', value: 'checkFirst' },
					{ name: 'Send Each Item Once Resolved', value: 'streaming' },
				],
			},
			{ displayName: 'Ticket ID', name: 'ticketId', type: 'string', default: '' },
			{ displayName: 'Assignee ID', name: 'assigneeId', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const count = this.getInputData().length;
		const timing = this.getNodeParameter('timing', 0) as string;
		const data: ICredentialDataDecryptedObject = await this.getCredentials('zaiaApi');
		const reference = this.getNode().credentials?.zaiaApi;
		const credentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: 'zaiaApi',
			data,
		};
		const base = `${String(data.baseUrl).replace(/\/+$/, '')}/api/v1`;
		const resolve = (index: number) => ({
			ticketId: String(this.getNodeParameter('ticketId', index)),
			assigneeId: String(this.getNodeParameter('assigneeId', index)),
		});
		const send = async (item: { ticketId: string; assigneeId: string }) =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				'zaiaApi',
				{
					method: 'PATCH',
					url: `${base}/tickets/${item.ticketId}/assignee`,
					body: { assigneeId: item.assigneeId },
					json: true,
				},
				{ credentialsDecrypted },
			)) as IDataObject;
		const indices = Array.from({ length: count }, (_, index) => index);
		let answers: IDataObject[];
		if (timing === 'streaming') {
			// Each request is handed to the event loop before the next item is resolved, so it
			// goes out while n8n resolves the next ones (as the HTTP Request node's loop does).
			const pending: Array<Promise<IDataObject>> = [];
			for (const index of indices) {
				pending.push(send(resolve(index)));
				await new Promise<void>((next) => setImmediate(next));
			}
			answers = await Promise.all(pending);
		} else {
			const resolved = indices.map(resolve);
			answers = await Promise.all(resolved.map(send));
		}
		return [answers.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}
