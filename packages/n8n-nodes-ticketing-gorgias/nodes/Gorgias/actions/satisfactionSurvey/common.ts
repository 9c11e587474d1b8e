import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import {
	assumeUtc,
	requireBoolean,
	requireInteger,
	requireIsoDateTime,
	requireString,
	type ValidationContext,
} from '../../../shared/validation';
import { surveyModes } from '../../descriptions';
import { metaObject } from '../ticket/common';

/** The survey to work on: picked from the newest surveys or typed by ID. */
export const surveyLocator: INodeProperties = {
	displayName: 'Satisfaction Survey',
	name: 'surveyId',
	description: 'The satisfaction survey to work on',
	required: true,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	...surveyModes,
};

/** Survey fields that Create and Update both offer, defined once. */
export const surveyFieldOptions: INodeProperties[] = [
	{
		displayName: 'Comment',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: "The customer's comment (at most 1000 characters)",
	},
	{
		displayName: 'Do Not Send',
		name: 'doNotSend',
		type: 'boolean',
		default: false,
		description: 'Whether Gorgias should not send the survey to the customer',
	},
	{
		displayName: 'Meta',
		name: 'meta',
		type: 'json',
		default: '{}',
		description: 'Free key/value data stored on the survey',
	},
	{
		displayName: 'Score',
		name: 'score',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 5 },
		default: 5,
		description: "The customer's rating, from 1 (worst) to 5 (best)",
	},
	{
		displayName: 'Scored At',
		name: 'scoredDatetime',
		type: 'dateTime',
		default: '',
		description: 'When the customer rated (UTC when no offset is given)',
	},
	{
		displayName: 'Send At',
		name: 'shouldSendDatetime',
		type: 'dateTime',
		default: '',
		description: 'When Gorgias should send the survey (UTC when no offset is given)',
	},
	{
		displayName: 'Sent At',
		name: 'sentDatetime',
		type: 'dateTime',
		default: '',
		description: 'When the survey was sent (UTC when no offset is given)',
	},
];

const COMMENT_MAX = 1000;

const DATES: Array<[name: string, key: string, label: string]> = [
	['scoredDatetime', 'scored_datetime', 'Scored At'],
	['sentDatetime', 'sent_datetime', 'Sent At'],
	['shouldSendDatetime', 'should_send_datetime', 'Send At'],
];

/** The Gorgias body of the chosen survey fields (`prefix` names the collection). */
export function surveyFields(
	ctx: ValidationContext,
	fields: IDataObject,
	prefix: string,
): IDataObject {
	const body: IDataObject = {};
	const label = (name: string) => `${prefix} → ${name}`;
	if (fields.score !== undefined)
		body.score = requireInteger(ctx, label('Score'), fields.score, { min: 1, max: 5 });
	if (fields.bodyText !== undefined) {
		const text = requireString(ctx, label('Comment'), fields.bodyText);
		if (text.length > COMMENT_MAX) {
			throw invalidParameterError(
				ctx.node,
				label('Comment'),
				`expected at most ${COMMENT_MAX} characters but got ${text.length}`,
				ctx.itemIndex,
			);
		}
		body.body_text = text;
	}
	for (const [name, key, title] of DATES) {
		if (fields[name] === undefined || fields[name] === '') continue;
		body[key] = assumeUtc(requireIsoDateTime(ctx, label(title), fields[name]));
	}
	if (
		fields.doNotSend !== undefined &&
		requireBoolean(ctx, label('Do Not Send'), fields.doNotSend)
	) {
		if (body.should_send_datetime !== undefined) {
			throw invalidParameterError(
				ctx.node,
				label('Do Not Send'),
				'choose either Do Not Send or Send At',
				ctx.itemIndex,
			);
		}
		// Null is how Gorgias is told not to send the survey.
		body.should_send_datetime = null;
	}
	const meta = fields.meta === undefined ? undefined : metaObject(ctx, label('Meta'), fields.meta);
	if (meta) body.meta = meta;
	return body;
}
