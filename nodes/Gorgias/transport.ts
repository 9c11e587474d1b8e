import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectByCursor, type CursorPage } from '../shared/pagination';
import { pacerFor, parseBucketHeader } from '../shared/pacing';
import {
	providerCredentials,
	providerRequest,
	providerResponse,
	type ListOptions,
	type ProviderDefinition,
	type RequestContext,
} from '../shared/transport';
import { normaliseSubdomain } from './subdomain';

export type GorgiasAuthentication = 'apiKey' | 'oAuth2';

/** Largest page Gorgias list endpoints accept. */
export const GORGIAS_MAX_PAGE_SIZE = 100;

/** The documented window of the leaky bucket, when the credential does not set one. */
const DEFAULT_WINDOW_SECONDS = 20;

export function origin(credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.baseUrlOverride ?? '').trim();
	if (override) return override.replace(/\/+$/, '');
	const label = normaliseSubdomain(credentials.subdomain);
	// Caught by checkCredentials() first; this keeps the transport safe on its own.
	return label ? `https://${label}.gorgias.com` : 'https://invalid-subdomain.invalid';
}

/** The helpdesk's own address, for the links Simplify adds to tickets. */
export async function helpdeskOrigin(context: RequestContext): Promise<string> {
	return origin(await providerCredentials(context, providerFor(context)));
}

/**
 * Refuses a subdomain that is not one Gorgias account label before anything is sent; the
 * message says what was expected without echoing the rest of the credential.
 */
function checkCredentials(
	context: RequestContext,
	credentials: ICredentialDataDecryptedObject,
): void {
	if (String(credentials.baseUrlOverride ?? '').trim()) return;
	if (!normaliseSubdomain(credentials.subdomain)) {
		throw new NodeOperationError(
			context.getNode(),
			'The Gorgias credential\'s "Subdomain" is not a Gorgias account',
			{
				description:
					'Enter the account name as in acme.gorgias.com ("acme"), the full acme.gorgias.com, or a URL of your Gorgias helpdesk.',
			},
		);
	}
}

/** Gorgias takes an API key or OAuth2, as the node's Authentication parameter says. */
export function providerFor(context: RequestContext): ProviderDefinition {
	const authentication = authenticationOf(context);
	return {
		name: 'Gorgias',
		credentialType: authentication === 'oAuth2' ? 'gorgiasOAuth2Api' : 'gorgiasApi',
		secretFields: ['apiKey', 'clientSecret', 'oauthTokenData'],
		baseUrl: (credentials) => `${origin(credentials)}/api`,
		checkCredentials,
		// Gorgias rejects over-limit calls with 429 without processing them.
		rateLimitedUnprocessed: true,
		pacing: {
			pacer: (credentials) =>
				pacerFor(`${origin(credentials)}|${authentication}|${String(credentials.email ?? '')}`, {
					windowMs: 1000 * (Number(credentials.rateWindowSeconds) || DEFAULT_WINDOW_SECONDS),
				}),
			reading: (headers) => parseBucketHeader(headers['x-gorgias-account-api-call-limit']),
		},
	};
}

function isExecuteContext(context: RequestContext): context is IExecuteFunctions {
	return 'getInputData' in context;
}

function authenticationOf(context: RequestContext): GorgiasAuthentication {
	const value = isExecuteContext(context)
		? context.getNodeParameter('authentication', 0, 'apiKey')
		: context.getNodeParameter('authentication', 'apiKey');
	return value === 'oAuth2' ? 'oAuth2' : 'apiKey';
}

/** One call to the Gorgias REST API; `path` is below /api. */
export const gorgiasRequest = providerRequest(providerFor);

/** The same, with the answer's status and headers (file downloads). */
export const gorgiasResponse = providerResponse(providerFor);

interface GorgiasList {
	data?: IDataObject[];
	meta?: { next_cursor?: string | null };
}

/**
 * One page of a cursor-paginated Gorgias list. A `search` body makes it the PUT that lists a
 * view's items by criteria sent in the body (the cursor stays in the query).
 */
export async function gorgiasPage(
	this: RequestContext,
	path: string,
	qs: IDataObject,
	cursor: string | undefined,
	itemIndex?: number,
	search?: IDataObject,
): Promise<CursorPage<IDataObject>> {
	const body = (await gorgiasRequest.call(this, search ? 'PUT' : 'GET', path, {
		qs: { ...qs, ...(cursor ? { cursor } : {}) },
		...(search ? { body: search } : {}),
		itemIndex,
	})) as GorgiasList;
	return {
		items: Array.isArray(body?.data) ? body.data : [],
		nextCursor: body?.meta?.next_cursor ?? null,
	};
}

/** Every item of a Gorgias list (or the first `limit`), following cursors. */
export async function gorgiasListAll<T extends IDataObject = IDataObject>(
	this: RequestContext,
	path: string,
	qs: IDataObject,
	options: ListOptions & { search?: IDataObject } = {},
): Promise<T[]> {
	const limit = options.limit;
	const pageSize =
		limit === undefined ? GORGIAS_MAX_PAGE_SIZE : Math.min(limit, GORGIAS_MAX_PAGE_SIZE);
	return (await collectByCursor(
		async (cursor) =>
			await gorgiasPage.call(
				this,
				path,
				{ ...qs, limit: pageSize },
				cursor,
				options.itemIndex,
				options.search,
			),
		{ limit },
	)) as T[];
}
