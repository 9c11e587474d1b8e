import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollOnce, triggerOptions } from '../shared/trigger';
import { toList } from '../shared/validation';
import { gurusupPollSource } from './trigger';

export class GuruSupTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GuruSup Trigger',
		name: 'guruSupTrigger',
		icon: { light: 'file:../../icons/gurusup.svg', dark: 'file:../../icons/gurusup.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description: 'Starts the workflow when a new ticket appears in GuruSup',
		defaults: { name: 'GuruSup Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'guruSupApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'newTicket',
				options: [
					{ name: 'New Ticket', value: 'newTicket', description: 'A ticket appeared in the inbox' },
				],
				description:
					'GuruSup documents no status or update time, so new tickets are the one event it allows',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Agent IDs',
						name: 'agentIds',
						type: 'string',
						default: '',
						description: 'Only tickets handled by these agents (comma-separated agent IDs)',
					},
				],
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: false,
				description: "Whether to return the shared ticket shape instead of GuruSup's own object",
			},
			triggerOptions(false),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const check = { node: this.getNode(), itemIndex: 0 };
		return await pollOnce.call(
			this,
			gurusupPollSource(this, {
				agentIds: toList(check, 'Filters → Agent IDs', filters.agentIds),
				simplify: this.getNodeParameter('simplify', false) as boolean,
			}),
		);
	}
}
