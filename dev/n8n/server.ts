/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * `n8n start` as a background process on free ports, and a small client for the REST API the
 * editor uses (n8n 2.41, read from n8n/dist):
 *
 * - readiness: `GET /healthz/readiness` → 200 once the database is migrated and the server has
 *   fully started (503 before). `GET /healthz` answers 200 as soon as the port listens, and
 *   during start-up every other path answers 200 with a plain "n8n is starting up" page:
 *   neither means ready;
 * - owner setup: `POST /rest/owner/setup {email, firstName, lastName, password}` (no auth; the
 *   password needs 8–64 chars, a digit and an uppercase letter); answers with the `n8n-auth`
 *   cookie, i.e. it also logs in;
 * - login: `POST /rest/login {emailOrLdapLoginId, password}` → `n8n-auth` cookie (a JWT). The
 *   cookie is bound to the `browser-id` header sent with the login, so every request sends the
 *   same one; `POST /rest/logout` denies the token (see logout() for the same-second catch);
 * - node and credential types: `GET /types/nodes.json`, `GET /types/credentials.json`
 *   (auth required since 2.x);
 * - workflows: `GET /rest/workflows/:id` (gives `versionId`), `POST /rest/workflows/:id/activate
 *   {versionId}` publishes that version and activates its triggers (a poll trigger polls once at
 *   once), `POST /rest/workflows/:id/deactivate {}`;
 * - executions: `GET /rest/executions?filter={"workflowId":…}&limit=…` →
 *   `{results:[{id,status,mode,…}], count}`; `GET /rest/executions/:id` → the execution whose
 *   `data` is the run data serialized with `flatted` (parsed here).
 *
 * Every REST answer is wrapped as `{ data: … }`; `rest()` unwraps it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from 'undici';

import type { RunData } from './cli';
import { assertN8nInstalled, freePort, N8N_BIN, n8nEnv, n8nNode } from './env';

export interface StartOptions {
	/** Extra environment variables for n8n. */
	env?: Record<string, string>;
	/** How long to wait for /healthz/readiness (default 120 s: a first start runs all migrations). */
	readyTimeoutMs?: number;
	/** The editor's port (default: a free one); for a worker, its health server's port. */
	port?: number;
	/**
	 * `start` (default): the main instance with the editor and REST API. `worker`: a queue-mode
	 * worker (`n8n worker`), ready once its health server answers /healthz/readiness; it serves
	 * nothing else, so only `output`, `pid` and `stop()` apply.
	 */
	command?: 'start' | 'worker';
}

export interface OwnerAccount {
	email: string;
	/** Generated per server: test code holds no literal secrets. */
	password: string;
	firstName: string;
	lastName: string;
}

export interface RestResponse<T = unknown> {
	status: number;
	body: T;
	headers: Record<string, string | string[] | undefined>;
}

export interface RequestOptions {
	body?: unknown;
	/** Send the session cookie (default true). */
	auth?: boolean;
	headers?: Record<string, string>;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string;
	[key: string]: unknown;
}

export interface ExecutionDetail extends ExecutionSummary {
	/** The run data (what `n8n execute --rawOutput` prints under `data`). */
	data: RunData['data'];
	workflowData?: unknown;
}

export interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string }>;
	[key: string]: unknown;
}

export interface CredentialTypeDescription {
	name: string;
	displayName: string;
	[key: string]: unknown;
}

/**
 * Parses `flatted` text (what n8n stores and serves execution data as): a JSON array whose first
 * entry is the root; inside entries, every string is the index of another entry.
 */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') {
			revived.set(index, entry);
			return entry;
		}
		const out: Record<string, unknown> | unknown[] = Array.isArray(entry) ? [] : {};
		revived.set(index, out);
		for (const [key, value] of Object.entries(entry)) {
			(out as Record<string, unknown>)[key] =
				typeof value === 'string' ? revive(Number(value)) : value;
		}
		return out;
	};
	return revive(0);
}

