// How Debian's Chromium sets the body text of HTML files: alignment, hyphens and word gaps.
// Usage: node typeset.js OUT.json WIDTH FILE.html [SCREENSHOT.png]
// For every paragraph of the paper's body: its computed text-align and hyphens, and the widest
// and narrowest gap between two words on a line (a space's own box; spaces at line ends, which
// collapse, left out). With SCREENSHOT, a full-page screenshot is saved there.
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

(async () => {
  const [out, width, file, screenshot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
    await page.route('**/*', (route) => route.request().url().startsWith('file:') ? route.continue() : route.abort());
    await page.goto('file://' + path.resolve(file));
    const found = await page.evaluate(() => {
      const paragraphs = [];
      for (const p of document.querySelectorAll('.paper-body p')) {
        const style = getComputedStyle(p);
        const gaps = [];
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent;
          for (let i = 0; i < text.length; i++) {
            if (text[i] !== ' ') continue;
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rects = range.getClientRects();
            if (rects.length === 1 && rects[0].width > 0.01) gaps.push(rects[0].width);
          }
        }
        paragraphs.push({ align: style.textAlign, hyphens: style.hyphens,
                          widest: gaps.length ? Math.max(...gaps) : 0, narrowest: gaps.length ? Math.min(...gaps) : 0 });
      }
      return paragraphs;
    });
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    fs.writeFileSync(out, JSON.stringify(found));
  } finally {
    await browser.close();
  }
})().catch((err) => { console.error(err); process.exit(1); });
