import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTypes,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { deepCopy, ICredentialsHelper, isExpression, NodeHelpers, UserError } from 'n8n-workflow';

/** Decrypted credential data by credential type name, e.g. `{ zaiaApi: { apiKey, baseUrl } }`. */
export interface HarnessCredentials {
	[credentialTypeName: string]: Record<string, unknown>;
}

/** A credential write n8n would persist (token refresh, preAuthentication); kept for assertions. */
export interface CredentialUpdate {
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * n8n's credentials helper minus the database: credential data comes from the test, and the
 * credential type's own `authenticate` / `preAuthentication` are applied exactly as n8n applies
 * them. Nothing here logs, so credential values never reach a log.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly store: Record<string, ICredentialDataDecryptedObject>;

	/** What n8n would have written back to its database, in order. */
	readonly updates: CredentialUpdate[] = [];

	/** Credential reads, each a database read and a decryption in n8n: type names, in order. */
	readonly reads: string[] = [];

	constructor(
		private readonly credentialTypes: ICredentialTypes,
		credentials: HarnessCredentials,
	) {
		super();
		// Own copy: tests reuse their credential objects, and nodes or hooks may mutate ours.
		this.store = deepCopy(credentials) as Record<string, ICredentialDataDecryptedObject>;
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const type = this.credentialTypes.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	/**
	 * Own properties merged over those of known parents (parents first, like n8n), so defaults of
	 * inherited fields are applied too.
	 */
	getCredentialsProperties(type: string): INodeProperties[] {
		if (!this.credentialTypes.recognizes(type)) return [];
		const credentialType = this.credentialTypes.getByName(type);
		const merged: INodeProperties[] = [];
		for (const parent of credentialType.extends ?? []) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, credentialType.properties);
		return merged;
	}

	/**
	 * The test's data for this type with the type's defaults filled in, as n8n does before a node
	 * sees it (a field the user never touched is stored without a value). Keys the type does not
	 * declare are kept, e.g. OAuth token data of a parent type that is not installed.
	 */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads.push(type);
		const data = this.store[type];
		if (data === undefined) {
			throw new UserError(
				`The test gave no credentials of type "${type}" (node credential "${nodeCredentials.name}")`,
			);
		}
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			deepCopy(data) as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return { ...deepCopy(data), ...(withDefaults as ICredentialDataDecryptedObject) };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const { authenticate } = credentialType;
		if (authenticate === undefined) return requestOptions as IHttpRequestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}

		if (authenticate.type !== 'generic') return requestOptions as IHttpRequestOptions;
		if (!workflow || !node) {
			throw new UserError('Generic credential authentication needs the workflow and the node');
		}

		// Same semantics as n8n: each section (headers, qs, body, auth) is merged key by key, and
		// both keys and values may be `={{ }}` expressions over `$credentials`, evaluated by the
		// workflow's real expression engine.
		const resolve = (value: string): string => {
			if (!isExpression(value)) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? String(resolved) : '';
		};
		const target = requestOptions as unknown as Record<string, Record<string, string> | undefined>;
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			const sectionTarget = (target[section] ??= {});
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				sectionTarget[resolve(key)] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/**
	 * Hook for credentials that fetch a token first (the type's `preAuthentication`), with n8n's
	 * rule: run it when the expirable hidden field is empty or the request said it expired, and
	 * persist the result. OAuth2 credentials never come here: n8n-core routes them through its
	 * own OAuth2 client (see getParentTypes), which calls runPreAuthentication and
	 * updateCredentialsOauthTokenData below.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = (await credentialType.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		this.persist(typeName, { ...credentials, ...output });
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		return (await credentialType.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
	}

	/** A real n8n-core Credentials object, encrypted with the harness instance's key. */
	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		const credentials = new Credentials(nodeCredentials, type);
		await credentials.setData(this.store[type] ?? {});
		return credentials;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.persist(type, data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.persist(type, { ...this.store[type], oauthTokenData: data.oauthTokenData });
	}

	private persist(type: string, data: ICredentialDataDecryptedObject): void {
		this.store[type] = deepCopy(data);
		this.updates.push({ type, data: deepCopy(data) });
	}
}
