/**
 * The providers, once, for the tooling: tests, e2e, demo, benchmarks and screenshots read this
 * list instead of repeating it. Adding a provider to the tooling is one entry here (plus its
 * sandbox in dev/sandboxes/ and the provider-specific scenarios the compiler then asks for).
 *
 * Only what consumers use: how to start the provider's sandbox, the credential n8n needs to
 * reach it, the node type names, the per-provider package and the lifecycle example.
 */
import { PACKAGE_NAME } from './n8n/env';
import type { GorgiasSandbox } from './sandboxes/gorgias';
import { startGorgiasSandbox } from './sandboxes/gorgias';
import type { GuruSupSandbox } from './sandboxes/gurusup';
import { startGuruSupSandbox } from './sandboxes/gurusup';
import type { ZaiaSandbox } from './sandboxes/zaia';
import { startZaiaSandbox } from './sandboxes/zaia';

/** A credential record as n8n stores it, without id and name. */
export interface SandboxCredential {
	type: string;
	data: Record<string, unknown>;
}

interface ProviderEntry<Sandbox> {
	/** As the nodes' display names spell it. */
	label: string;
	/** The sandbox as the e2e, the demo and the examples test use it (default options). */
	startSandbox(): Promise<Sandbox>;
	/** Where the credential points the provider's nodes: the sandbox's API root. */
	apiUrl(sandbox: Sandbox): string;
	/** The credential that points the provider's nodes at `sandbox`. */
	credential(sandbox: Sandbox): SandboxCredential;
	/** Every credential type the provider's nodes accept. */
	credentialTypes: readonly string[];
	/** Node type names without the package prefix. */
	nodes: { action: string; tool: string; trigger: string; instantTrigger?: string };
	/** The per-provider npm package; its folder is packages/<packageName>. */
	packageName: string;
	/** The lifecycle example in examples/ (and in the per-provider package's examples/). */
	lifecycleExample: string;
	/** The credential id the examples reference, replaced by the real id on import. */
	exampleCredentialId: string;
}

export const PROVIDERS = {
	zaia: {
		label: 'Zaia',
		startSandbox: () => startZaiaSandbox(),
		apiUrl: (sandbox: ZaiaSandbox) => sandbox.baseUrl,
		credential: (sandbox: ZaiaSandbox) => ({
			type: 'zaiaApi',
			data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl },
		}),
		credentialTypes: ['zaiaApi'],
		nodes: { action: 'zaia', tool: 'zaiaTool', trigger: 'zaiaTrigger' },
		packageName: `${PACKAGE_NAME}-zaia`,
		lifecycleExample: 'zaia-ticket-lifecycle.json',
		exampleCredentialId: 'zaia-demo',
	} satisfies ProviderEntry<ZaiaSandbox>,
	gorgias: {
		label: 'Gorgias',
		startSandbox: () => startGorgiasSandbox({ bucket: false }),
		apiUrl: (sandbox: GorgiasSandbox) => sandbox.baseUrl,
		credential: (sandbox: GorgiasSandbox) => ({
			type: 'gorgiasApi',
			data: {
				subdomain: 'acme',
				email: sandbox.email,
				apiKey: sandbox.apiKey,
				baseUrlOverride: sandbox.baseUrl,
			},
		}),
		credentialTypes: ['gorgiasApi', 'gorgiasOAuth2Api'],
		nodes: {
			action: 'gorgias',
			tool: 'gorgiasTool',
			trigger: 'gorgiasTrigger',
			instantTrigger: 'gorgiasInstantTrigger',
		},
		packageName: `${PACKAGE_NAME}-gorgias`,
		lifecycleExample: 'gorgias-ticket-lifecycle.json',
		exampleCredentialId: 'gorgias-demo',
	} satisfies ProviderEntry<GorgiasSandbox>,
	gurusup: {
		label: 'GuruSup',
		startSandbox: () => startGuruSupSandbox(),
		apiUrl: (sandbox: GuruSupSandbox) => `${sandbox.baseUrl}/api`,
		credential: (sandbox: GuruSupSandbox) => ({
			type: 'guruSupApi',
			data: { apiKey: sandbox.apiKey, baseUrl: `${sandbox.baseUrl}/api` },
		}),
		credentialTypes: ['guruSupApi'],
		nodes: { action: 'guruSup', tool: 'guruSupTool', trigger: 'guruSupTrigger' },
		packageName: `${PACKAGE_NAME}-gurusup`,
		lifecycleExample: 'gurusup-ticket-lifecycle.json',
		exampleCredentialId: 'gurusup-demo',
	} satisfies ProviderEntry<GuruSupSandbox>,
};

export type Provider = keyof typeof PROVIDERS;

/** Every provider key, in the registry's order. */
export const PROVIDER_KEYS = Object.keys(PROVIDERS) as Provider[];

/** The sandbox type of each provider. */
export type SandboxOf<P extends Provider> = Awaited<
	ReturnType<(typeof PROVIDERS)[P]['startSandbox']>
>;

export type ProviderSandboxes = { [P in Provider]: SandboxOf<P> };

/** `entry.credential(sandbox)` for a provider picked at run time. */
export function sandboxCredential<P extends Provider>(
	provider: P,
	sandbox: SandboxOf<P>,
): SandboxCredential {
	return (PROVIDERS[provider].credential as (sandbox: SandboxOf<P>) => SandboxCredential)(sandbox);
}

/** `entry.apiUrl(sandbox)` for a provider picked at run time. */
export function sandboxApiUrl<P extends Provider>(provider: P, sandbox: SandboxOf<P>): string {
	return (PROVIDERS[provider].apiUrl as (sandbox: SandboxOf<P>) => string)(sandbox);
}

/** Every provider's sandbox, started at once with default options. */
export async function startProviderSandboxes(): Promise<ProviderSandboxes> {
	const started = await Promise.all(
		PROVIDER_KEYS.map(async (key) => [key, await PROVIDERS[key].startSandbox()] as const),
	);
	return Object.fromEntries(started) as ProviderSandboxes;
}

/** A node type name with the package prefix, e.g. `n8n-nodes-ticketing.zaiaTrigger`. */
export function nodeType(name: string, packageName: string = PACKAGE_NAME): string {
	return `${packageName}.${name}`;
}
