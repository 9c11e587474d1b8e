import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	isNewUnordered,
	mergeWindows,
	newItemsFromDescendingPages,
	oldestFirst,
	timeOf,
	uniqueById,
	type PollState,
	type Stamped,
} from '../shared/poll';
import type { PollSource } from '../shared/trigger';
import { simplifyZaiaTicket } from './simplify';
import { ZAIA_MAX_PAGE_SIZE, zaiaRequest } from './transport';

export type ZaiaTriggerEvent = 'newTicket' | 'ticketCompleted';

export interface ZaiaTriggerSettings {
	event: ZaiaTriggerEvent;
	statuses: string[];
	/** Sent to Zaia: assigneeIds, tagIds. */
	query: IDataObject;
	/** Checked on each ticket: what Zaia cannot filter. */
	channelTypes: string[];
	teamIds: string[];
	simplify: boolean;
}

/** Pages read when a list has to be scanned whole (unordered, or ordered by another date). */
const MAX_SCAN_PAGES = 50;

export function zaiaPollSource(
	context: IPollFunctions,
	settings: ZaiaTriggerSettings,
): PollSource<IDataObject> {
	const timeField = settings.event === 'ticketCompleted' ? 'completedAt' : 'createdAt';
	const statuses = settings.event === 'ticketCompleted' ? ['completed'] : settings.statuses;
	const stamp = (ticket: IDataObject): Stamped<IDataObject> | undefined => {
		const time = timeOf(ticket[timeField]);
		return time === undefined ? undefined : { id: String(ticket.id), time, item: ticket };
	};
	const page = async (status: string, pageNumber: number, pageSize = ZAIA_MAX_PAGE_SIZE) =>
		(await zaiaRequest.call(context, 'GET', '/tickets/details', {
			qs: { ...settings.query, status, pageNumber, pageSize },
		})) as IDataObject[];

	/** Every ticket of a list, for lists whose order cannot be relied on. */
	const scan = async (status: string) => {
		const all: IDataObject[] = [];
		for (let pageNumber = 1; ; pageNumber++) {
			if (pageNumber > MAX_SCAN_PAGES) {
				throw new NodeOperationError(
					context.getNode(),
					`The ${status} ticket list is longer than ${MAX_SCAN_PAGES * ZAIA_MAX_PAGE_SIZE} tickets and has to be read whole each poll`,
					{ description: 'Narrow it with the Assignee or Tag filters.' },
				);
			}
			const tickets = await page(status, pageNumber);
			all.push(...tickets);
			if (tickets.length < ZAIA_MAX_PAGE_SIZE) return all;
		}
	};
	const stampAll = (tickets: IDataObject[]) =>
		tickets.map(stamp).filter((entry): entry is Stamped<IDataObject> => entry !== undefined);

	// Completion dates follow no list order: that list is always scanned whole.
	const needsScan = settings.event === 'ticketCompleted';

	return {
		async newest() {
			const candidates = stampAll(
				(await Promise.all(statuses.map(async (status) => await page(status, 1)))).flat(),
			);
			return oldestFirst(candidates).pop()?.item;
		},
		async current() {
			if (needsScan) return stampAll((await Promise.all(statuses.map(scan))).flat());
			return stampAll(
				(await Promise.all(statuses.map(async (status) => await page(status, 1)))).flat(),
			);
		},
		async collect(state: PollState, budget) {
			if (!needsScan) {
				const windows = [];
				for (const status of statuses) {
					windows.push(
						await newItemsFromDescendingPages(
							async (pageNumber) => await page(status, pageNumber),
							ZAIA_MAX_PAGE_SIZE,
							stamp,
							state,
							budget,
						),
					);
				}
				// Zaia does not document the list order: trust it only as long as it holds.
				if (windows.every((window) => window.ordered)) {
					return {
						items: mergeWindows(windows),
						more: windows.some((window) => !window.complete),
					};
				}
			}
			const all = stampAll((await Promise.all(statuses.map(scan))).flat());
			return {
				items: oldestFirst(
					uniqueById(all).filter((entry) => isNewUnordered(state, entry.id, entry.time)),
				),
				more: false,
			};
		},
		async output(tickets) {
			return tickets
				.filter(
					(ticket) =>
						settings.channelTypes.length === 0 ||
						settings.channelTypes.includes(String(ticket.channelType)),
				)
				.filter(
					(ticket) =>
						settings.teamIds.length === 0 ||
						settings.teamIds.includes(String(ticket.ticketingTeamId)),
				)
				.map((ticket) =>
					settings.simplify ? (simplifyZaiaTicket(ticket) as IDataObject) : ticket,
				);
		},
	};
}
