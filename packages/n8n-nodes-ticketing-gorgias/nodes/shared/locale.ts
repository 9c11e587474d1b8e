import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Languages and time zones as providers store them: ISO 639-1 language codes and IANA time
 * zone names. The zones come from the runtime's own time zone data, so the list and the check
 * need no dependency and follow the runtime's updates.
 */

/** Every ISO 639-1 code (two letters), in alphabetical order. */
// prettier-ignore
export const LANGUAGE_CODES: readonly string[] = [
	'aa', 'ab', 'ae', 'af', 'ak', 'am', 'an', 'ar', 'as', 'av', 'ay', 'az', 'ba', 'be', 'bg',
	'bi', 'bm', 'bn', 'bo', 'br', 'bs', 'ca', 'ce', 'ch', 'co', 'cr', 'cs', 'cu', 'cv', 'cy',
	'da', 'de', 'dv', 'dz', 'ee', 'el', 'en', 'eo', 'es', 'et', 'eu', 'fa', 'ff', 'fi', 'fj',
	'fo', 'fr', 'fy', 'ga', 'gd', 'gl', 'gn', 'gu', 'gv', 'ha', 'he', 'hi', 'ho', 'hr', 'ht',
	'hu', 'hy', 'hz', 'ia', 'id', 'ie', 'ig', 'ii', 'ik', 'io', 'is', 'it', 'iu', 'ja', 'jv',
	'ka', 'kg', 'ki', 'kj', 'kk', 'kl', 'km', 'kn', 'ko', 'kr', 'ks', 'ku', 'kv', 'kw', 'ky',
	'la', 'lb', 'lg', 'li', 'ln', 'lo', 'lt', 'lu', 'lv', 'mg', 'mh', 'mi', 'mk', 'ml', 'mn',
	'mr', 'ms', 'mt', 'my', 'na', 'nb', 'nd', 'ne', 'ng', 'nl', 'nn', 'no', 'nr', 'nv', 'ny',
	'oc', 'oj', 'om', 'or', 'os', 'pa', 'pi', 'pl', 'ps', 'pt', 'qu', 'rm', 'rn', 'ro', 'ru',
	'rw', 'sa', 'sc', 'sd', 'se', 'sg', 'si', 'sk', 'sl', 'sm', 'sn', 'so', 'sq', 'sr', 'ss',
	'st', 'su', 'sv', 'sw', 'ta', 'te', 'tg', 'th', 'ti', 'tk', 'tl', 'tn', 'to', 'tr', 'ts',
	'tt', 'tw', 'ty', 'ug', 'uk', 'ur', 'uz', 've', 'vi', 'vo', 'wa', 'wo', 'xh', 'yi', 'yo',
	'za', 'zh', 'zu',
];

const LANGUAGES = new Set(LANGUAGE_CODES);

/** The ISO 639-1 code of a value, any letter case; undefined when it is not one. */
export function languageCode(value: string): string | undefined {
	const code = value.trim().toLowerCase();
	return LANGUAGES.has(code) ? code : undefined;
}

/** The languages for a dropdown: English name and code, by name. */
export function languageOptions(): INodePropertyOptions[] {
	let names: { of(code: string): string | undefined } | undefined;
	try {
		names = new Intl.DisplayNames(['en'], { type: 'language' });
	} catch {
		// A runtime without locale data still lists the codes.
	}
	return LANGUAGE_CODES.map((code) => {
		const name = names?.of(code);
		return { name: name && name !== code ? `${name} (${code})` : code, value: code };
	}).sort((a, b) => a.name.localeCompare(b.name));
}

/** The runtime's canonical zone names plus UTC, which the runtime does not list. */
function zoneNames(): string[] {
	const supported = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] })
		.supportedValuesOf;
	const names = supported ? supported('timeZone') : [];
	return names.includes('UTC') ? names : ['UTC', ...names];
}

// Area/Location names, `Etc/GMT+1`, `UTC`, `EST5EDT`: never an offset such as `+01:00`, which
// newer runtimes take as a zone but is no IANA name.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The IANA name of a time zone, in the letter case of the time zone data
 * (`europe/paris` → `Europe/Paris`); undefined when it is none. Names the runtime accepts but
 * does not list (links such as `US/Eastern`, or a newer name whose older one the runtime
 * lists) are time zones too, and are kept as given: the runtime would swap in another name.
 */
export function timeZoneName(value: string): string | undefined {
	const name = value.trim();
	if (!ZONE_NAME.test(name)) return undefined;
	let resolved: string;
	try {
		resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		return undefined;
	}
	const lower = name.toLowerCase();
	const listed = zoneNames().find((zone) => zone.toLowerCase() === lower);
	return listed ?? (resolved.toLowerCase() === lower ? resolved : name);
}

/** The time zones for a dropdown, by name. */
export function timeZoneOptions(): INodePropertyOptions[] {
	return zoneNames()
		.sort((a, b) => a.localeCompare(b))
		.map((zone) => ({ name: zone, value: zone }));
}
