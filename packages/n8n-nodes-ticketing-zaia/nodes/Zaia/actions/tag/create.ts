import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireString } from '../../../shared/validation';
import { zaiaRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. refund',
		description: 'Name of the new tag',
	},
	{
		displayName: 'Color',
		name: 'color',
		type: 'options',
		default: '0',
		description: "One of Zaia's ten tag colors, numbered 0 to 9",
		options: [
			{ name: '0', value: '0' },
			{ name: '1', value: '1' },
			{ name: '2', value: '2' },
			{ name: '3', value: '3' },
			{ name: '4', value: '4' },
			{ name: '5', value: '5' },
			{ name: '6', value: '6' },
			{ name: '7', value: '7' },
			{ name: '8', value: '8' },
			{ name: '9', value: '9' },
		],
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'What the tag is for. Left empty, it is sent as null.',
	},
];

const displayOptions = { show: { resource: ['tag'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const check = itemContext(this, itemIndex);
	const name = requireString(check, 'Name', this.getNodeParameter('name', itemIndex, '')).trim();
	const color = String(this.getNodeParameter('color', itemIndex, '0'));
	const text = String(this.getNodeParameter('description', itemIndex, '') ?? '').trim();
	// MindCloud's copy of Zaia's OpenAPI marks all three as required and types the color as text.
	const body: IDataObject = { name, description: text === '' ? null : text, color };
	return async () =>
		(await zaiaRequest.call(this, 'POST', '/tags', { body, itemIndex })) as IDataObject;
}
