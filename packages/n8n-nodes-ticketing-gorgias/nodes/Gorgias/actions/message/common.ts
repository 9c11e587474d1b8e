import type { IDataObject } from 'n8n-workflow';

/**
 * Gorgias message bodies per channel, following Gorgias' ticket-creation guide: the channel
 * decides who the sender is, whether a `source` with from/to addresses is needed, and the
 * `via` / `from_agent` flags. One place builds them for new tickets, replies, internal notes
 * and take-over notes, so every path sends the same, valid shape.
 */

export const MESSAGE_CHANNELS = ['api', 'chat', 'email', 'internal-note', 'phone', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export type Direction = 'incoming' | 'outgoing';

export interface MessageSpec {
	channel: MessageChannel;
	direction: Direction;
	bodyText: string;
	bodyHtml?: string;
	subject?: string;
	customerEmail?: string;
	/** An existing customer; incoming messages are then sent as that customer. */
	customerId?: number;
	customerPhone?: string;
	/** The helpdesk's own address on the channel: support email or phone number. */
	supportAddress?: string;
	senderUserId?: number;
	/** Set for imports: Gorgias then stores the message without sending it. */
	sentDatetime?: string;
}

/** What a spec needs, per channel and direction, so callers can check input first. */
export function requirements(channel: MessageChannel, direction: Direction) {
	const outgoing = channel === 'internal-note' || direction === 'outgoing';
	const phoneLike = channel === 'phone' || channel === 'sms';
	return {
		/** A Gorgias user sends notes and outgoing messages. */
		senderUser: outgoing,
		customerPhone: phoneLike,
		supportAddress: channel === 'email' || phoneLike,
	};
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`).replace(/\n/g, '<br>');
}

export function buildMessage(spec: MessageSpec): IDataObject {
	const { channel } = spec;
	const fromAgent = channel === 'internal-note' || spec.direction === 'outgoing';
	const message: IDataObject = {
		channel,
		via: channel === 'internal-note' ? 'internal-note' : 'api',
		from_agent: fromAgent,
		body_text: spec.bodyText,
		body_html: spec.bodyHtml ?? escapeHtml(spec.bodyText),
		// Keyword rules read stripped_text; without it they do not fire.
		stripped_text: spec.bodyText,
	};
	if (spec.subject) message.subject = spec.subject;
	if (spec.sentDatetime) message.sent_datetime = spec.sentDatetime;

	if (fromAgent) {
		message.sender = { id: spec.senderUserId };
	} else if (spec.customerId !== undefined) {
		message.sender = { id: spec.customerId };
	} else if (spec.customerEmail) {
		message.sender = { email: spec.customerEmail };
	}
	if (channel === 'internal-note') return message;

	const customerAddress =
		channel === 'phone' || channel === 'sms' ? spec.customerPhone : spec.customerEmail;
	const sourceType = channel === 'phone' || channel === 'sms' ? 'phone' : channel;
	if (spec.direction === 'incoming') {
		if (channel === 'email' || channel === 'phone' || channel === 'sms') {
			message.source = {
				type: sourceType,
				from: { address: customerAddress },
				to: [{ address: spec.supportAddress }],
			};
		}
	} else {
		message.source = {
			type: sourceType,
			...(spec.supportAddress ? { from: { address: spec.supportAddress } } : {}),
			to: [{ address: customerAddress }],
		};
	}
	return message;
}

/** Ticket-level flags that go with the first message (internal notes open API tickets). */
export function ticketEnvelope(message: IDataObject): IDataObject {
	return {
		channel: message.channel === 'internal-note' ? 'api' : message.channel,
		via: 'api',
		from_agent: message.from_agent,
	};
}
