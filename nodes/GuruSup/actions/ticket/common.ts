import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import { requireEmail, requireString } from '../../../shared/validation';
import { requireExternalId } from '../../messages';
import { simplifyGurusupTicket } from '../../simplify';

export function ticketExternalId(context: IExecuteFunctions, itemIndex: number): string {
	return requireExternalId(
		{ node: context.getNode(), itemIndex },
		'Ticket External ID',
		context.getNodeParameter('externalId', itemIndex, ''),
	);
}

/** The ticket as GuruSup returned it (a non-object answer wrapped), or the shared shape. */
export function ticketOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	ticket: unknown,
): IDataObject {
	return ticketOutputs(context, itemIndex, [ticket])[0];
}

/** Several tickets of one item, Simplify read once for all of them. */
export function ticketOutputs(
	context: IExecuteFunctions,
	itemIndex: number,
	tickets: unknown[],
): IDataObject[] {
	const simplify = context.getNodeParameter('simplify', itemIndex, false) as boolean;
	return tickets.map((ticket) => {
		const object =
			ticket !== null && typeof ticket === 'object'
				? (ticket as IDataObject)
				: { response: ticket as string };
		return simplify ? (simplifyGurusupTicket(object) as IDataObject) : object;
	});
}

/**
 * The agent fields of Assign and Take Over: at least one of ID, email and name, each
 * checked; GuruSup calls the agent's email `agent`.
 */
export function agentFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const ctx = { node: context.getNode(), itemIndex };
	const raw = {
		id: context.getNodeParameter('agentId', itemIndex, '') as unknown,
		email: context.getNodeParameter('agentEmail', itemIndex, '') as unknown,
		name: context.getNodeParameter('agentName', itemIndex, '') as unknown,
	};
	const given = (value: unknown) =>
		!(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''));
	const body: IDataObject = {};
	if (given(raw.id)) body.agent_id = requireString(ctx, 'Agent ID', raw.id);
	if (given(raw.email)) body.agent = requireEmail(ctx, 'Agent Email', raw.email);
	if (given(raw.name)) body.agent_name = requireString(ctx, 'Agent Name', raw.name);
	if (Object.keys(body).length === 0) {
		throw invalidParameterError(
			ctx.node,
			'Agent ID',
			"give the agent's ID, email or name",
			itemIndex,
		);
	}
	return body;
}
