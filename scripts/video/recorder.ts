/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- the video recorder is a development tool in plain Node, never packaged */
/**
 * A page recorded to an H.264 MP4 without Playwright's own ffmpeg download: Chromium's CDP
 * screencast sends a JPEG whenever the page changes; a ticker at a fixed frame rate hands the
 * newest one to Debian's ffmpeg, as many times as wall-clock time asks for, so the video lasts as
 * long as the take did and a still page stays on screen.
 *
 * Captions and a pointer are drawn by the page itself (an overlay injected with an init script):
 * headless Chromium paints no mouse cursor, and drawn into the page they are in every frame.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';

/** The overlay: a caption bar at the bottom and a dot that follows the mouse. */
const OVERLAY_SCRIPT = `(() => {
	const install = () => {
		if (document.getElementById('demo-video-caption')) return;
		const style = document.createElement('style');
		style.textContent = [
			'#demo-video-caption{position:fixed;left:50%;bottom:28px;transform:translateX(-50%);',
			'max-width:80%;padding:12px 22px;border-radius:10px;background:rgba(17,17,17,.86);',
			'color:#fff;font:600 22px/1.35 system-ui,sans-serif;text-align:center;z-index:2147483647;',
			'pointer-events:none;box-shadow:0 4px 18px rgba(0,0,0,.35);transition:opacity .25s}',
			'#demo-video-caption:empty{opacity:0}',
			'#demo-video-pointer{position:fixed;width:18px;height:18px;margin:-9px 0 0 -9px;',
			'border-radius:50%;background:rgba(255,90,40,.55);border:2px solid rgba(255,90,40,.95);',
			'z-index:2147483647;pointer-events:none;left:-40px;top:-40px;transition:transform .1s}',
			'#demo-video-pointer.down{transform:scale(.7)}',
		].join('');
		document.head.appendChild(style);
		const caption = document.createElement('div');
		caption.id = 'demo-video-caption';
		caption.textContent = window.__demoCaption || '';
		const pointer = document.createElement('div');
		pointer.id = 'demo-video-pointer';
		document.body.append(caption, pointer);
		const move = (event) => {
			pointer.style.left = event.clientX + 'px';
			pointer.style.top = event.clientY + 'px';
		};
		document.addEventListener('mousemove', move, true);
		document.addEventListener('mousedown', () => pointer.classList.add('down'), true);
		document.addEventListener('mouseup', () => pointer.classList.remove('down'), true);
	};
	window.__setDemoCaption = (text) => {
		window.__demoCaption = text;
		install();
		document.getElementById('demo-video-caption').textContent = text;
	};
	if (document.body) install();
	else document.addEventListener('DOMContentLoaded', install);
})();`;

/** Adds the caption and pointer overlay to every page of `context` (before it loads). */
export async function addOverlay(context: BrowserContext): Promise<void> {
	await context.addInitScript(OVERLAY_SCRIPT);
}

/** Shows `text` in the caption bar ('' hides it). */
export async function caption(page: Page, text: string): Promise<void> {
	await page.evaluate((value) => {
		(globalThis as unknown as { __setDemoCaption(text: string): void }).__setDemoCaption(value);
	}, text);
}

export interface Recording {
	/** Stops the screencast, lets ffmpeg finish the file; returns the seconds recorded. */
	stop(): Promise<number>;
}

/**
 * Records `page` into `file` (MP4, H.264, `fps` frames per second) until `stop()`. The frames
 * are the viewport's size.
 */
export async function startRecording(page: Page, file: string, fps = 12): Promise<Recording> {
	const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
	const ffmpeg: ChildProcess = spawn(
		FFMPEG,
		[
			'-y',
			'-loglevel',
			'error',
			'-f',
			'image2pipe',
			'-c:v',
			'mjpeg',
			'-framerate',
			String(fps),
			'-i',
			'-',
			// Frames may come a few pixels off the viewport size; H.264 wants even dimensions.
			'-vf',
			`scale=${viewport.width}:${viewport.height},format=yuv420p`,
			'-c:v',
			'libx264',
			'-preset',
			'veryfast',
			'-crf',
			'26',
			'-movflags',
			'+faststart',
			file,
		],
		{ stdio: ['pipe', 'inherit', 'inherit'] },
	);
	const exited = new Promise<number | null>((resolve, reject) => {
		ffmpeg.once('error', reject);
		ffmpeg.once('exit', (code) => resolve(code));
	});
	const stdin = ffmpeg.stdin;
	if (!stdin) throw new Error('ffmpeg has no stdin');
	stdin.on('error', () => undefined);

	const cdp: CDPSession = await page.context().newCDPSession(page);
	let latest: Buffer | undefined;
	cdp.on('Page.screencastFrame', (frame) => {
		latest = Buffer.from(frame.data, 'base64');
		cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
	});
	await cdp.send('Page.startScreencast', {
		format: 'jpeg',
		quality: 85,
		maxWidth: viewport.width,
		maxHeight: viewport.height,
		everyNthFrame: 1,
	});

	// Wall-clock frame count: a late tick writes the frames it owes, so timing never drifts.
	const started = Date.now();
	let written = 0;
	const tick = () => {
		if (!latest) return;
		const due = Math.floor(((Date.now() - started) / 1000) * fps);
		for (; written < due; written++) stdin.write(latest);
	};
	const ticker = setInterval(tick, 1000 / fps);

	return {
		async stop() {
			tick();
			clearInterval(ticker);
			await cdp.send('Page.stopScreencast').catch(() => undefined);
			await cdp.detach().catch(() => undefined);
			stdin.end();
			const code = await exited;
			if (code !== 0) throw new Error(`ffmpeg exited with code ${code} writing ${file}`);
			return written / fps;
		},
	};
}
