/**
 * End-to-end tests against real n8n (test/e2e, files named *.e2e.ts). Run them with `npm run test:e2e`,
 * which builds the pack and installs n8n + Node 24 into .cache/n8n/ first
 * (scripts/e2e/install-n8n.sh). Jest itself runs on the machine's Node; n8n runs on Node 24 as
 * child processes. One file at a time: each n8n process is heavy.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	testTimeout: 300000,
	maxWorkers: 1,
	verbose: true,
};
