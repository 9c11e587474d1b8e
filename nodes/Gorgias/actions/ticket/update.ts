import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { requireBoolean, requireIsoDateTime, requireString } from '../../../shared/validation';
import { onTicket, ticketFieldOptions } from '../../descriptions';
import { check, idParameter, optionalId, putTicket } from '../common';
import { metaObject } from './create';

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: onTicket(['update']),
		options: [
			ticketFieldOptions.assigneeTeam,
			ticketFieldOptions.assigneeUser,
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'json',
				default: '[]',
				description:
					'Custom field values as Gorgias expects them, e.g. [{"ID": 12, "value": "VIP"}]',
			},
			ticketFieldOptions.externalId,
			{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'en' },
			ticketFieldOptions.meta,
			ticketFieldOptions.priority,
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
			ticketFieldOptions.status,
			ticketFieldOptions.subject,
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
			{
				displayName: 'Unassign Team',
				name: 'unassignTeam',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the assigned team',
			},
			{
				displayName: 'Unassign User',
				name: 'unassignUser',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the assigned user',
			},
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

/** Assignment fields shared by Update and Assign: an id, or null to unassign. */
export function assignmentBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	labelPrefix: string,
): IDataObject {
	const ctx = check(context, itemIndex);
	const body: IDataObject = {};
	const userId = optionalId(context, itemIndex, fields.assigneeUser, `${labelPrefix}Assignee User`);
	const teamId = optionalId(context, itemIndex, fields.assigneeTeam, `${labelPrefix}Assignee Team`);
	const unassignUser =
		fields.unassignUser !== undefined &&
		requireBoolean(ctx, `${labelPrefix}Unassign User`, fields.unassignUser);
	const unassignTeam =
		fields.unassignTeam !== undefined &&
		requireBoolean(ctx, `${labelPrefix}Unassign Team`, fields.unassignTeam);
	if (userId !== undefined && unassignUser) {
		throw invalidParameterError(
			ctx.node,
			`${labelPrefix}Unassign User`,
			'cannot assign and unassign a user at once',
			itemIndex,
		);
	}
	if (teamId !== undefined && unassignTeam) {
		throw invalidParameterError(
			ctx.node,
			`${labelPrefix}Unassign Team`,
			'cannot assign and unassign a team at once',
			itemIndex,
		);
	}
	if (userId !== undefined) body.assignee_user = { id: userId };
	else if (unassignUser) body.assignee_user = null;
	if (teamId !== undefined) body.assignee_team = { id: teamId };
	else if (unassignTeam) body.assignee_team = null;
	return body;
}

function jsonArray(
	ctx: ReturnType<typeof check>,
	label: string,
	value: unknown,
): IDataObject[] | undefined {
	if (value === undefined || value === '') return undefined;
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw invalidParameterError(ctx.node, label, 'not valid JSON', ctx.itemIndex);
		}
	}
	if (!Array.isArray(parsed))
		throw invalidParameterError(ctx.node, label, 'expected a JSON list', ctx.itemIndex);
	return parsed.length ? (parsed as IDataObject[]) : undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = check(this, itemIndex);
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
		body.language = requireString(ctx, label('Language'), fields.language);
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
	const customFields = jsonArray(ctx, label('Custom Fields'), fields.customFields);
	if (customFields) body.custom_fields = customFields;
	if (Object.keys(body).length === 0) {
		throw invalidParameterError(
			ctx.node,
			'Update Fields',
			'choose at least one field to change',
			itemIndex,
		);
	}
	return async () => await putTicket(this, itemIndex, ticketId, body);
}