function generatedOwner(): OwnerAccount {
	// Meets n8n's password rules: 8–64 characters, a digit, an uppercase letter.
	const generated = `E2e-${randomBytes(12).toString('base64url')}-9Z`;
	return {
		email: `owner-${randomBytes(4).toString('hex')}@e2e.test`,
		password: generated,
		firstName: 'E2E',
		lastName: 'Owner',
	};
}

/** Servers started and not stopped yet (see stopAllN8nServers). */
const liveServers = new Set<N8nServer>();

/**
 * Stops every n8n server this test file started and has not stopped. A running n8n keeps Jest
 * from exiting, so suites that start servers should call this in `afterAll` as a safety net.
 */
export async function stopAllN8nServers(): Promise<void> {
	await Promise.all([...liveServers].map(async (server) => await server.stop()));
}

/** The `data` of a REST answer that must be a 2xx JSON answer. */
function unwrap<T>(method: string, path: string, response: RestResponse): T {
	if (response.status < 200 || response.status >= 300) {
		throw new Error(
			`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 2000)}`,
		);
	}
	if (typeof response.body !== 'object' || response.body === null) {
		// e.g. the "n8n is starting up" page, or the editor's index.html for an unknown path.
		throw new Error(
			`${method} ${path} answered ${response.status} without JSON: ${String(response.body).slice(0, 300)}`,
		);
	}
	const wrapped = response.body as { data?: T } | T;
	return wrapped !== null && typeof wrapped === 'object' && 'data' in wrapped
		? (wrapped.data as T)
		: (wrapped as T);
}

export class N8nServer {
	/** Everything n8n printed (stdout and stderr interleaved), for failure messages. */
	output = '';
	owner?: OwnerAccount;

	private cookie?: string;
	private readonly browserId = randomUUID();
	private exited?: Promise<void>;
	private exitCode: number | null | undefined;

