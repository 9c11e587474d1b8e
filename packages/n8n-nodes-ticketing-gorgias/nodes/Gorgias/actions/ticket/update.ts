import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import {
	itemContext,
	requireBoolean,
	requireIsoDateTime,
	requireLanguageCode,
	requireString,
} from '../../../shared/validation';
import {
	assigneeTeamField,
	assigneeUserField,
	externalIdField,
	metaField,
	priorityField,
	statusField,
	subjectField,
	ticketLocator,
	unassignFields,
} from '../../descriptions';
import {
	customFieldEntries,
	customFieldsParameter,
	typedCustomFields,
	writeTicketFieldValues,
} from '../../customFields';
import { gorgiasRequest } from '../../transport';
import { assignmentBody, idParameter, metaObject, putTicket } from './common';

const properties: INodeProperties[] = [
	ticketLocator,
	customFieldsParameter(
		'Custom field values to set; the ticket keeps the values of every field not listed here',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			assigneeTeamField,
			assigneeUserField,
			externalIdField,
			{
				displayName: 'Language Name or ID',
				name: 'language',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getLanguages' },
				default: '',
				description:
					'Language of the ticket, as its ISO 639-1 code (e.g. fr). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			metaField,
			priorityField,
			{
				displayName: 'Snooze Until',
				name: 'snoozeDatetime',
				type: 'dateTime',
				default: '',
				description: 'Hide the ticket until this time',
			},
			{
				displayName: 'Spam',
				name: 'spam',
				type: 'boolean',
				default: false,
				description: 'Whether the ticket is spam',
			},
			statusField,
			subjectField,
			{
				displayName: 'Trash',
				name: 'trash',
				type: 'options',
				default: 'trash',
				options: [
					{ name: 'Move to Trash', value: 'trash' },
					{ name: 'Restore From Trash', value: 'restore' },
				],
			},
			...unassignFields,
			{
				displayName: 'Unread',
				name: 'isUnread',
				type: 'boolean',
				default: false,
				description: 'Whether to mark the ticket unread',
			},
		],
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const label = (name: string) => `Update Fields → ${name}`;
	const body: IDataObject = assignmentBody(this, itemIndex, fields, 'Update Fields → ');
	if (fields.status !== undefined) body.status = requireString(ctx, label('Status'), fields.status);
	if (fields.priority !== undefined)
		body.priority = requireString(ctx, label('Priority'), fields.priority);
	if (fields.subject !== undefined)
		body.subject = requireString(ctx, label('Subject'), fields.subject);
	if (fields.externalId !== undefined)
		body.external_id = requireString(ctx, label('External ID'), fields.externalId);
	if (fields.language !== undefined)
		body.language = requireLanguageCode(ctx, label('Language Name or ID'), fields.language);
	if (fields.spam !== undefined) body.spam = requireBoolean(ctx, label('Spam'), fields.spam);
	if (fields.isUnread !== undefined)
		body.is_unread = requireBoolean(ctx, label('Unread'), fields.isUnread);
	if (fields.snoozeDatetime !== undefined && fields.snoozeDatetime !== '') {
		body.snooze_datetime = requireIsoDateTime(ctx, label('Snooze Until'), fields.snoozeDatetime);
	}
	if (fields.trash !== undefined) {
		// Gorgias trashes by date and restores with null.
		body.trashed_datetime =
			requireString(ctx, label('Trash'), fields.trash) === 'trash'
				? new Date().toISOString()
				: null;
	}
	const meta = metaObject(ctx, label('Meta'), fields.meta);
	if (meta) body.meta = meta;
	const customFields = customFieldEntries(
		ctx,
		this.getNodeParameter('customFields', itemIndex, {}),
	);
	if (Object.keys(body).length === 0 && customFields.length === 0) {
		throw invalidParameterError(
			ctx.node,
			'Update Fields',
			'choose at least one field (or custom field) to change',
			itemIndex,
		);
	}
	return async () => {
		if (customFields.length > 0) {
			const changes = await typedCustomFields(this, ctx, customFields);
			await writeTicketFieldValues(this, ticketId, changes, itemIndex);
		}
		if (Object.keys(body).length > 0) return await putTicket(this, itemIndex, ticketId, body);
		return (await gorgiasRequest.call(this, 'GET', `/tickets/${ticketId}`, {
			itemIndex,
		})) as IDataObject;
	};
}
