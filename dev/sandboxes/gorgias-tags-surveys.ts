import { z } from 'zod';

import type { SandboxRequest, SandboxResponse } from './framework';
import { ok } from './framework';
import type { EndpointSpec } from './gorgias';
import type { GorgiasSatisfactionSurvey, GorgiasState, GorgiasTag } from './gorgias-data';
import {
	addFieldError,
	gorgiasError,
	invalidRequest,
	parseDatetimeMicros,
	toGorgiasDatetime,
} from './gorgias-data';
import type { CursorCodec } from './gorgias-paging';
import { pageShape, paginateCursor } from './gorgias-paging';
import { queryInt } from './validation';

/*
 * Tags and satisfaction surveys (contract: gorgias-daily.md §6 and §8, gorgias-extended.md §5).
 * - Tags: name required on create (≤ 256), description ≤ 1024 or null, `decoration` null or
 *   `{color: "#RRGGBB"}` (color required inside it). Create 201, update 202, delete 204, merge
 *   202 with the destination tag. Names are unique case-insensitively (as the ticket tagging
 *   endpoints treat them): a second tag of the same name is a 400. Deleting a tag takes it off
 *   every ticket; a merge moves the sources' tickets to the destination, then deletes the
 *   sources. Each but update records `tag-created|deleted|merged` (object `Tag`; no
 *   `tag-updated` type is documented).
 * - Surveys: create needs `customer_id` and `ticket_id` (an existing ticket and customer; one
 *   survey per ticket, a second one is a 400); `score` 1–5 or null, `body_text` ≤ 1000 or null.
 *   Create 201, update 200. Whether Gorgias records `satisfaction-survey-responded` when an API
 *   client writes a score is unknown: here only the customer's answer (`answerSurvey`) does.
 */

export const GORGIAS_TAG_SURVEY_ROUTES = {
	listTags: 'GET /api/tags',
	getTag: 'GET /api/tags/:id',
	createTag: 'POST /api/tags',
	updateTag: 'PUT /api/tags/:id',
	deleteTag: 'DELETE /api/tags/:id',
	mergeTags: 'PUT /api/tags/:id/merge',
	listSurveys: 'GET /api/satisfaction-surveys',
	getSurvey: 'GET /api/satisfaction-surveys/:id',
	createSurvey: 'POST /api/satisfaction-surveys',
	updateSurvey: 'PUT /api/satisfaction-surveys/:id',
} as const;

/** What the routes need of the sandbox. */
export interface TagSurveyHost {
	state: GorgiasState;
	cursors: CursorCodec;
	endpoint<Q extends z.ZodTypeAny, B extends z.ZodTypeAny>(
		key: string,
		spec: EndpointSpec<Q, B>,
	): void;
	actorId(headers: SandboxRequest['headers']): number | null;
}

const TAG_ORDERS = [
	'created_datetime:asc',
	'created_datetime:desc',
	'name:asc',
	'name:desc',
	'usage:asc,name:asc',
	'usage:desc,name:desc',
] as const;

const listTagsQuery = z
	.object({
		...pageShape,
		search: z.string().optional(),
		order_by: z.enum(TAG_ORDERS).default('created_datetime:desc'),
	})
	.strict();