	private constructor(
		readonly userFolder: string,
		readonly port: number,
		private readonly child: ChildProcess,
	) {
		this.exited = new Promise<void>((resolveExit) => {
			child.once('exit', (code) => {
				this.exitCode = code;
				resolveExit();
			});
		});
		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The n8n process (`node n8n start`), e.g. to read its memory from /proc. */
	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	/** `n8n start` on a free port (and a free task-broker port), resolved once it is ready. */
	static async start(userFolder: string, options: StartOptions = {}): Promise<N8nServer> {
		assertN8nInstalled();
		const command = options.command ?? 'start';
		const port = options.port ?? (await freePort());
		const health: Record<string, string> =
			command === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port),
						QUEUE_HEALTH_CHECK_ADDRESS: '127.0.0.1',
					}
				: {};
		const env = n8nEnv(userFolder, {
			port: command === 'start' ? port : undefined,
			brokerPort: await freePort(),
			extra: { ...health, ...options.env },
		});
		// Own process group, so stop() can take down n8n's task runner children too if n8n hangs.
		const child = spawn(n8nNode().node, [N8N_BIN, command], {
			cwd: userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const server = new N8nServer(userFolder, port, child);
		liveServers.add(server);
		let ready = false;
		try {
			await server.waitUntilReady(options.readyTimeoutMs ?? 120_000, command);
			ready = true;
		} finally {
			if (!ready) await server.stop();
		}
		return server;
	}

	private async waitUntilReady(timeoutMs: number, command: 'start' | 'worker'): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) {
				throw new Error(
					`n8n ${command} exited with ${this.exitCode} before it was ready\n${this.output}`,
				);
			}
			try {
				const { status } = await this.request('GET', '/healthz/readiness', { auth: false });
				// n8n 1.x reports ready before its REST routes are mounted: wait for those too
				if (status === 200 && command === 'worker') return;
				if (status === 200) {
					const settings = await this.request('GET', '/rest/settings', { auth: false });
					if (settings.status === 200) return;
				}
			} catch {
				// Not listening yet.
			}
			await sleep(250);
		}
		throw new Error(`n8n was not ready after ${timeoutMs} ms\n${this.output}`);
	}

	/** Raw HTTP call; `body` is sent as JSON, the answer parsed as JSON when it is JSON. */
	async request<T = unknown>(
		method: string,
		path: string,
		options: RequestOptions = {},
	): Promise<RestResponse<T>> {
		const headers: Record<string, string> = {
			accept: 'application/json',
			'browser-id': this.browserId,
			...options.headers,
		};
		if ((options.auth ?? true) && this.cookie) headers.cookie = this.cookie;
		let payload: string | undefined;
		if (options.body !== undefined) {
			headers['content-type'] = 'application/json';
			payload = JSON.stringify(options.body);
		}
		const response = await request(`${this.baseUrl}${path}`, {
			method: method as 'GET',
			headers,
			body: payload,
		});
		const text = await response.body.text();
		let body: unknown = text;
		if (/json/.test(String(response.headers['content-type'] ?? ''))) {
			try {
				body = JSON.parse(text) as unknown;
			} catch {
				// Leave the text as it is.
			}
		}
		this.keepAuthCookie(response.headers['set-cookie']);
		return { status: response.statusCode, body: body as T, headers: response.headers };
	}

	/** REST call that must succeed (2xx); returns the unwrapped `data`. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		return unwrap<T>(method, path, await this.request<{ data?: T }>(method, path, { body }));
	}

	private keepAuthCookie(setCookie: string | string[] | undefined): void {
		for (const cookie of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
			const [pair] = cookie.split(';');
			if (pair.startsWith('n8n-auth='))
				this.cookie = pair.length > 'n8n-auth='.length ? pair : undefined;
		}
	}

	/** Sets up the instance owner (the first user) and keeps its session. */
	async setupOwner(owner: OwnerAccount = generatedOwner()): Promise<OwnerAccount> {
		await this.rest('POST', '/rest/owner/setup', {
			email: owner.email,
			firstName: owner.firstName,
			lastName: owner.lastName,
			password: owner.password,
		});
		this.owner = owner;
		return owner;
	}

	/** Logs in (by default as the owner set up here) and keeps the session cookie. */
	async login(email = this.owner?.email, password = this.owner?.password): Promise<void> {
		if (!email || !password) throw new Error('login(): no account given and no owner set up');
		this.cookie = undefined;
		await this.rest('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		if (!this.cookie) throw new Error('login(): n8n set no n8n-auth cookie');
	}

	/**
	 * Logs out: n8n puts the session token on its deny list. Waits into the next second before it
	 * returns: n8n's JWT carries only second-precision times, so a login in the same second would
	 * get the very token just denied (and every call would answer 401).
	 */
	async logout(): Promise<void> {
		await this.rest('POST', '/rest/logout');
		this.cookie = undefined;
		await sleep(1000 - (Date.now() % 1000) + 50);
	}

	/** The node types the editor loads (`/types/nodes.json`). */
	async nodeTypes(): Promise<NodeTypeDescription[]> {
		return await this.rest<NodeTypeDescription[]>('GET', '/types/nodes.json');
	}

	/** The credential types the editor loads (`/types/credentials.json`). */
	async credentialTypes(): Promise<CredentialTypeDescription[]> {
		return await this.rest<CredentialTypeDescription[]>('GET', '/types/credentials.json');
	}

	async getWorkflow(
		workflowId: string,
	): Promise<{ id: string; versionId: string; active: boolean; [key: string]: unknown }> {
		return await this.rest('GET', `/rest/workflows/${encodeURIComponent(workflowId)}`);
	}

	/**
	 * Publishes the workflow's current version and activates its triggers, as the editor does.
	 * n8n before the activate endpoint (1.85 has none) activates with an update of `active`.
	 */
	async activateWorkflow(workflowId: string): Promise<{ active: boolean; [key: string]: unknown }> {
		return await this.setActive(workflowId, true);
	}

	async deactivateWorkflow(
		workflowId: string,
	): Promise<{ active: boolean; [key: string]: unknown }> {
		return await this.setActive(workflowId, false);
	}

	private async setActive(
		workflowId: string,
		active: boolean,
	): Promise<{ active: boolean; [key: string]: unknown }> {
		const { versionId } = await this.getWorkflow(workflowId);
		const path = `/rest/workflows/${encodeURIComponent(workflowId)}`;
		const body = active ? { versionId } : {};
		const endpoint = `${path}/${active ? 'activate' : 'deactivate'}`;
		const response = await this.request('POST', endpoint, { body });
		if (response.status === 404) return await this.rest('PATCH', path, { active, versionId });
		return unwrap('POST', endpoint, response);
	}

	/** Executions, newest first. */
	async listExecutions(
		filter: { workflowId?: string; status?: string[] } = {},
		limit = 50,
	): Promise<ExecutionSummary[]> {
		const query = new URLSearchParams({ limit: String(limit) });
		if (Object.keys(filter).length > 0) query.set('filter', JSON.stringify(filter));
		const page = await this.rest<{ results: ExecutionSummary[] }>(
			'GET',
			`/rest/executions?${query}`,
		);
		return page.results;
	}

	/**
	 * How many executions match (n8n's own count; the list itself comes 100 at most per page).
	 * Under a burst n8n may answer 503 "Database is not ready!" for a moment (its database health
	 * check timed out): that answer is asked again.
	 */
	async countExecutions(filter: { workflowId?: string; status?: string[] } = {}): Promise<number> {
		const query = new URLSearchParams({ limit: '1', filter: JSON.stringify(filter) });
		const path = `/rest/executions?${query}`;
		const deadline = Date.now() + 60_000;
		for (;;) {
			const response = await this.request<{ data?: { count: number } }>('GET', path);
			if (response.status !== 503 || Date.now() > deadline) {
				return unwrap<{ count: number }>('GET', path, response).count;
			}
			await sleep(1_000);
		}
	}

	/** One execution with its run data. */
	async getExecution(executionId: string): Promise<ExecutionDetail> {
		const execution = await this.rest<ExecutionSummary & { data: unknown; workflowData?: unknown }>(
			'GET',
			`/rest/executions/${encodeURIComponent(executionId)}`,
		);
		const data = typeof execution.data === 'string' ? parseFlatted(execution.data) : execution.data;
		return { ...execution, data: data as RunData['data'] } as ExecutionDetail;
	}

	/** Waits until `count` finished (not running / new / waiting) executions of a workflow exist. */
	async waitForExecutions(
		workflowId: string,
		count = 1,
		timeoutMs = 60_000,
	): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		let last: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			last = (await this.listExecutions({ workflowId })).filter(
				(execution) => !['running', 'new', 'waiting'].includes(execution.status),
			);
			if (last.length >= count) return last;
			await sleep(500);
		}
		throw new Error(
			`Only ${last.length} of ${count} executions of ${workflowId} after ${timeoutMs} ms\n${this.output}`,
		);
	}

	/**
	 * kill -9 of n8n and its task runner (the whole process group), as a crash or an OOM kill
	 * would: no shutdown hook runs, running executions stay as they were in the database.
	 */
	async kill(): Promise<void> {
		liveServers.delete(this);
		if (!this.running || this.child.pid === undefined) return;
		try {
			process.kill(-this.child.pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
		await this.exited;
	}

	/** SIGTERM and wait (n8n shuts down gracefully); SIGKILL for the whole group after `timeoutMs`. */
	async stop(timeoutMs = 20_000): Promise<void> {
		liveServers.delete(this);
		if (!this.running) return;
		this.child.kill('SIGTERM');
		const timer = new AbortController();
		const stopped = await Promise.race([
			this.exited?.then(() => true),
			sleep(timeoutMs, false, { signal: timer.signal }).catch(() => false),
		]);
		timer.abort();
		if (!stopped && this.child.pid !== undefined) {
			try {
				process.kill(-this.child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
			await this.exited;
		}
		if (process.env.E2E_VERBOSE === '1') {
			process.stderr.write(`--- n8n start (${this.userFolder}) output\n${this.output}\n`);
		}
	}
}
