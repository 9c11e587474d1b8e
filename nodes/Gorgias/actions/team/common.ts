import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { requireString, toList, type ValidationContext } from '../../../shared/validation';
import { teamModes } from '../../descriptions';
import { requireGorgiasId } from '../ticket/common';

/** The team to work on: picked from Gorgias or typed by ID. */
export const teamLocator: INodeProperties = {
	displayName: 'Team',
	name: 'teamId',
	description: 'The team to work on',
	required: true,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	...teamModes,
};

/** Team fields that Create and Update both offer, defined once. */
export const teamFieldOptions: INodeProperties[] = [
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '',
		placeholder: 'e.g. 🚀',
		description: 'Shown beside the team name in the helpdesk',
	},
	{
		displayName: 'Member IDs',
		name: 'memberIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12, 34',
		description:
			'IDs of the users in the team, comma-separated or a list from an expression; the list replaces the current members',
	},
];

/** The Gorgias body of the chosen fields of a collection (`prefix` names the collection). */
export function teamFields(
	ctx: ValidationContext,
	fields: IDataObject,
	prefix: string,
): IDataObject {
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = requireString(ctx, `${prefix} → Name`, fields.name);
	if (fields.description !== undefined)
		body.description = requireString(ctx, `${prefix} → Description`, fields.description);
	if (fields.emoji !== undefined)
		body.decoration = { emoji: requireString(ctx, `${prefix} → Emoji`, fields.emoji) };
	if (fields.memberIds !== undefined) {
		const label = `${prefix} → Member IDs`;
		body.members = toList(ctx, label, fields.memberIds).map((id) => ({
			id: requireGorgiasId(ctx, label, id),
		}));
	}
	return body;
}
