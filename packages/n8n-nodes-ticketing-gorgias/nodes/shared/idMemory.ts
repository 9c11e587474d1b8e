/**
 * A compact memory of every id a trigger has seen, for a provider whose list has no order, date
 * filter or paging to rely on: there, "new" can only mean "an id never seen before", whatever
 * dates the item carries.
 *
 * Each id is kept as a 53-bit hash, and the sorted hashes are stored as Golomb-Rice coded gaps
 * in URL-safe base-64 text: about 6.4 characters per id for 100,000 ids, 7 for 10,000 (a plain
 * JSON list of the same ids would take their full length plus quotes and commas). Two different
 * ids share a hash with a chance of about 1 in 9·10^15, times the number of ids kept; a new id
 * that did collide would be taken as seen, which at 100,000 ids is a chance of about 1 in
 * 90 billion per new item.
 */

const HASH_BITS = 53;
const HASH_SPACE = 2 ** HASH_BITS;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const FORMAT = 'r1';

/** Ids kept beyond the current list before ids that left the list are forgotten. */
const SLACK_RATIO = 1.25;
const SLACK_IDS = 1_000;

function mix32(value: number): number {
	let hash = value;
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35);
	hash ^= hash >>> 16;
	return hash >>> 0;
}

/**
 * A 53-bit hash of an id: two 32-bit lanes with different multipliers and seeds over the same
 * characters, each finished by an avalanche mix, joined into the largest integer a JavaScript
 * number holds exactly.
 */
export function hashId(id: string): number {
	let low = 0x811c9dc5;
	let high = 0x2f6b7a31;
	for (let index = 0; index < id.length; index++) {
		const code = id.charCodeAt(index);
		low = Math.imul(low ^ code, 0x01000193);
		high = Math.imul(high ^ code, 0x5bd1e995);
		high = (high << 15) | (high >>> 17);
	}
	const lowBits = mix32(low ^ id.length);
	const highBits = mix32(high + Math.imul(id.length, 0x9e3779b1)) & 0x1fffff;
	return highBits * 0x100000000 + lowBits;
}

class BitWriter {
	private readonly chars: string[] = [];
	private pending = 0;
	private pendingBits = 0;

	bit(value: number): void {
		this.pending = (this.pending << 1) | value;
		if (++this.pendingBits === 6) {
			this.chars.push(ALPHABET[this.pending]);
			this.pending = 0;
			this.pendingBits = 0;
		}
	}

	/** `count` low bits of `value`, most significant first (count ≤ 53). */
	bits(value: number, count: number): void {
		for (let shift = count - 1; shift >= 0; shift--) {
			this.bit(Math.floor(value / 2 ** shift) % 2);
		}
	}

	text(): string {
		if (this.pendingBits === 0) return this.chars.join('');
		return this.chars.join('') + ALPHABET[this.pending << (6 - this.pendingBits)];
	}
}

class BitReader {
	private position = 0;

	constructor(private readonly text: string) {}

	bit(): number {
		const char = Math.floor(this.position / 6);
		if (char >= this.text.length) throw new Error('id memory ends early');
		const value = ALPHABET.indexOf(this.text[char]);
		if (value < 0) throw new Error('id memory holds a character outside its alphabet');
		const bit = (value >> (5 - (this.position % 6))) & 1;
		this.position++;
		return bit;
	}

	bits(count: number): number {
		let value = 0;
		for (let index = 0; index < count; index++) value = value * 2 + this.bit();
		return value;
	}
}

/** The Rice parameter for `count` hashes spread over the hash space: about their mean gap. */
function riceBits(count: number): number {
	return Math.max(0, Math.floor(Math.log2(HASH_SPACE / count)));
}

/** Text form of a set of hashes. */
export function encodeIdHashes(hashes: Iterable<number>): string {
	const sorted = [...new Set(hashes)].sort((a, b) => a - b);
	if (sorted.length === 0) return `${FORMAT}:0:0:`;
	const k = riceBits(sorted.length);
	const divisor = 2 ** k;
	const writer = new BitWriter();
	let previous = 0;
	for (const hash of sorted) {
		const gap = hash - previous;
		previous = hash;
		const quotient = Math.floor(gap / divisor);
		for (let index = 0; index < quotient; index++) writer.bit(1);
		writer.bit(0);
		writer.bits(gap - quotient * divisor, k);
	}
	return `${FORMAT}:${sorted.length}:${k}:${writer.text()}`;
}

/** The hashes an encoded memory holds; undefined when the text is not an id memory. */
export function decodeIdHashes(encoded: string): Set<number> | undefined {
	const [format, countText, kText, body] = encoded.split(':');
	const count = Number(countText);
	const k = Number(kText);
	if (
		format !== FORMAT ||
		body === undefined ||
		!Number.isInteger(count) ||
		count < 0 ||
		!Number.isInteger(k) ||
		k < 0 ||
		k > HASH_BITS
	) {
		return undefined;
	}
	const reader = new BitReader(body);
	const divisor = 2 ** k;
	const hashes = new Set<number>();
	let previous = 0;
	try {
		for (let index = 0; index < count; index++) {
			let quotient = 0;
			while (reader.bit() === 1) quotient++;
			previous += quotient * divisor + reader.bits(k);
			hashes.add(previous);
		}
	} catch {
		return undefined;
	}
	return hashes;
}

/**
 * The memory after a poll that read the whole list (`listed`: every id in it): what was known
 * plus what was read. Ids that left the list are kept until the memory holds a quarter more ids
 * than the list (and at least 1,000 more), so a ticket that drops out of one answer and comes
 * back is not taken as new; past that, the memory is the list itself. Unchanged memory keeps
 * its text, so an idle poll encodes nothing.
 */
export function rememberIds(encoded: string | undefined, listed: string[]): string {
	const decoded = encoded === undefined ? undefined : decodeIdHashes(encoded);
	const known = decoded ?? new Set<number>();
	const listedHashes = new Set(listed.map(hashId));
	const before = known.size;
	for (const hash of listedHashes) known.add(hash);
	if (known.size > listedHashes.size * SLACK_RATIO + SLACK_IDS) {
		return encodeIdHashes(listedHashes);
	}
	if (decoded !== undefined && encoded !== undefined && known.size === before) return encoded;
	return encodeIdHashes(known);
}
