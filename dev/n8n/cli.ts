/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * n8n user folders with the pack installed, and n8n's CLI run on Node 24 against them:
 * import:credentials, import:workflow, publish:workflow and execute (with its run data parsed).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
	assertN8nInstalled,
	freePort,
	INSTALL_PACK_SCRIPT,
	N8N_BIN,
	n8nVersion,
	n8nEnv,
	newN8nId,
	n8nNode,
	REPO_ROOT,
} from './env';

const execFileAsync = promisify(execFile);

export interface UserFolder {
	/** The N8N_USER_FOLDER; n8n keeps its data in `<dir>/.n8n/`. */
	dir: string;
	/** Removes the folder (unless E2E_KEEP=1, for post-mortems). */
	remove(): Promise<void>;
}

export interface UserFolderOptions {
	/** Install the packed pack into `.n8n/nodes` (default true). */
	installPack?: boolean;
	/**
	 * Which packages to install, as folders of the repository (default `['.']`, the combined
	 * pack; `packages/<name>` for a per-provider package), one after the other.
	 */
	packageDirs?: string[];
}

/**
 * Whether this n8n's Community Nodes installer runs a plain `npm install <package>` (up to 1.88;
 * later versions unpack the package, drop its peer dependencies and install in its folder).
 */
function installsWithPlainNpm(version: string): boolean {
	const [major, minor] = version.split('.').map(Number);
	return major === 1 && minor <= 88;
}

/**
 * A fresh, empty n8n user folder in the temp dir; by default with this pack installed the way
 * n8n's Community Nodes installer does it (scripts/e2e/install-pack.sh).
 */
export async function createUserFolder(options: UserFolderOptions = {}): Promise<UserFolder> {
	assertN8nInstalled();
	const dir = await mkdtemp(join(tmpdir(), 'n8n-e2e-'));
	await installPackages(dir, (options.installPack ?? true) ? (options.packageDirs ?? ['.']) : []);
	return {
		dir,
		async remove() {
			if (process.env.E2E_KEEP === '1') return;
			await rm(dir, { recursive: true, force: true, maxRetries: 3 });
		},
	};
}

/**
 * Installs packages of the repository (folders, as in UserFolderOptions.packageDirs) into a user
 * folder the way this n8n's Community Nodes installer does; n8n loads them at its next start.
 */
export async function installPackages(userFolder: string, packageDirs: string[]): Promise<void> {
	const installer = installsWithPlainNpm(n8nVersion()) ? ['--plain'] : [];
	for (const packageDir of packageDirs) {
		await execFileAsync(
			'bash',
			[INSTALL_PACK_SCRIPT, userFolder, ...installer, '--package', packageDir],
			{ cwd: REPO_ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
		);
	}
}

/**
 * Removes an installed package from a user folder as n8n's uninstall does (`npm uninstall` in
 * `.n8n/nodes`: its folder and its entry in `.n8n/nodes/package.json`); effective at n8n's next
 * start.
 */
export async function uninstallPackage(userFolder: string, name: string): Promise<void> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	await rm(join(nodesDir, 'node_modules', name), { recursive: true, force: true });
	const manifestFile = join(nodesDir, 'package.json');
	const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
		dependencies?: Record<string, string>;
	};
	delete manifest.dependencies?.[name];
	await writeFile(manifestFile, JSON.stringify(manifest, null, 2), 'utf8');
}

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** Wall time of the command, ms. */
	durationMs: number;
}

export interface CliOptions {
	timeoutMs?: number;
	/** Extra environment variables (after n8nEnv's). */
	env?: Record<string, string>;
}

/**
 * Runs `n8n <args>` on Node 24 against a user folder and collects its output. Every run gets
 * its own task-broker port, so CLI runs never collide with each other or a running server.
 */
