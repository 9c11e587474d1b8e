import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, type RunResult } from '../../dev/harness';
import { startGuruSupSandbox, type GuruSupSandbox } from '../../dev/sandboxes/gurusup';

export const GURUSUP_NODE = 'n8n-nodes-ticketing.guruSup';

/** Must never show up in any error, output or log. */
export const CANARY = 'gs_CANARY_0f9e8d7c6b5a4f3e2d1c';

export async function startSandbox(
	options: { apiUsername?: string; pagination?: 'none' | 'page' } = {},
) {
	return await startGuruSupSandbox({ apiKey: CANARY, ...options });
}

export function credentialsFor(sandbox: GuruSupSandbox, extra: IDataObject = {}) {
	return { guruSupApi: { apiKey: CANARY, baseUrl: `${sandbox.baseUrl}/api`, ...extra } };
}

export async function runGuruSup(
	sandbox: GuruSupSandbox,
	run: {
		parameters: INodeParameters;
		items?: IDataObject[];
		continueOnFail?: boolean;
		credentials?: IDataObject;
	},
): Promise<RunResult> {
	return await runNode({
		node: {
			type: GURUSUP_NODE,
			parameters: { resource: 'ticket', ...run.parameters },
			continueOnFail: run.continueOnFail,
		},
		items: run.items,
		credentials: credentialsFor(sandbox, run.credentials),
	});
}
