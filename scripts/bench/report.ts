/**
 * What every benchmark scenario hands back, and the arithmetic they share: medians over runs
 * and the Markdown table they are printed as.
 */

export interface ScenarioReport {
	/** e.g. "1. Throughput: Zaia assign, 1,000 items". */
	title: string;
	/** The target as the benchmark issue states it. */
	target: string;
	/** How the scenario was set up (sandbox latency, bucket, runs). */
	setup: string;
	columns: string[];
	rows: string[][];
	/** Met / missed, in one line, from the measured figures. */
	verdict: string;
	/** Explanations: where a target is missed, why the limit is elsewhere. */
	notes: string[];
	/**
	 * Wrong results, as opposed to slow ones: outputs that differ, items lost or emitted twice.
	 * `npm run bench` exits non-zero when there are any; timings never make it fail.
	 */
	errors: string[];
}

export function median(values: number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `once` `runs` times one after the other (never overlapping) and returns every result. */
export async function repeat<T>(runs: number, once: (run: number) => Promise<T>): Promise<T[]> {
	const results: T[] = [];
	for (let run = 0; run < runs; run++) results.push(await once(run));
	return results;
}

export const format = {
	ms: (value: number) =>
		Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : 'n/a',
	perSecond: (value: number) =>
		Number.isFinite(value)
			? `${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}/s`
			: 'n/a',
	ratio: (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a'),
	percent: (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} %` : 'n/a'),
	count: (value: number) =>
		Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a',
	mb: (bytes: number) =>
		Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : 'n/a',
	kb: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} kB` : 'n/a'),
};

export function markdownTable(columns: string[], rows: string[][]): string {
	const line = (cells: string[]) =>
		`| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
	return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

export function scenarioMarkdown(report: ScenarioReport): string {
	return [
		`### ${report.title}`,
		'',
		`Target: ${report.target}`,
		'',
		`Setup: ${report.setup}`,
		'',
		markdownTable(report.columns, report.rows),
		'',
		`**${report.verdict}**`,
		...(report.notes.length ? ['', ...report.notes.map((note) => `- ${note}`)] : []),
	].join('\n');
}

/** A figure judged against its target over every run, not only the median. */
export interface Judgement {
	/**
	 * Met: every run reached the target. Missed: no run did. Within noise: the target lies within
	 * the runs' spread, so this machine's noise decides, and the figure proves neither.
	 */
	verdict: 'Met' | 'Missed' | 'Within noise';
	median: number;
	perRun: number[];
}

/** Judges per-run figures (higher is better) against `target`. */
export function judge(perRun: number[], target: number): Judgement {
	const finite = perRun.filter((value) => Number.isFinite(value));
	const lowest = Math.min(...finite);
	const highest = Math.max(...finite);
	const verdict =
		finite.length === 0 || highest < target ? 'Missed' : lowest >= target ? 'Met' : 'Within noise';
	return { verdict, median: median(finite), perRun };
}

/** "1.28× (per run 1.06, 0.96, 1.43)". */
export function withRuns(judgement: Judgement, as: (value: number) => string): string {
	return `${as(judgement.median)} (per run ${judgement.perRun.map(as).join(', ')})`;
}

/** Ratios of two figures measured in the same runs: `top[run] / bottom[run]`. */
export function perRunRatios(top: number[], bottom: number[]): number[] {
	return top.map((value, run) => value / bottom[run]);
}

/** The verdict of several judgements together: Met only if all are met, Missed if any is. */
export function overall(judgements: Judgement[]): Judgement['verdict'] {
	if (judgements.some((entry) => entry.verdict === 'Missed')) return 'Missed';
	if (judgements.every((entry) => entry.verdict === 'Met')) return 'Met';
	return 'Within noise';
}