const decoration = z
	.object({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a color as #RRGGBB') })
	.strict()
	.nullable();
const tagName = z.string().trim().min(1, 'Must not be empty').max(256);
const tagDescription = z.string().max(1024).nullable();

const createTagBody = z
	.object({
		name: tagName,
		description: tagDescription.optional(),
		decoration: decoration.optional(),
	})
	.strict();
const updateTagBody = z
	.object({
		name: tagName.optional(),
		description: tagDescription.optional(),
		decoration: decoration.optional(),
	})
	.strict();
const positiveInt = z.number({ invalid_type_error: 'Expected an integer' }).int().positive();
const mergeTagsBody = z
	.object({ source_tags_ids: z.array(positiveInt).min(1, 'Give at least one source tag') })
	.strict();

const datetime = z
	.string()
	.refine((value) => parseDatetimeMicros(value) !== undefined, 'Expected an ISO 8601 date-time');
const surveyFields = {
	body_text: z.string().max(1000).nullable().optional(),
	created_datetime: datetime.optional(),
	customer_id: positiveInt.optional(),
	meta: z.record(z.unknown()).nullable().optional(),
	score: z.number().int().min(1).max(5).nullable().optional(),
	scored_datetime: datetime.nullable().optional(),
	sent_datetime: datetime.nullable().optional(),
	should_send_datetime: datetime.nullable().optional(),
	ticket_id: positiveInt.optional(),
};
const createSurveyBody = z
	.object({ ...surveyFields, customer_id: positiveInt, ticket_id: positiveInt })
	.strict();
const updateSurveyBody = z.object(surveyFields).strict();
type SurveyInput = z.output<typeof updateSurveyBody>;

const listSurveysQuery = z
	.object({
		...pageShape,
		ticket_id: queryInt({ min: 1 }).optional(),
		order_by: z
			.enum(['created_datetime:asc', 'created_datetime:desc'])
			.default('created_datetime:desc'),
	})
	.strict();

function record<T>(map: Map<number, T>, id: string, what: string): T {
	// Upstream routes are typed `<int:id>`: anything else does not match a route at all.
	const found = /^\d{1,15}$/.test(id) ? map.get(Number(id)) : undefined;
	if (!found) throw gorgiasError(404, `${what} not found`);
	return found;
}

const date = (value: string | null | undefined) =>
	value === undefined || value === null ? value : toGorgiasDatetime(value);

export function registerTagSurveyRoutes(host: TagSurveyHost): void {
	const { state } = host;
	const routes = GORGIAS_TAG_SURVEY_ROUTES;
	const tagEvent = (
		type: string,
		tag: GorgiasTag,
		data: Record<string, unknown>,
		headers: SandboxRequest['headers'],
	) => state.recordEvent(type, { type: 'Tag', id: tag.id }, data, host.actorId(headers));
	const checkNameFree = (name: string, self?: number) => {
		const owner = state.tagByName(name);
		if (owner && owner.id !== self)
			throw invalidRequest({ name: ['A tag with this name already exists'] });
	};

	host.endpoint(routes.listTags, {
		query: listTagsQuery,
		handler: ({ query, path }) => {
			const needle = query.search?.toLowerCase();
			const tags = [...state.tags.values()].filter(
				(tag) => needle === undefined || tag.name.toLowerCase().includes(needle),
			);
			const [field, direction] = query.order_by
				.replace(',name:asc', '')
				.replace(',name:desc', '')
				.split(':') as ['created_datetime' | 'name' | 'usage', 'asc' | 'desc'];
			const key = (tag: GorgiasTag): [string, number] =>
				field === 'usage'
					? [
							`${String(state.tagUsage(tag.id)).padStart(12, '0')}|${tag.name.toLowerCase()}`,
							tag.id,
						]
					: field === 'name'
						? [tag.name.toLowerCase(), tag.id]
						: [tag.created_datetime, tag.id];
			const page = paginateCursor(
				tags,
				{
					key,
					direction,
					scope: `tags|${query.order_by}|${needle ?? ''}`,
					query,
					codec: host.cursors,
					uri: path,
				},
				(tag) => state.tagJson(tag),
			);
			return ok({ ...page, meta: { ...page.meta, total_resources: tags.length } });
		},
	});

	host.endpoint(routes.getTag, {
		handler: ({ params }) => ok(state.tagJson(record(state.tags, params.id, 'Tag'))),
	});

	host.endpoint(routes.createTag, {
		body: createTagBody,
		handler: ({ body, headers }) => {
			checkNameFree(body.name);
			const tag = state.addTag({
				name: body.name,
				description: body.description ?? null,
				decoration: body.decoration ?? null,
			});
			tagEvent('tag-created', tag, {}, headers);
			return { status: 201, body: state.tagJson(tag) };
		},
	});

	host.endpoint(routes.updateTag, {
		body: updateTagBody,
		handler: ({ params, body }) => {
			const tag = record(state.tags, params.id, 'Tag');
			if (body.name !== undefined) checkNameFree(body.name, tag.id);
			if (body.name !== undefined) tag.name = body.name;
			if (body.description !== undefined) tag.description = body.description;
			if (body.decoration !== undefined) tag.decoration = body.decoration;
			return { status: 202, body: state.tagJson(tag) };
		},
	});

	const removeTag = (tag: GorgiasTag, replacement?: number) => {
		for (const ticket of state.tickets.values()) {
			if (!ticket.tag_ids.includes(tag.id)) continue;
			const kept = ticket.tag_ids.filter((id) => id !== tag.id);
			ticket.tag_ids = replacement === undefined ? kept : [...new Set([...kept, replacement])];
		}
		state.tags.delete(tag.id);
	};

	host.endpoint(routes.deleteTag, {
		handler: ({ params, headers }) => {
			const tag = record(state.tags, params.id, 'Tag');
			removeTag(tag);
			tagEvent('tag-deleted', tag, {}, headers);
			return { status: 204 };
		},
	});

	host.endpoint(routes.mergeTags, {
		body: mergeTagsBody,
		handler: ({ params, body, headers }) => {
			const destination = record(state.tags, params.id, 'Tag');
			const errors = {};
			body.source_tags_ids.forEach((id, index) => {
				if (id === destination.id)
					addFieldError(errors, `source_tags_ids.${index}`, 'A tag cannot be merged into itself');
				else if (!state.tags.has(id))
					addFieldError(errors, `source_tags_ids.${index}`, 'No tag with this id');
			});
			if (Object.keys(errors).length) throw invalidRequest(errors);
			for (const id of new Set(body.source_tags_ids))
				removeTag(state.tags.get(id)!, destination.id);
			tagEvent('tag-merged', destination, { source_tags_ids: body.source_tags_ids }, headers);
			return { status: 202, body: state.tagJson(destination) };
		},
	});

	const surveyJson = (survey: GorgiasSatisfactionSurvey) => ({ ...survey });
	const checkSurveyRefs = (input: SurveyInput, self?: GorgiasSatisfactionSurvey) => {
		const errors = {};
		if (input.ticket_id !== undefined) {
			if (!state.tickets.has(input.ticket_id))
				addFieldError(errors, 'ticket_id', 'No ticket with this id');
			const other = [...state.surveys.values()].find(
				(survey) => survey.ticket_id === input.ticket_id && survey.id !== self?.id,
			);
			if (other)
				addFieldError(errors, 'ticket_id', 'This ticket already has a satisfaction survey');
		}
		if (input.customer_id !== undefined && !state.customers.has(input.customer_id))
			addFieldError(errors, 'customer_id', 'No customer with this id');
		if (Object.keys(errors).length) throw invalidRequest(errors);
	};
	const applySurvey = (survey: GorgiasSatisfactionSurvey, input: SurveyInput) => {
		if (input.ticket_id !== undefined) survey.ticket_id = input.ticket_id;
		if (input.customer_id !== undefined) survey.customer_id = input.customer_id;
		if (input.score !== undefined) survey.score = input.score;
		if (input.body_text !== undefined) survey.body_text = input.body_text;
		if (input.meta !== undefined) survey.meta = input.meta;
		if (input.created_datetime !== undefined)
			survey.created_datetime = date(input.created_datetime)!;
		if (input.sent_datetime !== undefined) survey.sent_datetime = date(input.sent_datetime) ?? null;
		if (input.scored_datetime !== undefined)
			survey.scored_datetime = date(input.scored_datetime) ?? null;
		if (input.should_send_datetime !== undefined)
			survey.should_send_datetime = date(input.should_send_datetime) ?? null;
	};

	host.endpoint(routes.listSurveys, {
		query: listSurveysQuery,
		handler: ({ query, path }) =>
			ok(
				paginateCursor(
					[...state.surveys.values()].filter(
						(survey) => query.ticket_id === undefined || survey.ticket_id === query.ticket_id,
					),
					{
						key: (survey) => [survey.created_datetime, survey.id],
						direction: query.order_by === 'created_datetime:asc' ? 'asc' : 'desc',
						scope: `surveys|${query.order_by}|${query.ticket_id ?? ''}`,
						query,
						codec: host.cursors,
						uri: path,
					},
					surveyJson,
				),
			),
	});

	host.endpoint(routes.getSurvey, {
		handler: ({ params }) =>
			ok(surveyJson(record(state.surveys, params.id, 'Satisfaction survey'))),
	});

	host.endpoint(routes.createSurvey, {
		body: createSurveyBody,
		handler: ({ body }): SandboxResponse => {
			checkSurveyRefs(body);
			const survey = state.addSurvey(body.ticket_id, {
				customer_id: body.customer_id,
				sent_datetime: null,
				should_send_datetime: null,
			});
			applySurvey(survey, body);
			return { status: 201, body: surveyJson(survey) };
		},
	});

	host.endpoint(routes.updateSurvey, {
		body: updateSurveyBody,
		handler: ({ params, body }) => {
			const survey = record(state.surveys, params.id, 'Satisfaction survey');
			checkSurveyRefs(body, survey);
			applySurvey(survey, body);
			return ok(surveyJson(survey));
		},
	});
}
