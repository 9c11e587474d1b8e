import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { BatchLoader } from '../../../shared/batch';
import { extractProviderMessage } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireBoolean, requireInteger } from '../../../shared/validation';
import { ticketLocator } from '../../descriptions';
import { gorgiasListAll, gorgiasRequest, GORGIAS_MAX_PAGE_SIZE } from '../../transport';
import { idParameter } from '../ticket/common';
import { macroLocator } from './common';

const properties: INodeProperties[] = [
	{ ...macroLocator, description: 'The macro to apply' },
	{
		...ticketLocator,
		description:
			'The ticket of this item. The tickets of all items that use the same macro and options are applied in as few Gorgias jobs as possible.',
	},
	{
		displayName: 'Apply and Close',
		name: 'applyAndClose',
		type: 'boolean',
		default: false,
		description: 'Whether Gorgias closes each ticket after applying the macro',
	},
	{
		displayName: 'Options',
		name: 'applyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Ticket',
				name: 'includeTicket',
				type: 'boolean',
				default: true,
				description:
					'Whether to read each ticket again once its job is done and add it to the output (Gorgias reports no result per ticket; costs one request per 100 tickets)',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 300 },
				default: 5,
				description:
					'Time between two looks at a running job; it grows by half each time, up to a minute or this interval if longer. Every look costs one request of the Gorgias rate limit.',
			},
			{
				displayName: 'Tickets per Job',
				name: 'ticketsPerJob',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 100,
				description:
					'Most tickets sent in one job. Gorgias documents no limit; 100 is what one ticket listing takes.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 300,
				description:
					'How long to wait for a job. A job still running then is reported with its ID and status (not as an error); Gorgias goes on with it.',
			},
			{
				displayName: 'Wait for Completion',
				name: 'wait',
				type: 'boolean',
				default: true,
				description:
					'Whether to wait until Gorgias has run each job. Off: output the queued job right away.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['macro'], operation: ['apply'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Every item starts at once so the tickets of all items meet in the same jobs. */
export const concurrency = Number.POSITIVE_INFINITY;

/** Statuses after which a job never changes again (Gorgias lists them; which end it is inferred). */
const ENDED = new Set(['done', 'errored', 'fatal_errored', 'canceled']);
const MAX_POLL_INTERVAL_MS = 60_000;

interface Plan {
	macroId: number;
	applyAndClose: boolean;
	wait: boolean;
	timeoutMs: number;
	intervalMs: number;
	ticketsPerJob: number;
	includeTicket: boolean;
}

interface Applied {
	job: IDataObject;
	timedOut: boolean;
	ticketsInJob: number;
	ticket?: IDataObject | null;
}

/** A job that ended without applying the macro, with whatever Gorgias said about it. */
class JobFailure extends Error {
	constructor(
		readonly job: IDataObject,
		readonly ticketsInJob: number,
	) {
		super(`Gorgias job ${String(job.id)} ended with status "${String(job.status)}"`);
	}
}

/** A ticket's job result, or why it has none (a job that failed, a request Gorgias refused). */
type Outcome = Applied | JobFailure | Error;

const loaders = new WeakMap<object, Map<string, BatchLoader<number, Outcome>>>();

function statusOf(job: IDataObject): string {
	return typeof job.status === 'string' ? job.status : 'unknown';
}

function progressOf(job: IDataObject): number | undefined {
	const count = (job.info as IDataObject | undefined)?.progress_count;
	return typeof count === 'number' ? count : undefined;
}

/** Polls a job until it ends or the plan's timeout passes, logging its progress. */
async function waitFor(
	context: IExecuteFunctions,
	created: IDataObject,
	plan: Plan,
	ticketsInJob: number,
): Promise<{ job: IDataObject; timedOut: boolean }> {
	const deadline = Date.now() + plan.timeoutMs;
	let job = created;
	let delay = 0;
	while (!ENDED.has(statusOf(job))) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			context.logger.warn(
				`Gorgias job ${String(job.id)} is still ${statusOf(job)} after ${plan.timeoutMs / 1000} s; the node stops waiting (Gorgias goes on with it)`,
			);
			return { job, timedOut: true };
		}
		// The first look comes at once: a small job may already be done.
		if (delay > 0) await sleep(Math.min(delay, remaining));
		delay =
			delay === 0
				? plan.intervalMs
				: Math.min(delay * 1.5, Math.max(MAX_POLL_INTERVAL_MS, plan.intervalMs));
		job = (await gorgiasRequest.call(context, 'GET', `/jobs/${String(job.id)}`)) as IDataObject;
		context.logger.info(
			`Gorgias job ${String(job.id)} (macro ${plan.macroId}): ${statusOf(job)}, ${progressOf(job) ?? '?'} of ${ticketsInJob} tickets processed`,
		);
	}
	return { job, timedOut: false };
}

