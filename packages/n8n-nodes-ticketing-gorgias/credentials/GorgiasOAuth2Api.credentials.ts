import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { gorgiasBaseUrlExpression, gorgiasOriginExpression } from '../nodes/Gorgias/subdomain';

/** Scopes for everything the Gorgias nodes do; `offline` yields a refresh token. */
const SCOPES = [
	'openid',
	'email',
	'profile',
	'offline',
	'account:read',
	'custom_fields:read',
	'customers:read',
	'customers:write',
	'events:read',
	// The Instant Trigger creates and deletes its HTTP integrations.
	'integrations:read',
	'integrations:write',
	'tags:read',
	'tags:write',
	'teams:read',
	'tickets:read',
	'tickets:write',
	'users:read',
].join(' ');

export class GorgiasOAuth2Api implements ICredentialType {
	name = 'gorgiasOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Gorgias OAuth2 API';

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
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${gorgiasOriginExpression('subdomain', '$self')} + "/oauth/authorize" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${gorgiasOriginExpression('subdomain', '$self')} + "/oauth/token" }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: SCOPES,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateWindowSeconds',
			type: 'number',
			default: 20,
			description:
				'Gorgias allows 80 calls per 20 seconds for OAuth apps (Enterprise: per 10 seconds). The nodes pace themselves to stay under it.',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrlOverride',
			type: 'string',
			default: '',
			placeholder: 'https://gorgias-proxy.example.com',
			description:
				'Advanced: send API requests to this origin instead of https://{subdomain}.gorgias.com. Leave empty normally.',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: gorgiasBaseUrlExpression(),
			url: '/api/account',
			method: 'GET',
		},
	};
}
