import type { INodeProperties } from 'n8n-workflow';

import { customerDescription, customerOperations } from '../../nodes/Gorgias/actions/customer';
import { macroDescription, macroOperations } from '../../nodes/Gorgias/actions/macro';
import { eventDescription, eventOperations } from '../../nodes/Gorgias/actions/event';
import {
	satisfactionSurveyDescription,
	satisfactionSurveyOperations,
} from '../../nodes/Gorgias/actions/satisfactionSurvey';
import { tagDescription, tagOperations } from '../../nodes/Gorgias/actions/tag';
import { messageDescription, messageOperations } from '../../nodes/Gorgias/actions/message';
import { searchDescription, searchOperations } from '../../nodes/Gorgias/actions/search';
import { teamDescription, teamOperations } from '../../nodes/Gorgias/actions/team';
import {
	ticketDescription as gorgiasTickets,
	ticketOperations as gorgiasTicketOperations,
} from '../../nodes/Gorgias/actions/ticket';
import { userDescription, userOperations } from '../../nodes/Gorgias/actions/user';
import { viewDescription, viewOperations } from '../../nodes/Gorgias/actions/view';
import {
	ticketDescription as guruSupTickets,
	ticketOperations as guruSupTicketOperations,
} from '../../nodes/GuruSup/actions/ticket';
import { description as guruSupCreate } from '../../nodes/GuruSup/actions/ticket/create';
import { SOURCE_API } from '../../nodes/GuruSup/transport';
import { concurrencyOptions } from '../../nodes/shared/descriptions';
import { LEARNED_START_TTL_MS } from '../../nodes/shared/concurrency';
import { DEFAULT_CONCURRENCY, DEFAULT_CONCURRENCY_CEILING } from '../../nodes/shared/execute';
import type { OperationMap } from '../../nodes/shared/router';
import {
	ticketDescription as zaiaTickets,
	ticketOperations as zaiaTicketOperations,
} from '../../nodes/Zaia/actions/ticket';
import { chatDescription, chatOperations } from '../../nodes/Zaia/actions/chat';
import {
	chatMessageDescription,
	chatMessageOperations,
} from '../../nodes/Zaia/actions/chatMessage';
import {
	tagDescription as zaiaTagDescription,
	tagOperations as zaiaTagOperations,
} from '../../nodes/Zaia/actions/tag';
import {
	ticketingTeamDescription,
	ticketingTeamOperations,
} from '../../nodes/Zaia/actions/ticketingTeam';
import { ZAIA_STATUSES } from '../../nodes/Zaia/transport';
import { ZaiaTrigger } from '../../nodes/Zaia/ZaiaTrigger.node';

/**
 * Each resource's Operation list is written out literally (so n8n's lint reads it) beside the
 * operation map the router runs: these tests hold the two together.
 */
const RESOURCES: Array<[name: string, resource: string, INodeProperties[], OperationMap]> = [
	['Gorgias ticket', 'ticket', gorgiasTickets, gorgiasTicketOperations],
	['Gorgias message', 'message', messageDescription, messageOperations],
	['Gorgias customer', 'customer', customerDescription, customerOperations],
	['Gorgias macro', 'macro', macroDescription, macroOperations],
	['Gorgias view', 'view', viewDescription, viewOperations],
	['Gorgias search', 'search', searchDescription, searchOperations],
	['Gorgias user', 'user', userDescription, userOperations],
	['Gorgias team', 'team', teamDescription, teamOperations],
	['Gorgias tag', 'tag', tagDescription, tagOperations],
	[
		'Gorgias satisfaction survey',
		'satisfactionSurvey',
		satisfactionSurveyDescription,
		satisfactionSurveyOperations,
	],
	['Gorgias event', 'event', eventDescription, eventOperations],
	['GuruSup ticket', 'ticket', guruSupTickets, guruSupTicketOperations],
	['Zaia ticket', 'ticket', zaiaTickets, zaiaTicketOperations],
	['Zaia chat', 'chat', chatDescription, chatOperations],
	['Zaia chat message', 'chatMessage', chatMessageDescription, chatMessageOperations],
	['Zaia tag', 'tag', zaiaTagDescription, zaiaTagOperations],
	['Zaia ticketing team', 'ticketingTeam', ticketingTeamDescription, ticketingTeamOperations],
];

function shownFor(property: INodeProperties): unknown {
	return property.displayOptions?.show?.operation;
}

describe.each(RESOURCES)('%s', (_label, resource, properties, operations) => {
	const names = Object.keys(operations).sort();
	const operation = properties.find((property) => property.name === 'operation');

	it('lists exactly the operations that have an implementation', () => {
		expect(operation?.displayOptions?.show?.resource).toEqual([resource]);
		const values = (operation?.options ?? []).map((option) =>
			String((option as { value: string }).value),
		);
		expect([...values].sort()).toEqual(names);
		expect(names).toContain(operation?.default);
	});

	it('shows every parameter for its resource and for operations of the map', () => {
		for (const property of properties) {
			expect(property.displayOptions?.show?.resource).toEqual([resource]);
			const shown = shownFor(property);
			if (property.name === 'operation' || property.name === 'notOfferedNotice') continue;
			expect(Array.isArray(shown)).toBe(true);
			for (const name of shown as string[]) expect(names).toContain(name);
		}
	});

	it("shows each operation's own parameters for that operation only", () => {
		for (const name of names) {
			for (const property of operations[name].description) {
				expect(property.displayOptions?.show).toMatchObject({
					resource: [resource],
					operation: [name],
				});
			}
		}
	});

	it('shows Simplify for the operations that return tickets, Options for those the user paces', () => {
		const simplify = properties.find((property) => property.name === 'simplify');
		const returning = names.filter((name) => operations[name].returnsTickets);
		expect(simplify ? [...(shownFor(simplify) as string[])].sort() : []).toEqual(returning);
		const options = properties.find((property) => property.name === 'options');
		const paced = names.filter((name) => operations[name].concurrency === undefined);
		expect([...(shownFor(options!) as string[])].sort()).toEqual(paced);
	});
});

test('literal defaults are the constants the code falls back to', () => {
	const statuses = new ZaiaTrigger().description.properties.find(
		(property) => property.name === 'statuses',
	);
	expect(statuses?.default).toEqual([...ZAIA_STATUSES]);
	const additional = guruSupCreate.find((property) => property.name === 'additionalFields');
	const source = (additional?.options as INodeProperties[]).find(
		(option) => option.name === 'sources',
	);
	expect(source?.default).toBe(SOURCE_API);
});

test('the Options texts and default are the execute code numbers', () => {
	const [mode, limit] = concurrencyOptions.options as INodeProperties[];
	expect(limit.default).toBe(DEFAULT_CONCURRENCY_CEILING);
	const texts = JSON.stringify(mode.options);
	expect(texts).toContain(`Start with ${DEFAULT_CONCURRENCY} at a time`);
	expect(texts).toContain(`(${DEFAULT_CONCURRENCY} if not set)`);
	expect(texts).toContain(`within ${LEARNED_START_TTL_MS / 60_000} minutes`);
});
