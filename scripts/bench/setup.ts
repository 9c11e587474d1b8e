/**
 * The loopback sandboxes the n8n benchmarks talk to, and the n8n credentials pointing at them.
 * Each Gorgias sandbox has its own origin, so n8n's per-account pacer of one never sees the
 * other's rate limit.
 */
import { newN8nId } from '../../dev/n8n';
import { nodeType, PROVIDERS } from '../../dev/providers';
import type { CredentialFile, WorkflowNode } from '../../dev/n8n';
import type { GorgiasBucketConfig, GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { startGorgiasSandbox } from '../../dev/sandboxes/gorgias';
import type { ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { startZaiaSandbox } from '../../dev/sandboxes/zaia';

/** Every per-request benchmark answers after this delay, unless a scenario sets its own. */
export const LATENCY_MS = 20;

/** What a provider's API takes to answer as a user's n8n reaches it over the internet. */
export const REAL_LATENCY_MS = 150;

/** Requests at once that the hidden-limit sandbox processes; the node is not told. */
export const HIDDEN_LIMIT = 20;

/** "On Error: Continue (using regular output)", so failed items show as items. */
export const CONTINUE = 'continueRegularOutput';

/** Gorgias' bucket (40 calls per 20 s for an API key), time-scaled 40× so a run stays short. */
export const SCALED_BUCKET: GorgiasBucketConfig = { capacity: 40, windowMs: 500 };

export interface BenchSandboxes {
	zaia: ZaiaSandbox;
	/** No latency: the large listing of the memory scenario. */
	zaiaLarge: ZaiaSandbox;
	/** A real provider's latency, no limit. */
	zaiaSlow: ZaiaSandbox;
	/** A real provider's latency and a concurrency limit the node is not told. */
	zaiaLimited: ZaiaSandbox;
	/** No rate limit: throughput, batch get. */
	gorgias: GorgiasSandbox;
	/** The time-scaled leaky bucket. */
	gorgiasLimited: GorgiasSandbox;
	stop(): Promise<void>;
}

export async function startBenchSandboxes(): Promise<BenchSandboxes> {
	const [zaia, zaiaLarge, zaiaSlow, zaiaLimited, gorgias, gorgiasLimited] = await Promise.all([
		startZaiaSandbox({ latencyMs: LATENCY_MS }),
		startZaiaSandbox(),
		startZaiaSandbox({ latencyMs: REAL_LATENCY_MS }),
		startZaiaSandbox({ latencyMs: REAL_LATENCY_MS }),
		startGorgiasSandbox({ latencyMs: LATENCY_MS, bucket: false }),
		startGorgiasSandbox({ latencyMs: LATENCY_MS, bucket: SCALED_BUCKET }),
	]);
	zaiaLimited.concurrencyLimit = { max: HIDDEN_LIMIT, retryAfter: '1' };
	const all = [zaia, zaiaLarge, zaiaSlow, zaiaLimited, gorgias, gorgiasLimited];
	return {
		zaia,
		zaiaLarge,
		zaiaSlow,
		zaiaLimited,
		gorgias,
		gorgiasLimited,
		async stop() {
			await Promise.all(all.map(async (sandbox) => await sandbox.stop()));
		},
	};
}

export interface BenchCredential {
	file: CredentialFile;
	/** As a node's `credentials` entry. */
	ref: Record<string, { id: string; name: string }>;
}

function credential(name: string, type: string, data: Record<string, unknown>): BenchCredential {
	const file: CredentialFile = { id: newN8nId(), name, type, data };
	return { file, ref: { [type]: { id: file.id, name } } };
}

export function zaiaCredential(zaia: ZaiaSandbox, name = 'Zaia (bench sandbox)'): BenchCredential {
	const { type, data } = PROVIDERS.zaia.credential(zaia);
	return credential(name, type, data);
}

export function gorgiasCredential(
	gorgias: GorgiasSandbox,
	name: string,
	rateWindowSeconds = 20,
): BenchCredential {
	const { type, data } = PROVIDERS.gorgias.credential(gorgias);
	return credential(name, type, { ...data, subdomain: 'bench', rateWindowSeconds });
}

/** One of the pack's action nodes. */
export function packNode(
	name: string,
	provider: 'zaia' | 'gorgias',
	credential: BenchCredential,
	parameters: Record<string, unknown>,
	onError?: string,
): WorkflowNode {
	return {
		name,
		type: nodeType(PROVIDERS[provider].nodes.action),
		typeVersion: 1,
		parameters,
		credentials: credential.ref,
		...(onError ? { onError } : {}),
	};
}

export interface HttpRequestSpec {
	method: string;
	/** An n8n expression for the full URL. */
	url: string;
	query?: Array<{ name: string; value: string }>;
	body?: Array<{ name: string; value: string }>;
	options?: Record<string, unknown>;
}

/** n8n's HTTP Request node sending through the pack's credential type ("Predefined Credential"). */
export function httpRequestNode(
	name: string,
	credential: BenchCredential,
	spec: HttpRequestSpec,
	onError?: string,
): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: spec.method,
			url: spec.url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credential.file.type,
			...(spec.query ? { sendQuery: true, queryParameters: { parameters: spec.query } } : {}),
			...(spec.body
				? {
						sendBody: true,
						contentType: 'json',
						specifyBody: 'keypair',
						bodyParameters: { parameters: spec.body },
					}
				: {}),
			options: spec.options ?? {},
		},
		credentials: credential.ref,
		...(onError ? { onError } : {}),
	};
}

/** A resource-locator value holding an expression, as the editor saves "By ID". */
/**
 * The benchmark's thin floor node (scripts/bench/thin), which n8n loads from
 * N8N_CUSTOM_EXTENSIONS: custom nodes are typed "CUSTOM.<name>".
 */
export function thinNode(
	name: string,
	credential: BenchCredential,
	parameters: { timing: 'checkFirst' | 'streaming'; ticketId: string; assigneeId: string },
): WorkflowNode {
	return {
		name,
		type: 'CUSTOM.thinZaiaAssign',
		typeVersion: 1,
		parameters,
		credentials: credential.ref,
	};
}

export const byId = (expression: string) => ({ __rl: true, mode: 'id', value: expression });
