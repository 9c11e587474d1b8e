import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runPoll, type HarnessCredentials, type PollResult } from '../../dev/harness';

/**
 * Consecutive polls of one trigger, carrying its static data from poll to poll as n8n does.
 * `state` is the trigger's saved state after the latest poll.
 */
export function pollSession(
	nodeType: string,
	defaults: INodeParameters,
	credentials: () => HarnessCredentials,
) {
	const workflowId = `session-${randomUUID()}`;
	const session = {
		state: {} as IDataObject,
		async poll(
			parameters: IDataObject = {},
			mode: 'trigger' | 'manual' = 'trigger',
		): Promise<PollResult> {
			const result = await runPoll({
				nodeType,
				parameters: { ...defaults, ...parameters } as INodeParameters,
				credentials: credentials(),
				staticData: session.state,
				mode,
				workflowId,
			});
			session.state = result.staticData;
			return result;
		},
	};
	return session;
}
