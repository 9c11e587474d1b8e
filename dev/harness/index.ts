/**
 * Engine harness for the tests and the benchmarks: runs this package's nodes through n8n-core's
 * real execution engine, loaded the way n8n loads a community package (its package.json `n8n`
 * block → the built files in dist/).
 */
export { PROJECT_ROOT, loadPackage } from './package-loader';
export type { LoadedPackage } from './package-loader';
export type { HarnessCredentials, CredentialUpdate } from './credentials-helper';
export { HarnessCredentialsHelper } from './credentials-helper';
export {
	ATTACH_FILE_NODE_TYPE,
	TEST_ITEMS_NODE_TYPE,
	TEXT_ANSWER_NODE_TYPE,
} from './harness-nodes';
export { TEST_ITEMS_NODE_NAME, createHarnessContext, runNode, runWorkflow } from './run';
export type {
	HarnessContext,
	HarnessFile,
	HarnessWorkflow,
	RunOptions,
	RunResult,
	RunResultError,
} from './run';
export { callListSearch, callLoadOptions } from './methods';
export { testCredential } from './credential-test';
export type { CredentialTestResult } from './credential-test';
export { resolveExpression } from './expressions';
export { runPoll } from './poll';
export type { PollOptions, PollResult } from './poll';
export { HarnessWebhookTrigger } from './webhook';
export type { WebhookCall, WebhookTriggerOptions } from './webhook';
