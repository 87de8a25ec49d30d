// Run axe-core (WCAG 2.2 A/AA + best practice) on HTML files in Debian's Chromium.
// Usage: node axe.js OUT.json FILE.html|http://127.0.0.1:PORT/PAGE...   Writes {file: [violations]} to OUT.json.
// Remote requests are blocked: a page must be self-contained (a page served on loopback may load its own files).
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

(async () => {
  const [out, ...files] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const results = {};
  try {
    for (const file of files) {
      const results_for_file = [];
      for (const scheme of ['light', 'dark']) {
        const page = await browser.newPage({ colorScheme: scheme, bypassCSP: true });  // axe is injected as a script
        const local = (url) => url.startsWith('file:') || /^http:\/\/127\.0\.0\.1:\d+\//.test(url);
        await page.route('**/*', (route) => local(route.request().url()) ? route.continue() : route.abort());
        await page.goto(/^http:/.test(file) ? file : 'file://' + path.resolve(file));
        await page.addScriptTag({ path: AXE });
        const found = await page.evaluate(async (tags) => {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
        }, TAGS);
        for (const v of found) results_for_file.push({ scheme, ...v });
        // WCAG 1.4.10 Reflow: at 320 CSS px (1280 px at 400 % zoom) nothing scrolls sideways.
        await page.setViewportSize({ width: 320, height: 640 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) {
          results_for_file.push({ scheme, id: 'reflow-320', impact: 'serious',
                                  help: `page scrolls sideways by ${overflow}px at 320 px wide`, nodes: [] });
        }
        await page.close();
      }
      results[file] = results_for_file;
    }
  } finally {
    await browser.close();
  }
  fs.writeFileSync(out, JSON.stringify(results, null, 1));
})().catch((err) => { console.error(err); process.exit(1); });
