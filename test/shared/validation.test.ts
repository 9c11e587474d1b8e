import type { INode } from 'n8n-workflow';

import {
	assumeUtc,
	itemContext,
	optionalUuid,
	requireBoolean,
	requireEmail,
	requireInteger,
	requireIsoDateTime,
	requireLanguageCode,
	requireString,
	requireTimeZone,
	requireUuid,
	requireUuidList,
	toList,
} from '../../nodes/shared/validation';

const node = {
	name: 'Ticketing',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as unknown as INode;
const at = { node, itemIndex: 3 };

describe('input validation', () => {
	it('recognises UUIDs, emails and ISO 8601 date-times', () => {
		expect(requireUuid(at, 'Ticket', '3F2B8C1E-5A4D-4C6B-9E2F-1A2B3C4D5E6F')).toBe(
			'3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
		);
		expect(() => requireUuid(at, 'Ticket', '3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6')).toThrow(
			'expected a UUID',
		);
		expect(requireEmail(at, 'Sender', 'ana@example.com')).toBe('ana@example.com');
		for (const bad of ['ana@', 'ana example.com', 'a@b', '@x.io']) {
			expect(() => requireEmail(at, 'Sender', bad)).toThrow('expected an email address');
		}
		for (const good of [
			'2024-11-15T10:30:00Z',
			'2021-11-02T21:58:43.171610+00:00',
			'2019-11-16T15:59:41.966927',
		]) {
			expect(requireIsoDateTime(at, 'When', good)).toBe(good);
		}
		for (const bad of ['2024-11-15', '2024-13-01T00:00:00Z', '15/11/2024 10:30', 'yesterday']) {
			expect(() => requireIsoDateTime(at, 'When', bad)).toThrow('expected an ISO 8601 date-time');
		}
	});

	it('recognises ISO 639-1 language codes and IANA time zone names', () => {
		expect(requireLanguageCode(at, 'Language', 'fr')).toBe('fr');
		expect(requireLanguageCode(at, 'Language', ' EN ')).toBe('en');
		for (const bad of ['English', 'eng', 'en-US', 'xx', 'f']) {
			expect(() => requireLanguageCode(at, 'Language', bad)).toThrow(
				`Invalid "Language" in item 3: expected a two-letter ISO 639-1 language code such as en or fr but got "${bad}"`,
			);
		}
		expect(() => requireLanguageCode(at, 'Language', { code: 'fr' })).toThrow(
			'expected text but got an object',
		);
		for (const [given, sent] of [
			['Europe/Paris', 'Europe/Paris'],
			['europe/paris', 'Europe/Paris'],
			['UTC', 'UTC'],
			['utc', 'UTC'],
			['Etc/GMT+1', 'Etc/GMT+1'],
			['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
		]) {
			expect(requireTimeZone(at, 'Timezone', given)).toBe(sent);
		}
		// Accepted by the runtime though not in its canonical list: still an IANA name.
		expect(requireTimeZone(at, 'Timezone', 'US/Eastern')).toBe('US/Eastern');
		for (const bad of ['Paris', '+01:00', 'GMT+1', 'Europe/Pariss', 'Europe/']) {
			expect(() => requireTimeZone(at, 'Timezone', bad)).toThrow(
				`Invalid "Timezone" in item 3: expected an IANA time zone name such as Europe/Paris or UTC but got "${bad}"`,
			);
		}
	});

	it('takes a date-time without an offset as UTC and keeps one that has an offset', () => {
		expect(assumeUtc('2024-11-15T10:30:00')).toBe('2024-11-15T10:30:00Z');
		expect(assumeUtc('2024-11-15T10:30:00+02:00')).toBe('2024-11-15T10:30:00+02:00');
		expect(assumeUtc('2024-11-15T10:30:00.5z')).toBe('2024-11-15T10:30:00.5z');
	});

	it('reports checks against the node and item it is given', () => {
		expect(itemContext({ getNode: () => node }, 4)).toEqual({ node, itemIndex: 4 });
		expect(itemContext({ getNode: () => node })).toEqual({ node, itemIndex: 0 });
	});

	it('names the parameter and the item in every rejection', () => {
		expect(() => requireUuid(at, 'Ticket', 'abc')).toThrow(
			'Invalid "Ticket" in item 3: expected a UUID',
		);
		expect(() => requireString(at, 'Subject', '   ')).toThrow(
			'Invalid "Subject" in item 3: a value is required',
		);
		expect(() => requireString(at, 'Subject', { a: 1 })).toThrow('expected text but got an object');
		expect(() => requireEmail(at, 'Sender', 'nobody')).toThrow(
			'Invalid "Sender" in item 3: expected an email address',
		);
		expect(() => requireIsoDateTime(at, 'Received At', '2024-11-15')).toThrow(
			'expected an ISO 8601 date-time',
		);
		expect(() => requireInteger(at, 'Sources', 2.5)).toThrow(
			'Invalid "Sources" in item 3: expected a whole number',
		);
		expect(() => requireInteger(at, 'Limit', 0, { min: 1 })).toThrow(
			'expected a number between 1 and',
		);
		expect(() => requireBoolean(at, 'Is Agent', 'yes')).toThrow('expected true or false');
		try {
			requireUuid(at, 'Ticket', 'abc');
		} catch (error) {
			expect((error as { context: { itemIndex: number } }).context.itemIndex).toBe(3);
		}
	});

	it('normalises accepted values', () => {
		expect(requireUuid(at, 'Ticket', ' 3F2B8C1E-5A4D-4C6B-9E2F-1A2B3C4D5E6F ')).toBe(
			'3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
		);
		expect(optionalUuid(at, 'Team', '')).toBeNull();
		expect(optionalUuid(at, 'Team', null)).toBeNull();
		expect(requireInteger(at, 'Sources', '2')).toBe(2);
		expect(requireString(at, 'External ID', 1042)).toBe('1042');
		expect(toList(at, 'Tags', 'a, b,,a , c')).toEqual(['a', 'b', 'c']);
		expect(toList(at, 'Tags', ['x', 7])).toEqual(['x', '7']);
		expect(toList(at, 'Tags', undefined)).toEqual([]);
		expect(() => toList(at, 'Tags', [{}])).toThrow('one entry is an object');
		expect(() =>
			requireUuidList(at, 'Assignee IDs', '3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f, bob'),
		).toThrow('Invalid "Assignee IDs" in item 3');
	});
});