/** One applyMacro job for these tickets: created, waited for, and the tickets read again. */
async function runJob(
	context: IExecuteFunctions,
	plan: Plan,
	ticketIds: number[],
): Promise<Map<number, Applied | JobFailure>> {
	// `macro_id` is the name Gorgias' own front end sends (not in the reference: inferred).
	const created = (await gorgiasRequest.call(context, 'POST', '/jobs', {
		body: {
			type: 'applyMacro',
			params: {
				macro_id: plan.macroId,
				ticket_ids: ticketIds,
				apply_and_close: plan.applyAndClose,
			},
		},
		// Not repeated after a lost answer: the macro could be applied twice.
		retrySafe: false,
	})) as IDataObject;
	if (created?.id === undefined || created.id === null) {
		throw new NodeOperationError(context.getNode(), 'Gorgias answered without a job ID', {
			description: 'The job may still have been created: check the tickets before running again.',
		});
	}
	context.logger.info(
		`Gorgias job ${String(created.id)} created: macro ${plan.macroId} on ${ticketIds.length} tickets`,
	);
	const { job, timedOut } = plan.wait
		? await waitFor(context, created, plan, ticketIds.length)
		: { job: created, timedOut: false };
	const outcomes = new Map<number, Applied | JobFailure>();
	if (ENDED.has(statusOf(job)) && statusOf(job) !== 'done') {
		const failure = new JobFailure(job, ticketIds.length);
		for (const id of ticketIds) outcomes.set(id, failure);
		return outcomes;
	}
	const tickets = new Map<number, IDataObject>();
	if (plan.includeTicket && statusOf(job) === 'done') {
		for (let start = 0; start < ticketIds.length; start += GORGIAS_MAX_PAGE_SIZE) {
			const chunk = ticketIds.slice(start, start + GORGIAS_MAX_PAGE_SIZE);
			for (const ticket of await gorgiasListAll.call(context, '/tickets', { ticket_ids: chunk }))
				tickets.set(Number(ticket.id), ticket);
		}
	}
	for (const id of ticketIds) {
		outcomes.set(id, {
			job,
			timedOut,
			ticketsInJob: ticketIds.length,
			...(plan.includeTicket && statusOf(job) === 'done'
				? { ticket: tickets.get(id) ?? null }
				: {}),
		});
	}
	return outcomes;
}

/**
 * One loader per execution and plan: the tickets of all items that share a macro and options
 * are split into jobs of at most Tickets per Job; the jobs are created and waited for together.
 */
function loaderFor(context: IExecuteFunctions, plan: Plan): BatchLoader<number, Outcome> {
	let byPlan = loaders.get(context);
	if (!byPlan) loaders.set(context, (byPlan = new Map()));
	const key = JSON.stringify(plan);
	let loader = byPlan.get(key);
	if (!loader) {
		loader = new BatchLoader(async (ids: number[]) => {
			const chunks: number[][] = [];
			for (let start = 0; start < ids.length; start += plan.ticketsPerJob)
				chunks.push(ids.slice(start, start + plan.ticketsPerJob));
			const settled = await Promise.allSettled(
				chunks.map(async (chunk) => await runJob(context, plan, chunk)),
			);
			// A job Gorgias refused fails its own tickets only; the other jobs' tickets go on.
			const outcomes = new Map<number, Outcome>();
			settled.forEach((result, position) => {
				if (result.status === 'fulfilled') {
					for (const [id, outcome] of result.value) outcomes.set(id, outcome);
					return;
				}
				const error =
					result.reason instanceof Error ? result.reason : new Error(String(result.reason));
				for (const id of chunks[position]) outcomes.set(id, error);
			});
			return outcomes;
		}, Number.POSITIVE_INFINITY);
		byPlan.set(key, loader);
	}
	return loader;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const macroId = idParameter(this, itemIndex, 'macroId', 'Macro');
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const applyAndClose = requireBoolean(
		ctx,
		'Apply and Close',
		this.getNodeParameter('applyAndClose', itemIndex, false),
	);
	const options = this.getNodeParameter('applyOptions', itemIndex, {}) as IDataObject;
	const plan: Plan = {
		macroId,
		applyAndClose,
		wait: requireBoolean(ctx, 'Options → Wait for Completion', options.wait ?? true),
		timeoutMs:
			1000 *
			requireInteger(ctx, 'Options → Timeout (Seconds)', options.timeout ?? 300, {
				min: 1,
				max: 3600,
			}),
		intervalMs:
			1000 *
			requireInteger(ctx, 'Options → Poll Interval (Seconds)', options.pollInterval ?? 5, {
				min: 1,
				max: 300,
			}),
		ticketsPerJob: requireInteger(ctx, 'Options → Tickets per Job', options.ticketsPerJob ?? 100, {
			min: 1,
			max: 1000,
		}),
		includeTicket: requireBoolean(ctx, 'Options → Include Ticket', options.includeTicket ?? true),
	};
	return async () => {
		const outcome = await loaderFor(this, plan).load(ticketId);
		if (outcome instanceof JobFailure) {
			const said = extractProviderMessage(outcome.job);
			throw new NodeOperationError(
				this.getNode(),
				`${outcome.message} for ticket ${ticketId}${said ? `: ${said}` : ''}`,
				{
					itemIndex,
					description: `Macro ${macroId} on ${outcome.ticketsInJob} tickets; ${progressOf(outcome.job) ?? 'an unknown number'} were processed before it ended. Gorgias' job object gives no reason per ticket, and does not undo what was applied: check the tickets before running again.`,
				},
			);
		}
		if (outcome instanceof Error) throw outcome;
		if (!outcome) {
			throw new NodeOperationError(this.getNode(), `No job result for ticket ${ticketId}`, {
				itemIndex,
			});
		}
		const { job, timedOut, ticketsInJob, ticket } = outcome;
		return {
			ticketId,
			macroId,
			applyAndClose,
			jobId: job.id as number,
			jobStatus: statusOf(job),
			finished: statusOf(job) === 'done',
			timedOut,
			ticketsInJob,
			progressCount: progressOf(job) ?? null,
			job,
			...(ticket !== undefined ? { ticket } : {}),
		};
	};
}
