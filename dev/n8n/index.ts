/**
 * Real n8n for the end-to-end tests, the demo and the benchmarks: the pack installed into a
 * fresh n8n user folder, n8n's CLI and `n8n start` run on Node 24 (installed by
 * scripts/e2e/install-n8n.sh into .cache/n8n/).
 */
export {
	assertN8nInstalled,
	freePort,
	N8N_BIN,
	N8N_CACHE_DIR,
	n8nEnv,
	newN8nId,
	NODE24,
	NODE24_BIN,
	PACKAGE_NAME,
	REPO_ROOT,
} from './env';
export type { N8nEnvOptions } from './env';
export {
	chain,
	createUserFolder,
	describeCli,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackages,
	nodeOutput,
	parseRunOutput,
	publishWorkflowCli,
	runN8n,
	runN8nOk,
	uninstallPackage,
	workflow,
} from './cli';
export type {
	CliOptions,
	CliResult,
	CredentialFile,
	ExecuteResult,
	RunData,
	RunItem,
	TaskData,
	UserFolder,
	UserFolderOptions,
	WorkflowFile,
	WorkflowNode,
} from './cli';
export { N8nServer, parseFlatted, stopAllN8nServers } from './server';
export type {
	CredentialTypeDescription,
	ExecutionDetail,
	ExecutionSummary,
	NodeTypeDescription,
	OwnerAccount,
	RequestOptions,
	RestResponse,
	StartOptions,
} from './server';
