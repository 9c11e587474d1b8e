import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	collectionBody,
	type FieldRule,
	requireEmail,
	requireLanguageCode,
	requireString,
	requireTimeZone,
	type ValidationContext,
} from '../../../shared/validation';
import { customerModes } from '../../descriptions';
import { gorgiasPage, gorgiasRequest } from '../../transport';

/** The customer to work on: picked from Gorgias or typed by ID. */
export const customerLocator: INodeProperties = {
	displayName: 'Customer',
	name: 'customerId',
	description: 'The customer to work on',
	required: true,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	...customerModes,
};

/** Customer fields that Create and Update both offer, defined once. */
export const customerFieldOptions: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'ID of the customer in your own system',
	},
	{ displayName: 'First Name', name: 'firstname', type: 'string', default: '' },
	{
		displayName: 'Language Name or ID',
		name: 'language',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLanguages' },
		default: '',
		description:
			'The language the customer writes in, as its ISO 639-1 code (e.g. fr). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{ displayName: 'Last Name', name: 'lastname', type: 'string', default: '' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Full name' },
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'A note agents see on the customer',
	},
	{
		displayName: 'Timezone Name or ID',
		name: 'timezone',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimezones' },
		default: '',
		description:
			'IANA time zone of the customer (e.g. Europe/Paris). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

// Language and time zone lists are loaded, not fixed, so the router's choice check does not
// cover them: they are checked here, the same way whether picked or set by an expression.
const FIELD_RULES: Record<string, FieldRule> = {
	externalId: { key: 'external_id', label: 'External ID', check: requireString },
	firstname: { key: 'firstname', label: 'First Name', check: requireString },
	language: { key: 'language', label: 'Language Name or ID', check: requireLanguageCode },
	lastname: { key: 'lastname', label: 'Last Name', check: requireString },
	name: { key: 'name', label: 'Name', check: requireString },
	note: { key: 'note', label: 'Note', check: requireString },
	timezone: { key: 'timezone', label: 'Timezone Name or ID', check: requireTimeZone },
};

/** The Gorgias body of the chosen fields of a collection (`prefix` names the collection). */
export function customerFields(
	ctx: ValidationContext,
	fields: IDataObject,
	prefix: string,
): IDataObject {
	return collectionBody(ctx, fields, prefix, FIELD_RULES) as IDataObject;
}

/** The email, checked, when the collection holds one. */
export function optionalEmail(
	ctx: ValidationContext,
	label: string,
	value: unknown,
): string | undefined {
	return value === undefined ? undefined : requireEmail(ctx, label, value);
}

/**
 * Creates (POST) or updates (PUT) a customer. Gorgias answers 409 when the email is already
 * another customer's, without saying whose: that customer is looked up by email, so the error
 * can name it.
 */
export async function saveCustomer(
	context: IExecuteFunctions,
	itemIndex: number,
	request: { method: 'POST' | 'PUT'; path: string; body: IDataObject; email?: string },
): Promise<IDataObject> {
	const { method, path, body, email } = request;
	const outcome = await gorgiasRequest
		.call(context, method, path, {
			body,
			itemIndex,
			// A create is not repeated after a lost answer: it could create the customer twice.
			retrySafe: method !== 'POST',
		})
		.then(
			(value) => ({ value: value as IDataObject }),
			(error: unknown) => ({ error }),
		);
	if ('value' in outcome) return outcome.value;
	const { error } = outcome;
	if (error instanceof NodeApiError && error.httpCode === '409' && email) {
		const owner = await ownerOf(context, itemIndex, email);
		if (owner !== undefined) {
			error.message = `${error.message} (the email ${email} belongs to customer ${owner})`;
			error.description =
				`Use Customer → Update on customer ${owner}, or another email. ${error.description ?? ''}`.trim();
		}
	}
	throw error as NodeApiError;
}

/** The id of the customer whose email this is; undefined when the lookup finds none or fails. */
async function ownerOf(
	context: IExecuteFunctions,
	itemIndex: number,
	email: string,
): Promise<string | undefined> {
	// The original 409 says more than a failed lookup would: a lookup error is not shown.
	const page = await gorgiasPage
		.call(context, '/customers', { email, limit: 1 }, undefined, itemIndex)
		.catch(() => undefined);
	const id = page?.items[0]?.id;
	return id === undefined || id === null ? undefined : String(id);
}
