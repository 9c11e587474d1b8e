import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, type RunOptions, type RunResult } from '../../dev/harness';
import {
	startGorgiasSandbox,
	type GorgiasSandbox,
	type GorgiasSandboxOptions,
} from '../../dev/sandboxes/gorgias';

export const GORGIAS_NODE = 'n8n-nodes-ticketing.gorgias';

/** Must never show up in any error, output or log. */
export const CANARY = 'gorgias_CANARY_7e6d5c4b3a29f1e0';
/** Stands for the OAuth2 app's client secret: must never show up either. */
export const CLIENT_CANARY = ['client', 'CANARY', '93f1'].join('-');
export const USER_EMAIL = 'api-user@acme.example';
export const BEARER_CANARY = 'oauth_CANARY_a1b2c3d4e5f60718';

export async function startSandbox(options: GorgiasSandboxOptions = {}): Promise<GorgiasSandbox> {
	return await startGorgiasSandbox({
		email: USER_EMAIL,
		apiKey: CANARY,
		oauthToken: BEARER_CANARY,
		// Plenty of room unless a test is about the limit.
		bucket: { capacity: 1000, windowMs: 3_600_000 },
		...options,
	});
}

export function apiKeyCredentials(sandbox: GorgiasSandbox, extra: IDataObject = {}) {
	return {
		gorgiasApi: {
			subdomain: 'acme',
			email: USER_EMAIL,
			apiKey: CANARY,
			baseUrlOverride: sandbox.baseUrl,
			rateWindowSeconds: 20,
			...extra,
		},
	};
}

export function oauthCredentials(sandbox: GorgiasSandbox) {
	return {
		gorgiasOAuth2Api: {
			subdomain: 'acme',
			baseUrlOverride: sandbox.baseUrl,
			clientId: 'client-1',
			clientSecret: CLIENT_CANARY,
			oauthTokenData: { access_token: BEARER_CANARY, token_type: 'Bearer' },
		},
	};
}

export interface GorgiasRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: Record<string, Record<string, unknown>>;
	files?: RunOptions['files'];
}

export async function runGorgias(sandbox: GorgiasSandbox, run: GorgiasRun): Promise<RunResult> {
	const credentials = run.credentials ?? apiKeyCredentials(sandbox);
	return await runNode({
		node: {
			type: GORGIAS_NODE,
			parameters: {
				authentication: 'gorgiasOAuth2Api' in credentials ? 'oAuth2' : 'apiKey',
				resource: 'ticket',
				...run.parameters,
			},
			continueOnFail: run.continueOnFail,
		},
		items: run.items,
		files: run.files,
		credentials,
	});
}