export async function runN8n(
	userFolder: string,
	args: string[],
	options: CliOptions = {},
): Promise<CliResult> {
	assertN8nInstalled();
	const env = n8nEnv(userFolder, { brokerPort: await freePort(), extra: options.env });
	const started = Date.now();
	const child = spawn(n8nNode().node, [N8N_BIN, ...args], {
		cwd: userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const timeoutMs = options.timeoutMs ?? 120_000;
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		child.kill('SIGKILL');
	}, timeoutMs);
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
		(resolveExit, reject) => {
			child.once('error', reject);
			child.once('close', (exitCode, exitSignal) => resolveExit([exitCode, exitSignal]));
		},
	).finally(() => clearTimeout(timer));
	if (timedOut) {
		throw new Error(
			`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
		);
	}
	const result = { code, signal, stdout, stderr, durationMs: Date.now() - started };
	if (process.env.E2E_VERBOSE === '1') {
		process.stderr.write(`--- n8n ${args.join(' ')}: ${describeCli(result)}\n`);
	}
	return result;
}

/** Like runN8n, but a non-zero exit is an error that shows the output. */
export async function runN8nOk(
	userFolder: string,
	args: string[],
	options: CliOptions = {},
): Promise<CliResult> {
	const result = await runN8n(userFolder, args, options);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} exited with ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
		);
	}
	return result;
}

/** One credential in n8n's import format; `data` is given in clear and encrypted by n8n. */
export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	/** Webhook nodes: the id n8n puts in the webhook's URL. */
	webhookId?: string;
	disabled?: boolean;
	/** n8n's node setting for errors, e.g. "continueRegularOutput" (Continue On Fail). */
	onError?: string;
}

export interface WorkflowFile {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
}

/** Connects nodes in a line: `chain(['A', 'B', 'C'])` → A → B → C on main output 0. */
export function chain(nodeNames: string[]): Record<string, unknown> {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodeNames.length - 1; i++) {
		connections[nodeNames[i]] = { main: [[{ node: nodeNames[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

/** A workflow JSON with ids and positions filled in. */
export function workflow(
	name: string,
	nodes: WorkflowNode[],
	connections: Record<string, unknown> = chain(nodes.map((node) => node.name)),
	id = newN8nId(),
): WorkflowFile {
	return {
		id,
		name,
		nodes: nodes.map((node, index) => ({
			...node,
			id: node.id ?? `${id}-node-${index}`,
			position: node.position ?? [index * 220, 0],
		})),
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

async function writeInput(userFolder: string, prefix: string, content: unknown): Promise<string> {
	const file = join(userFolder, `${prefix}-${newN8nId()}.json`);
	await writeFile(file, JSON.stringify(content, null, 2), 'utf8');
	return file;
}

/** `n8n import:credentials --input=<file>`; ids are kept as given. */
export async function importCredentials(
	userFolder: string,
	credentials: CredentialFile[],
	options: CliOptions = {},
): Promise<CliResult> {
	const file = await writeInput(userFolder, 'credentials', credentials);
	return await runN8nOk(userFolder, ['import:credentials', `--input=${file}`], options);
}

/** `n8n import:workflow --input=<file>`; ids are kept as given. */
export async function importWorkflows(
	userFolder: string,
	workflows: WorkflowFile[],
	options: CliOptions = {},
): Promise<CliResult> {
	const file = await writeInput(userFolder, 'workflows', workflows);
	return await runN8nOk(userFolder, ['import:workflow', `--input=${file}`], options);
}

/**
 * `n8n publish:workflow --id=<id>`: 2.x's CLI way to activate ("publish") a workflow. It only
 * writes the database — do it before `n8n start`; a running n8n needs the REST call instead
 * (N8nServer.activateWorkflow).
 */
export async function publishWorkflowCli(
	userFolder: string,
	workflowId: string,
): Promise<CliResult> {
	return await runN8nOk(userFolder, ['publish:workflow', `--id=${workflowId}`]);
}

// ---- run data ----

export interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
	pairedItem?: unknown;
}

export interface TaskData {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	data?: { main?: Array<RunItem[] | null> };
	error?: { message?: string; description?: string; name?: string; [key: string]: unknown };
	[key: string]: unknown;
}

/** What `n8n execute --rawOutput` prints (n8n's IRun). */
export interface RunData {
	data: {
		resultData: {
			runData: Record<string, TaskData[]>;
			error?: { message?: string; description?: string; [key: string]: unknown };
			lastNodeExecuted?: string;
		};
		[key: string]: unknown;
	};
	mode?: string;
	status?: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
	[key: string]: unknown;
}

function isRunData(value: unknown): value is RunData {
	const data = (value as { data?: { resultData?: { runData?: unknown } } } | null)?.data;
	return typeof data?.resultData === 'object' && data.resultData !== null;
}

/**
 * Finds n8n's run data in a CLI output that has log lines around it. n8n prints the run as
 * `JSON.stringify(run, null, 2)`: a line that is exactly `{` up to a line that is exactly `}`.
 * Every such block is tried, the first that parses into run data wins. Returns undefined when
 * there is none.
 */
export function parseRunOutput(output: string): RunData | undefined {
	const lines = output.split(/\r?\n/);
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as unknown;
				if (isRunData(parsed)) return parsed;
				break;
			} catch {
				// Not the end of this object yet (or not JSON at all): keep looking.
			}
		}
	}
	return undefined;
}

export interface ExecuteResult extends CliResult {
	/** The run data, also for failed runs (n8n prints it before it exits with 1). */
	run?: RunData;
	/** Message of the workflow error, when the run failed. */
	error?: string;
}

/**
 * `n8n execute --id=<id> --rawOutput`: runs the workflow from its start node (a Manual Trigger)
 * and parses the printed run data. Never throws for a failed run: check `error` / `code`.
 */
export async function executeWorkflow(
	userFolder: string,
	workflowId: string,
	options: CliOptions = {},
): Promise<ExecuteResult> {
	const result = await runN8n(
		userFolder,
		['execute', `--id=${workflowId}`, '--rawOutput'],
		options,
	);
	const run = parseRunOutput(result.stdout) ?? parseRunOutput(result.stderr);
	const runError = run?.data.resultData.error;
	let error = runError ? (runError.message ?? JSON.stringify(runError)) : undefined;
	if (!run && result.code !== 0) {
		// No run data: n8n failed before running (e.g. "Unrecognized node type: …"); its last line says why.
		const lastLine = `${result.stdout}\n${result.stderr}`
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter((line) => line !== '' && !line.startsWith('at '))
			.pop();
		error = `n8n execute exited with ${result.code ?? result.signal}: ${lastLine ?? 'no output'}`;
	}
	return { ...result, run, error };
}

/** The items a node put out (run `runIndex`, output `outputIndex`), as their `json`. */
export function nodeOutput(
	run: RunData,
	nodeName: string,
	{ runIndex = 0, outputIndex = 0 } = {},
): Array<Record<string, unknown>> {
	const task = run.data.resultData.runData[nodeName]?.[runIndex];
	if (!task) {
		const ran = Object.keys(run.data.resultData.runData).join(', ');
		throw new Error(`Node "${nodeName}" did not run (nodes that ran: ${ran || 'none'})`);
	}
	if (task.error) throw new Error(`Node "${nodeName}" failed: ${task.error.message ?? ''}`);
	return (task.data?.main?.[outputIndex] ?? []).map((item) => item.json);
}

/** Readable dump of a CLI result, for failure messages. */
export function describeCli(result: CliResult): string {
	return `exit ${result.code ?? result.signal} in ${result.durationMs} ms\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
