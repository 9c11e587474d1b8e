import { withDemoBrowser, runMain, signIn, settle } from '../demo/browser';
import { addOverlay, caption, startRecording } from './recorder';
runMain(() => withDemoBrowser({ provider: 'zaia', imports: false }, async (browser, demo) => {
	const st = await signIn(browser, demo, { width: 1280, height: 800 });
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: st });
	await addOverlay(context);
	const page = await context.newPage();
	await page.goto(`${demo.server.baseUrl}/home/workflows`);
	await settle(page);
	const rec = await startRecording(page, '/tmp/vdbg/a.mp4');
	await page.goto(`${demo.server.baseUrl}/workflow/new`);
	await settle(page);
	await caption(page, 'hello');
	const l = page.locator('[data-test-id="canvas-add-button"]');
	console.log('count', await l.count(), 'visible', await l.isVisible());
	console.log('frames', page.frames().length);
	const t0 = Date.now();
	for (let i = 0; i < 60; i++) { if (await l.count()) break; await page.waitForTimeout(1000); }
	console.log('appeared after', Date.now() - t0, 'url', page.url());
	await page.screenshot({ path: '/tmp/vdbg/a.png' });
	try { await l.click({ timeout: 5000 }); console.log('clicked'); } catch (e) { console.log(String(e).slice(0, 800)); }
	console.log(await rec.stop());
}));
