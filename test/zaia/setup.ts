import type { INodeParameters } from 'n8n-workflow';

import { runNode, type RunOptions, type RunResult } from '../../dev/harness';
import { startZaiaSandbox, type ZaiaSandbox } from '../../dev/sandboxes/zaia';

export const ZAIA_NODE = 'n8n-nodes-ticketing.zaia';

/** A key that must never show up in any error, output or log. */
export const CANARY = 'zaia_sk_CANARY_9d41c7e2b8a64f0e';

export async function startSandbox(): Promise<ZaiaSandbox> {
	return await startZaiaSandbox({ apiKey: CANARY });
}

export function credentialsFor(sandbox: ZaiaSandbox, apiKey = CANARY) {
	return { zaiaApi: { apiKey, baseUrl: sandbox.baseUrl } };
}

export interface ZaiaRun {
	parameters: INodeParameters;
	items?: RunOptions['items'];
	continueOnFail?: boolean;
	apiKey?: string;
}

export async function runZaia(sandbox: ZaiaSandbox, run: ZaiaRun): Promise<RunResult> {
	return await runNode({
		node: {
			type: ZAIA_NODE,
			parameters: { resource: 'ticket', ...run.parameters },
			continueOnFail: run.continueOnFail,
		},
		items: run.items,
		credentials: credentialsFor(sandbox, run.apiKey),
	});
}
