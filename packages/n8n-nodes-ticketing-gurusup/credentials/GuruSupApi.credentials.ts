import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GuruSupApi implements ICredentialType {
	name = 'guruSupApi';

	displayName = 'GuruSup API';

	icon: Icon = { light: 'file:../icons/gurusup.svg', dark: 'file:../icons/gurusup.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-ticketing/n8n-nodes-ticketing/tree/main/packages/n8n-nodes-ticketing-gurusup#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'API key from the GuruSup dashboard, under settings → integrations',
		},
		{
			displayName: 'API Username',
			name: 'apiUsername',
			type: 'string',
			default: '',
			description:
				'Only if your GuruSup account gave you one: sent as the x-api-username header. Leave empty otherwise.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.gurusup.com/api',
			required: true,
			description: 'Root of the GuruSup API, without /v1. Change it only for a proxy.',
		},
	];

	// A function rather than the generic form: the username header must be absent, not empty,
	// when the field is left blank.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {
			'x-api-key': String(credentials.apiKey ?? '').trim(),
		};
		const username = String(credentials.apiUsername ?? '').trim();
		if (username !== '') headers['x-api-username'] = username;
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), ...headers } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).trim().replace(/\\/+$/, "") }}',
			url: '/v1/tickets',
			method: 'GET',
		},
	};
}
