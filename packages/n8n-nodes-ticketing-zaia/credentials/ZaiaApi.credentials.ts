import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class ZaiaApi implements ICredentialType {
	name = 'zaiaApi';

	displayName = 'Zaia API';

	icon: Icon = { light: 'file:../icons/zaia.svg', dark: 'file:../icons/zaia.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-ticketing/n8n-nodes-ticketing/tree/main/packages/n8n-nodes-ticketing-zaia#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Workspace API key, created in Zaia under workspace settings → API keys. Paste it as shown; a leading "Bearer " is removed.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.endless.zaia.app',
			required: true,
			description:
				'Root of the Zaia Public API, without /api/v1. Change it only for a proxy or another Zaia region.',
		},
	];

	// Zaia expects the key itself in the `authorization` header, not "Bearer <key>".
	// Users often paste the key with a Bearer prefix copied from examples, so strip it.
	// A function, not expressions: n8n 2.x evaluates every expression in an isolate, and this
	// runs on every request, so an expression here costs a measurable share of throughput.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = String(credentials.apiKey ?? '')
			.trim()
			.replace(/^bearer\s+/i, '');
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), authorization: key },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).trim().replace(/\\/+$/, "") }}',
			url: '/api/v1/ticketing-teams',
			method: 'GET',
			qs: { pageNumber: 1, pageSize: 1 },
		},
	};
}
