import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { gorgiasBaseUrlExpression } from '../nodes/Gorgias/subdomain';

export class GorgiasApi implements ICredentialType {
	name = 'gorgiasApi';

	displayName = 'Gorgias API';

	icon: Icon = { light: 'file:../icons/gorgias.svg', dark: 'file:../icons/gorgias.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-ticketing/n8n-nodes-ticketing/tree/main/packages/n8n-nodes-ticketing-gorgias#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Subdomain',
			name: 'subdomain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'acme',
			description:
				'Your Gorgias account: "acme" for acme.gorgias.com. Pasting acme.gorgias.com or a Gorgias URL works too.',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'Email of the Gorgias user the API key belongs to',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'REST API key from Gorgias: Settings → REST API',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateWindowSeconds',
			type: 'number',
			default: 20,
			description:
				'Gorgias allows 40 calls per 20 seconds for API keys (Enterprise: per 10 seconds). The nodes pace themselves to stay under it.',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrlOverride',
			type: 'string',
			default: '',
			placeholder: 'https://gorgias-proxy.example.com',
			description:
				'Advanced: send requests to this origin instead of https://{subdomain}.gorgias.com, e.g. through a proxy. Leave empty normally.',
		},
	];

	// Basic auth: the user's email and the API key. A function, not expressions: n8n 2.x
	// evaluates every expression in an isolate, and this runs on every request.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			auth: {
				username: String(credentials.email ?? ''),
				password: String(credentials.apiKey ?? ''),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: gorgiasBaseUrlExpression(),
			url: '/api/account',
			method: 'GET',
		},
	};
}
