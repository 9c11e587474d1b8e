/**
 * Gorgias accounts live at https://{subdomain}.gorgias.com. What users paste varies
 * ("acme", "acme.gorgias.com", "https://acme.gorgias.com/app/tickets"), so it is reduced to
 * one DNS label; anything that is not exactly one label on gorgias.com is refused, so a
 * credential can never be sent to another host.
 */

export const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The account's label, or undefined when the input is not a Gorgias account address. */
export function normaliseSubdomain(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	let text = raw.trim().toLowerCase();
	const scheme = /^https?:\/\//.exec(text);
	if (scheme) text = text.slice(scheme[0].length);
	// Keep the host only when a URL was pasted; a bare value may not contain any of these.
	const host = scheme ? text.split(/[/?#]/)[0] : text;
	if (!scheme && /[/?#]/.test(text)) return undefined;
	const label = host.endsWith('.gorgias.com') ? host.slice(0, -'.gorgias.com'.length) : host;
	return DNS_LABEL.test(label) ? label : undefined;
}

/**
 * The same reduction as an n8n expression, for the places where only an expression can run
 * (credential test request, OAuth2 URLs). An invalid value resolves to a host under the
 * reserved `.invalid` domain, which can never be reached.
 */
export function gorgiasOriginExpression(field: string, source: '$credentials' | '$self'): string {
	const value = `String(${source}.${field} || "").trim().toLowerCase()`;
	const pick =
		'(s => { const u = /^https?:\\/\\//.test(s); const h = u ? s.replace(/^https?:\\/\\//, "").split(/[\\/?#]/)[0] : (/[\\/?#]/.test(s) ? "" : s); const l = h.endsWith(".gorgias.com") ? h.slice(0, -12) : h; return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l) ? "https://" + l + ".gorgias.com" : "https://invalid-subdomain.invalid"; })';
	return `${pick}(${value})`;
}

/** The API origin as the credential test resolves it: the override, else the account's origin. */
export function gorgiasBaseUrlExpression(): string {
	const override = 'String($credentials.baseUrlOverride || "").trim()';
	return `={{ ${override} ? ${override}.replace(/\\/+$/, "") : ${gorgiasOriginExpression('subdomain', '$credentials')} }}`;
}
