import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import {
	collectionBody,
	type FieldRule,
	itemContext,
	requireString,
	requireTimeZone,
	type ValidationContext,
} from '../../../shared/validation';
import { userModesByEmail } from '../../descriptions';
import { optionalUser, type UserChoice } from '../ticket/common';

/** The user to work on: picked from Gorgias, typed by ID, or given by email. */
export const userLocator: INodeProperties = {
	displayName: 'User',
	name: 'userId',
	description: 'The Gorgias user (agent) to work on',
	required: true,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	...userModesByEmail,
};

/** The roles a user can be given (bots and internal agents exist, but are not assignable). */
export const roleField: INodeProperties = {
	displayName: 'Role',
	name: 'role',
	type: 'options',
	default: 'agent',
	description: 'What the user may do in the helpdesk',
	options: [
		{ name: 'Admin', value: 'admin' },
		{ name: 'Agent', value: 'agent' },
		{ name: 'Basic Agent', value: 'basic-agent' },
		{ name: 'Lite Agent', value: 'lite-agent' },
		{ name: 'Observer Agent', value: 'observer-agent' },
	],
};

/** User fields that Create and Update both offer, defined once. */
export const userFieldOptions: INodeProperties[] = [
	{ displayName: 'Bio', name: 'bio', type: 'string', default: '' },
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'e.g. FR',
		description: 'Two-letter country code (ISO 3166-1 alpha-2)',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'ID of the user in your own system',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: 'en',
		description: 'Language of the helpdesk for this user',
		options: [
			{ name: 'English', value: 'en' },
			{ name: 'French', value: 'fr' },
		],
	},
	{
		displayName: 'Timezone Name or ID',
		name: 'timezone',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimezones' },
		default: '',
		description:
			'IANA time zone of the user (e.g. Europe/Paris). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

function requireCountry(ctx: ValidationContext, label: string, value: unknown): string {
	const code = requireString(ctx, label, value).toUpperCase();
	if (!/^[A-Z]{2}$/.test(code)) {
		throw invalidParameterError(
			ctx.node,
			label,
			'expected a two-letter country code',
			ctx.itemIndex,
		);
	}
	return code;
}

// Role and language are fixed lists that the router checks; the others are checked here.
const FIELD_RULES: Record<string, FieldRule> = {
	bio: { key: 'bio', label: 'Bio', check: requireString },
	country: { key: 'country', label: 'Country', check: requireCountry },
	externalId: { key: 'external_id', label: 'External ID', check: requireString },
	language: { key: 'language', label: 'Language', check: requireString },
	name: { key: 'name', label: 'Name', check: requireString },
	role: {
		key: 'role',
		label: 'Role',
		check: (ctx, label, value) => ({ name: requireString(ctx, label, value) }),
	},
	timezone: { key: 'timezone', label: 'Timezone Name or ID', check: requireTimeZone },
};

/** The Gorgias body of the chosen fields of a collection (`prefix` names the collection). */
export function userFields(
	ctx: ValidationContext,
	fields: IDataObject,
	prefix: string,
): IDataObject {
	return collectionBody(ctx, fields, prefix, FIELD_RULES) as IDataObject;
}

/** The User locator's choice, checked: an id, or an email to look up. */
export function userParameter(context: IExecuteFunctions, itemIndex: number): UserChoice {
	const user = optionalUser(
		context,
		itemIndex,
		context.getNodeParameter('userId', itemIndex, ''),
		'User',
	);
	if (user === undefined) {
		throw invalidParameterError(
			itemContext(context, itemIndex).node,
			'User',
			'a value is required',
			itemIndex,
		);
	}
	return user;
}
