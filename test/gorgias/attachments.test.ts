import type { INodeParameters } from 'n8n-workflow';

import type { HarnessFile } from '../../dev/harness';
import { faults } from '../../dev/sandboxes/faults';
import { parseMultipart } from '../../dev/sandboxes/multipart';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import type { GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { expectRefusedBeforeSending, jsonOf, rl, sandboxPerTest, sent } from '../kit';
import { CANARY, runGorgias, startSandbox } from './setup';

const PDF = Buffer.from('%PDF-1.4 invoice 1042 \u0000\u00ff binary bytes');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xfe]);

describe('Gorgias attachments', () => {
	let sandbox: GorgiasSandbox;
	let agent: number;

	sandboxPerTest(
		async () => await startSandbox({ uploadLimitBytes: 1024 * 1024 }),
		(started) => {
			sandbox = started;
			agent = sandbox.addUser({ name: 'Ana' }).id;
		},
	);

	const file = (data: Buffer, fileName: string, mimeType: string) => ({
		data: data.toString('base64'),
		fileName,
		mimeType,
	});
	const note = (
		extra: INodeParameters,
		files: Array<Record<string, HarnessFile>> = [
			{ invoice: file(PDF, 'invoice.pdf', 'application/pdf') },
		],
	) =>
		runGorgias(sandbox, {
			files,
			parameters: {
				resource: 'message',
				operation: 'create',
				ticketId: rl(sandbox.addTicket().id),
				kind: 'internalNote',
				senderUser: rl(agent),
				body: 'Invoice attached',
				...extra,
			},
		});

	/** Message → Get Many of the ticket, downloading attachments. */
	const messagesWithFiles = async (ticketId: number) =>
		await runGorgias(sandbox, {
			parameters: {
				resource: 'message',
				operation: 'getMany',
				ticketId: rl(ticketId),
				returnAll: true,
				downloadAttachments: true,
			},
		});

	it('uploads the binary properties in one multipart request and attaches what Gorgias returned', async () => {
		const result = await note({ attachments: 'invoice, photo' }, [
			{
				invoice: file(PDF, 'invoice.pdf', 'application/pdf'),
				photo: file(PNG, 'parcel.png', 'image/png'),
			},
		]);
		expect(result.error).toBeUndefined();
		const [upload] = sandbox.requestsTo(GORGIAS_ROUTES.upload);
		expect(upload.query).toEqual({ type: 'attachment' });
		const parts = parseMultipart(String(upload.headers['content-type']), upload.rawBytes);
		expect(parts).toEqual([
			{ name: 'invoice.pdf', filename: 'invoice.pdf', contentType: 'application/pdf', data: PDF },
			{ name: 'parcel.png', filename: 'parcel.png', contentType: 'image/png', data: PNG },
		]);
		// The credential is applied by n8n to the upload as to every request.
		expect(upload.headers.authorization).toBe(sandbox.basicAuthorization);
		const [post] = sandbox.requestsTo(GORGIAS_ROUTES.createTicketMessage);
		const uploaded = [...sandbox.files.values()];
		expect((post.body as { attachments: unknown[] }).attachments).toEqual([
			{
				content_type: 'application/pdf',
				name: 'invoice.pdf',
				size: PDF.length,
				url: `https://uploads.gorgias.io/${uploaded[0].hash}/invoice.pdf`,
			},
			expect.objectContaining({ name: 'parcel.png', size: PNG.length }),
		]);
		expect(jsonOf(result)[0]).toMatchObject({
			channel: 'internal-note',
			attachments: [
				expect.objectContaining({ name: 'invoice.pdf' }),
				expect.objectContaining({ name: 'parcel.png' }),
			],
		});
	});

	it('a reply carries attachments too', async () => {
		const result = await note({
			kind: 'reply',
			replyChannel: 'email',
			customerEmail: 'ann@shop.example',
			supportEmail: 'support@acme.example',
			attachments: 'invoice',
		});
		expect(result.error).toBeUndefined();
		expect(sent(sandbox)).toEqual([
			'POST /api/upload',
			expect.stringMatching(/^POST \/api\/tickets\/\d+\/messages$/),
		]);
		expect(jsonOf(result)[0]).toMatchObject({
			channel: 'email',
			attachments: [expect.any(Object)],
		});
	});

	it('a missing binary property is refused before any request, naming it', async () => {
		const result = await note({ attachments: 'invoice, contract' });
		expectRefusedBeforeSending(result, sandbox, 'Attachments (Binary Properties)');
		expect(result.error?.message).toContain('the item has no binary property "contract"');
	});

	it('a file over the size limit, or an empty one, stops the item with nothing sent', async () => {
		const big = Buffer.alloc(2 * 1024 * 1024 + 5, 1);
		const tooBig = await note({ attachments: 'invoice, video', maxAttachmentMb: 2 }, [
			{
				invoice: file(PDF, 'invoice.pdf', 'application/pdf'),
				video: file(big, 'unboxing.mp4', 'video/mp4'),
			},
		]);
		expect(tooBig.error?.message).toBe(
			'Invalid "Attachments (Binary Properties)" in item 0: the file "unboxing.mp4" (binary property "video") is 2.0 MB, more than 2.0 MB',
		);
		expect(sandbox.requests).toEqual([]);

		const empty = await note({ attachments: 'blank' }, [
			{ blank: file(Buffer.alloc(0), 'blank.txt', 'text/plain') },
		]);
		expect(empty.error?.message).toContain(
			'the file "blank.txt" (binary property "blank") is empty',
		);
		expect(sandbox.requests).toEqual([]);
	});

	it('an upload is never sent twice: a 502 stops the item as sent once; a 429 (unprocessed) is sent again', async () => {
		sandbox.injectFault(GORGIAS_ROUTES.upload, faults.status(502));
		const failed = await note({ attachments: 'invoice' });
		expect(failed.error?.message).toContain('502');
		expect(sandbox.requestsTo(GORGIAS_ROUTES.upload)).toHaveLength(1);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createTicketMessage)).toHaveLength(0);
		sandbox.clearLog();
		sandbox.injectFault(GORGIAS_ROUTES.upload, faults.tooManyRequests('0'));
		const result = await note({ attachments: 'invoice' });
		expect(result.error).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.upload).map((request) => request.status)).toEqual([
			429, 201,
		]);
		expect(sandbox.files.size).toBe(1);
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createTicketMessage)).toHaveLength(1);
	});

	it("Gorgias' own 413 is shown with its message, and no message is posted", async () => {
		const big = Buffer.alloc(1024 * 1024 + 1, 2);
		const result = await note({ attachments: 'scan', maxAttachmentMb: 5 }, [
			{ scan: file(big, 'scan.tiff', 'image/tiff') },
		]);
		expect(result.error).toMatchObject({
			httpCode: '413',
			message: 'Gorgias API error 413: scan.tiff is too large',
		});
		expect(sandbox.requestsTo(GORGIAS_ROUTES.createTicketMessage)).toEqual([]);
	});

	it('Message → Get Many downloads attachments into binary output, the signed URL fetched without the credential', async () => {
		const ticket = sandbox.addTicket();
		const invoice = sandbox.addFile('invoice.pdf', PDF, 'application/pdf');
		const photo = sandbox.addFile('parcel.png', PNG, 'image/png');
		sandbox.addMessage(ticket.id, { attachments: [invoice, photo] });
		const result = await messagesWithFiles(ticket.id);
		expect(result.error).toBeUndefined();
		const withFiles = result.items.find((item) => item.binary);
		expect(Object.keys(withFiles?.binary ?? {})).toEqual(['attachment_0', 'attachment_1']);
		expect(withFiles?.binary?.attachment_0).toMatchObject({
			fileName: 'invoice.pdf',
			mimeType: 'application/pdf',
		});
		const signed = sandbox.requestsTo(GORGIAS_ROUTES.signedFile);
		expect(signed.map((call) => call.status)).toEqual([200, 200]);
		expect(signed.every((call) => call.headers.authorization === undefined)).toBe(true);
		expect(
			sandbox
				.requestsTo(GORGIAS_ROUTES.downloadAttachment)
				.map((call) => call.headers.authorization),
		).toEqual([sandbox.basicAuthorization, sandbox.basicAuthorization]);
		expect(JSON.stringify(result.items)).not.toContain(CANARY);
	});

	it('Ticket → Get downloads the attachments of all its messages; off by default', async () => {
		const ticket = sandbox.addTicket();
		sandbox.addMessage(ticket.id, {
			attachments: [sandbox.addFile('a.txt', Buffer.from('A'), 'text/plain')],
		});
		sandbox.addMessage(ticket.id, {
			attachments: [sandbox.addFile('b.txt', Buffer.from('B'), 'text/plain')],
		});
		const plain = await runGorgias(sandbox, {
			parameters: { operation: 'get', ticketId: rl(ticket.id) },
		});
		expect(plain.items[0].binary).toBeUndefined();
		expect(sandbox.requestsTo(GORGIAS_ROUTES.downloadAttachment)).toEqual([]);

		const result = await runGorgias(sandbox, {
			parameters: {
				operation: 'get',
				ticketId: rl(ticket.id),
				downloadAttachments: true,
				binaryPrefix: 'file_',
				simplify: true,
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provider: 'gorgias', id: String(ticket.id) });
		expect(
			Object.entries(result.items[0].binary ?? {}).map(([key, value]) => [key, value.fileName]),
		).toEqual([
			['file_0', 'a.txt'],
			['file_1', 'b.txt'],
		]);
	});

	it('a download that fails shows Gorgias\u2019 message and code', async () => {
		const ticket = sandbox.addTicket();
		sandbox.addMessage(ticket.id, {
			attachments: [{ url: 'https://uploads.gorgias.io/deadbeef/gone.pdf', name: 'gone.pdf' }],
		});
		const result = await messagesWithFiles(ticket.id);
		expect(result.error).toMatchObject({
			httpCode: '404',
			message: 'Gorgias API error 404: File not found',
		});
	});
});
