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

const CHAR_VALUES = new Map([...ALPHABET].map((char, value) => [char, value]));
/** Bits moved at a time: with the 5 that may wait for a full character, within 32. */
const CHUNK_BITS = 24;

class BitWriter {
	private readonly chars: string[] = [];
	private pending = 0;
	private pendingBits = 0;

	/** `count` (≤ 24) low bits of `value`, most significant first. */
	private chunk(value: number, count: number): void {
		this.pending = (this.pending << count) | value;
		this.pendingBits += count;
		while (this.pendingBits >= 6) {
			this.pendingBits -= 6;
			this.chars.push(ALPHABET[(this.pending >>> this.pendingBits) & 63]);
		}
		this.pending &= (1 << this.pendingBits) - 1;
	}

	/** `count` 1 bits and a 0: a number in unary. */
	unary(count: number): void {
		for (let left = count; left > 0; left -= CHUNK_BITS) {
			const bits = Math.min(left, CHUNK_BITS);
			this.chunk((1 << bits) - 1, bits);
		}
		this.chunk(0, 1);
	}

	/** `count` (≤ 53) low bits of `value`, most significant first. */
	bits(value: number, count: number): void {
		if (count > CHUNK_BITS) {
			const lowBits = CHUNK_BITS;
			const divisor = 2 ** lowBits;
			this.bits(Math.floor(value / divisor), count - lowBits);
			this.chunk(value % divisor, lowBits);
		} else if (count > 0) {
			this.chunk(value, count);
		}
	}

	text(): string {
		if (this.pendingBits > 0) {
			this.chars.push(ALPHABET[(this.pending << (6 - this.pendingBits)) & 63]);
			this.pending = 0;
			this.pendingBits = 0;
		}
		return this.chars.join('');
	}
}

class BitReader {
	private next = 0;
	private pending = 0;
	private pendingBits = 0;

	constructor(private readonly text: string) {}

	private fill(): void {
		if (this.next >= this.text.length) throw new Error('id memory ends early');
		const value = CHAR_VALUES.get(this.text[this.next++]);
		if (value === undefined) throw new Error('id memory holds a character outside its alphabet');
		this.pending = ((this.pending << 6) | value) & 0x3fffffff;
		this.pendingBits += 6;
	}

	/** A number in unary: the 1 bits before the next 0. */
	unary(): number {
		let count = 0;
		for (;;) {
			if (this.pendingBits === 0) this.fill();
			this.pendingBits--;
			if (((this.pending >>> this.pendingBits) & 1) === 0) return count;
			count++;
		}
	}

	/** The next `count` (≤ 53) bits as a number. */
	bits(count: number): number {
		if (count > CHUNK_BITS) {
			const high = this.bits(count - CHUNK_BITS);
			return high * 2 ** CHUNK_BITS + this.bits(CHUNK_BITS);
		}
		while (this.pendingBits < count) this.fill();
		this.pendingBits -= count;
		return (this.pending >>> this.pendingBits) & ((1 << count) - 1);
	}
}

/** The Rice parameter for `count` hashes spread over the hash space: about their mean gap. */
function riceBits(count: number): number {
	return Math.max(0, Math.floor(Math.log2(HASH_SPACE / count)));
}

/** Text form of a set of hashes. */
export function encodeIdHashes(hashes: Iterable<number>): string {
	// A typed array sorts numbers by value, and faster than a compared array.
	const sorted = Float64Array.from(new Set(hashes)).sort();
	if (sorted.length === 0) return `${FORMAT}:0:0:`;
	const k = riceBits(sorted.length);
	const divisor = 2 ** k;
	const writer = new BitWriter();
	let previous = 0;
	for (const hash of sorted) {
		const gap = hash - previous;
		previous = hash;
		const quotient = Math.floor(gap / divisor);
		writer.unary(quotient);
		writer.bits(gap - quotient * divisor, k);
	}
	return `${FORMAT}:${sorted.length}:${k}:${writer.text()}`;
}

/**
 * The last memory decoded: a poll decodes its memory to tell what is new and again to add what
 * it read, and a large one takes a while.
 */
let lastDecoded: { text: string; hashes: ReadonlySet<number> } | undefined;

/** The hashes an encoded memory holds; undefined when the text is not an id memory. */
export function decodeIdHashes(encoded: string): ReadonlySet<number> | undefined {
	if (lastDecoded?.text === encoded) return lastDecoded.hashes;
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
			previous += reader.unary() * divisor + reader.bits(k);
			hashes.add(previous);
		}
	} catch {
		return undefined;
	}
	lastDecoded = { text: encoded, hashes };
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
	const known = encoded === undefined ? undefined : decodeIdHashes(encoded);
	const listedHashes = new Set(listed.map(hashId));
	const unknown = [...listedHashes].filter((hash) => !known?.has(hash));
	const size = (known?.size ?? 0) + unknown.length;
	if (size > listedHashes.size * SLACK_RATIO + SLACK_IDS) return encodedAndKept(listedHashes);
	if (known && encoded !== undefined && unknown.length === 0) return encoded;
	return encodedAndKept(new Set([...(known ?? []), ...unknown]));
}

/** Encodes a memory and keeps it as the last decoded: the next poll reads it back first. */
function encodedAndKept(hashes: ReadonlySet<number>): string {
	const text = encodeIdHashes(hashes);
	lastDecoded = { text, hashes };
	return text;
}
