/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * n8n's queue mode as admins run it: Postgres and Redis (Debian's packages, started by
 * scripts/e2e/queue-services.sh on free loopback ports), one main instance and workers, each
 * with its own user folder and its own community packages.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT } from './env';
import { N8nServer } from './server';

const execFileAsync = promisify(execFile);
const SERVICES_SCRIPT = join(REPO_ROOT, 'scripts', 'e2e', 'queue-services.sh');

export interface QueueServices {
	/** What every instance of the cluster needs: database, queue, one encryption key. */
	env: Record<string, string>;
	stop(): Promise<void>;
}

/** Postgres and Redis for one cluster, and the environment that points n8n at them. */
export async function startQueueServices(): Promise<QueueServices> {
	const dir = await mkdtemp(join(tmpdir(), 'n8n-queue-'));
	await execFileAsync('bash', [SERVICES_SCRIPT, 'start', dir], { maxBuffer: 16 * 1024 * 1024 });
	const values = Object.fromEntries(
		(await readFile(join(dir, 'services.env'), 'utf8'))
			.split('\n')
			.filter((line) => line.includes('='))
			.map((line) => line.split('=', 2) as [string, string]),
	);
	return {
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: values.PG_PORT,
			DB_POSTGRESDB_DATABASE: values.PG_DATABASE,
			DB_POSTGRESDB_USER: values.PG_USER,
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: values.REDIS_PORT,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		},
		async stop() {
			await execFileAsync('bash', [SERVICES_SCRIPT, 'stop', dir]).catch(() => undefined);
			await rm(dir, { recursive: true, force: true, maxRetries: 5 });
		},
	};
}

/** A queue-mode worker on `userFolder`, with its own health-server and task-broker ports. */
export async function startWorker(
	userFolder: string,
	services: QueueServices,
	env: Record<string, string> = {},
): Promise<N8nServer> {
	return await N8nServer.start(userFolder, {
		command: 'worker',
		env: { ...services.env, N8N_LOG_LEVEL: 'info', ...env },
	});
}

/** Execution ids a worker reports having started (its log line `Worker started execution <id>`). */
export function executionsStartedBy(worker: N8nServer): string[] {
	return [...worker.output.matchAll(/Worker started execution (\d+)/g)].map(([, id]) => id);
}
