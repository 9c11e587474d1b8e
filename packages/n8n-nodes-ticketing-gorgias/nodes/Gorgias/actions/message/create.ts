import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireEmail, requirePhone, requireString } from '../../../shared/validation';
import { attachmentParameters, attachmentRequest, uploadAttachments } from '../../attachments';
import { ticketLocator, userModes } from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { buildMessage, type MessageChannel } from './common';

const properties: INodeProperties[] = [
	ticketLocator,
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		default: 'internalNote',
		options: [
			{ name: 'Internal Note', value: 'internalNote', description: 'Visible to agents only' },
			{
				name: 'Reply to Customer',
				value: 'reply',
				description: 'Sent to the customer on the chosen channel',
			},
		],
	},
	{
		displayName: 'Reply Channel',
		name: 'replyChannel',
		type: 'options',
		default: 'email',
		options: [
			{ name: 'Chat', value: 'chat' },
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms' },
		],
		displayOptions: { show: { kind: ['reply'] } },
	},
	{
		displayName: 'Sender (User)',
		name: 'senderUser',
		description: 'The Gorgias user who writes it',
		required: true,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...userModes,
	},
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Where the reply goes',
		displayOptions: { show: { kind: ['reply'], replyChannel: ['chat', 'email'] } },
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		placeholder: '+14155550100',
		default: '',
		displayOptions: { show: { kind: ['reply'], replyChannel: ['sms'] } },
	},
	{
		displayName: 'Support Email',
		name: 'supportEmail',
		type: 'string',
		placeholder: 'support@yourshop.com',
		default: '',
		description: 'Your helpdesk address the reply is sent from',
		displayOptions: { show: { kind: ['reply'], replyChannel: ['email'] } },
	},
	{
		displayName: 'Support Phone Number',
		name: 'supportPhone',
		type: 'string',
		placeholder: '+14155550199',
		default: '',
		displayOptions: { show: { kind: ['reply'], replyChannel: ['sms'] } },
	},
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
	},
	...attachmentParameters,
];

const displayOptions = { show: { resource: ['message'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const senderUserId = idParameter(this, itemIndex, 'senderUser', 'Sender (User)');
	const kind = this.getNodeParameter('kind', itemIndex, 'internalNote') as string;
	const param = (name: string) => this.getNodeParameter(name, itemIndex, '') as unknown;
	const bodyText = requireString(ctx, 'Message', param('body'));
	let message: IDataObject;
	if (kind === 'internalNote') {
		message = buildMessage({
			channel: 'internal-note',
			direction: 'outgoing',
			bodyText,
			senderUserId,
		});
	} else if (kind === 'reply') {
		const channel = requireString(ctx, 'Reply Channel', param('replyChannel')) as MessageChannel;
		const sms = channel === 'sms';
		message = buildMessage({
			channel,
			direction: 'outgoing',
			bodyText,
			senderUserId,
			customerEmail: sms ? undefined : requireEmail(ctx, 'Customer Email', param('customerEmail')),
			customerPhone: sms ? requirePhone(ctx, 'Customer Phone', param('customerPhone')) : undefined,
			supportAddress: sms
				? requirePhone(ctx, 'Support Phone Number', param('supportPhone'))
				: channel === 'email'
					? requireEmail(ctx, 'Support Email', param('supportEmail'))
					: undefined,
		});
	} else {
		throw invalidParameterError(ctx.node, 'Kind', `unknown kind "${kind}"`, itemIndex);
	}
	const files = attachmentRequest(this, itemIndex, ctx);
	return async () => {
		const attachments = await uploadAttachments(this, ctx, files);
		return (await gorgiasRequest.call(this, 'POST', `/tickets/${ticketId}/messages`, {
			body: attachments.length ? { ...message, attachments } : message,
			itemIndex,
			// A reply must never go out twice.
			retrySafe: false,
		})) as IDataObject;
	};
}
