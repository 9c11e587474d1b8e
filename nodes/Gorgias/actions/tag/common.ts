import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import { requireString, type ValidationContext } from '../../../shared/validation';
import { tagModes } from '../../descriptions';

/** The tag to work on: picked from Gorgias (searched by name) or typed by ID. */
export const tagLocator: INodeProperties = {
	displayName: 'Tag',
	name: 'tagId',
	description: 'The tag to work on',
	required: true,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	...tagModes,
};

/** Tag fields that Create and Update both offer, defined once. */
export const tagFieldOptions: INodeProperties[] = [
	{
		displayName: 'Color',
		name: 'color',
		type: 'color',
		default: '',
		description: 'Color of the tag in the helpdesk, as #RRGGBB',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'What the tag is for (at most 1024 characters)',
	},
];

const NAME_MAX = 256;
const DESCRIPTION_MAX = 1024;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** A tag name, checked against Gorgias' length limit. */
export function tagName(ctx: ValidationContext, label: string, value: unknown): string {
	const name = requireString(ctx, label, value).trim();
	if (name === '' || name.length > NAME_MAX) {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected a name of 1 to ${NAME_MAX} characters`,
			ctx.itemIndex,
		);
	}
	return name;
}

/** The Gorgias body of the chosen Color and Description (`prefix` names the collection). */
export function tagFields(
	ctx: ValidationContext,
	fields: IDataObject,
	prefix: string,
): IDataObject {
	const body: IDataObject = {};
	if (fields.description !== undefined) {
		const label = `${prefix} → Description`;
		const description = requireString(ctx, label, fields.description);
		if (description.length > DESCRIPTION_MAX) {
			throw invalidParameterError(
				ctx.node,
				label,
				`expected at most ${DESCRIPTION_MAX} characters but got ${description.length}`,
				ctx.itemIndex,
			);
		}
		body.description = description;
	}
	if (fields.color !== undefined) {
		const label = `${prefix} → Color`;
		const color = requireString(ctx, label, fields.color).trim();
		if (!COLOR.test(color)) {
			throw invalidParameterError(
				ctx.node,
				label,
				`expected a color as #RRGGBB (e.g. #eb144c) but got "${color.slice(0, 40)}"`,
				ctx.itemIndex,
			);
		}
		body.decoration = { color };
	}
	return body;
}
