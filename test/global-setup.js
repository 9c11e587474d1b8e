/**
 * `npm test` builds the packages itself: `.npmrc` disables npm's pre/post hooks (ignore-scripts),
 * so a `pretest` would never run and a fresh clone would test a dist/ that does not exist. The
 * build's start time is handed to the tests, which check that what they load is this build's.
 */
const { execFileSync } = require('node:child_process');

module.exports = async function buildBeforeTests() {
	process.env.TICKETING_BUILD_STARTED_AT = String(Date.now());
	execFileSync('npm', ['run', '--silent', 'build'], { cwd: __dirname + '/..', stdio: 'inherit' });
};
