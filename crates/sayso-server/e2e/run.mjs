// Drives sayso's page in headless Chromium against a running server, as a journalist would:
// search, open an article, see the highlights, read a speaker's page, paste an article.
// Usage: node run.mjs BASE_URL OUT_DIR   (tests/e2e.rs starts the server and runs this)
// Exits non-zero with a message on the first failed check; screenshots go to OUT_DIR.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node run.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const executablePath = process.env.SAYSO_CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  // Playwright gives each launch a fresh, empty profile directory of its own.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let checks = 0;
function check(ok, what) {
  if (!ok) throw new Error('check failed: ' + what);
  checks++;
}

const problems = [];
let page = null;
try {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push('console ' + msg.type() + ': ' + msg.text()); });
  page.on('dialog', (d) => { problems.push('a dialog opened: ' + d.message()); d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push('request off the server: ' + r.url()); });

  // ---- Search, with the keyboard ----
  await go(page, '#/search');
  await page.waitForSelector('#q');
  await page.waitForFunction(() => document.getElementById('stats').textContent.includes('articles'));
  await page.keyboard.press('Escape'); // leave the search box, which the page focused
  await page.keyboard.press('/'); // and come back to it the way a reader would
  await page.waitForFunction(() => document.activeElement.id === 'q', null, { timeout: 5000 }).catch(() => {});
  check(await page.evaluate(() => document.activeElement.id === 'q'), '/ focuses the search box');
  await page.keyboard.type('rivers');
  await page.keyboard.press('Enter');
  await shown(page, '#/search?q=rivers');
  const hits = await page.locator('.hit').count();
  check(hits >= 1, 'a search for "rivers" lists hits');
  check((await page.locator('.hit .quote').first().textContent()).toLowerCase().includes('river'), 'the first hit quotes rivers (stemmed)');
  check(page.url().includes('q=rivers'), 'the query is in the address, so it can be shared');
  await page.screenshot({ path: join(out, 'search.png') });

  // Filters: only direct quotes from Le Quotidien.
  await go(page, '#/search?kind=direct&outlet=Le%20Quotidien');
  await page.waitForSelector('.hit');
  check(await page.locator('.hit:not(.direct)').count() === 0, 'the kind filter keeps only direct quotes');
  check(await page.locator('select[name=kind]').inputValue() === 'direct', 'the filter shows its value');

  // ---- Open an article from the results, by keyboard ----
  await go(page, '#/search?q=rushed');
  await page.waitForSelector('.hit');
  await page.locator('body').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  check(await page.locator('.hit.sel').count() === 1, 'j selects a hit');
  await page.keyboard.press('Enter');
  await shown(page, '#/article/');
  await page.waitForSelector('#article-text mark.sel');
  check((await page.locator('h1').textContent()) === 'Water minister defends flood agency shake-up', 'Enter opens the article');
  await checkHighlights(page, articleIdFrom(page.url()));

  // The quote searched for is selected; hovering it shows its speaker.
  check(await page.locator('#article-text mark.sel').count() >= 3, 'the hit opened is selected: content, cue and source');
  const quote = page.locator('#article-text mark.sel.hl-content').first();
  check((await quote.textContent()).includes('rushed'), 'the selected quote is the one searched for');
  await quote.hover();
  await page.waitForSelector('#tip:not([hidden])');
  const tipText = await page.locator('#tip').textContent();
  check(tipText.includes('Amara Okafor'), 'hovering the first quote names Amara Okafor: ' + tipText);
  check(tipText.includes('confidence'), 'the tip gives the confidence');
  // Clicking another quote selects every span of its attribution instead.
  const other = page.locator('#article-text mark.hl-content', { hasText: 'rural communities' }).first();
  await other.click();
  check((await page.locator('#article-text mark.sel').allTextContents()).join('').includes('rural communities'), 'clicking a quote selects it');
  check(!(await page.locator('#article-text mark.sel').allTextContents()).join('').includes('rushed'), 'and only it');
  await other.hover();
  await page.waitForSelector('#tip:not([hidden])');
  check((await page.locator('#tip').textContent()).includes('former head of the agency'), 'the tip gives the speaker\'s description');
  await page.screenshot({ path: join(out, 'article.png') });
  await page.keyboard.press('k');
  check(await page.locator('.side button.sel').count() === 1, 'k steps to the previous attribution');

  // ---- Non-ASCII text: curly quotes, accents, emoji ----
  const cafe = await articleIdOf(page, 'Le Quotidien');
  await go(page, '#/article/' + cafe);
  await page.waitForSelector('#article-text mark');
  await checkHighlights(page, cafe);
  const emojiQuote = await page.locator('#article-text mark.hl-content', { hasText: '😬' }).allTextContents();
  check(emojiQuote.join('').startsWith('“Nous n’avons jamais vu ça 😬'), 'the quote with an emoji is highlighted from its opening mark: ' + emojiQuote);
  check((await page.locator('#article-text mark.hl-source', { hasText: 'José' }).first().textContent()).startsWith('José Ñúñez'), 'an accented source is highlighted exactly');

  // ---- Untrusted text: markup in quotes and titles stays text ----
  const hostile = await articleIdOf(page, 'Plainview Tribune');
  await go(page, '#/article/' + hostile);
  await page.waitForSelector('#article-text mark');
  await checkHighlights(page, hostile);
  check(await page.evaluate(() => window.__pwned === undefined), 'no script from the article ran');
  const articleText = await page.locator('#article-text').textContent();
  check(articleText.includes('<script>window.__pwned = 1</script> is how'), 'the <script> quote shows as text');
  check(articleText.includes('<img src=x onerror="window.__pwned=2">'), 'the <img onerror> shows as text');
  check(await page.locator('#view script, #view img, #view b').count() === 0, 'no element came from the article');
  check((await page.locator('h1').textContent()) === '<b>Researchers</b> warn about pages that trust their input', 'a title with markup shows as text');
  await page.locator('#article-text mark.hl-content', { hasText: '<script>' }).first().hover();
  check((await page.locator('#tip').textContent()).includes('Mallory Vance'), 'the hostile quote still names its speaker');
  await page.screenshot({ path: join(out, 'hostile.png') });
  await go(page, '#/search?q=onerror');
  await page.waitForSelector('.hit');
  check((await page.locator('.hit .quote').first().textContent()).includes('<img src=x onerror='), 'a search hit with markup shows as text');
  check(await page.locator('#view img').count() === 0 && await page.evaluate(() => window.__pwned === undefined), 'and runs nothing');

  // ---- A speaker: quotes and a chart of quotes over time ----
  await go(page, '#/speakers');
  await page.waitForSelector('table.speakers a');
  await page.screenshot({ path: join(out, 'speakers.png') });
  await page.locator('table.speakers a', { hasText: 'Amara Okafor' }).click();
  await shown(page, '#/speaker/');
  await page.waitForSelector('svg.chart');
  check(page.url().includes('#/speaker/amara%20okafor'), 'the speakers list links to the speaker: ' + page.url());
  const bars = await page.locator('svg.chart rect.bar-rect').count();
  check(bars === 4, 'one bar per month from 2024-11 to 2025-02, got ' + bars);
  check(await page.locator('.hit').count() >= 2, 'the speaker page lists their quotes');
  const all = await page.locator('.hit').count();
  // What the API says the speaker said in 2025-02, however many quotes coreference finds.
  const inFeb = await page.evaluate(async () => {
    const r = await fetch('/api/speakers/' + encodeURIComponent('amara okafor'));
    const body = await r.json();
    return (body.months || body.per_month || []).filter((m) => m.month === '2025-02').map((m) => m.quotes)[0];
  });
  await page.locator('svg.chart rect[data-month="2025-02"]').click();
  const kept = await page.locator('.hit').count();
  check(kept >= 1 && kept < all && kept === inFeb, 'clicking a month keeps that month\'s quotes: ' + kept + ' of ' + all + ', API ' + inFeb);
  await page.screenshot({ path: join(out, 'speaker.png') });

  // ---- Extract pasted text, no store involved ----
  const offsets = await page.evaluate(() => {
    const t = 'a😬é“x”';
    const f = window.sayso.byteToUtf16(t);
    return [f(0), f(1), f(5), f(7), f(10), f(11), f(14), f(2)];
  });
  check(JSON.stringify(offsets) === JSON.stringify([0, 1, 3, 4, 5, 6, 7, -1]), 'UTF-8 byte offsets map to UTF-16 indices: ' + offsets);
  await go(page, '#/extract');
  await page.waitForSelector('#paste');
  const pasted = 'Ça y est 🎉. “Le café est prêt — enfin,” a déclaré Zoë Lefèvre 👩‍🍳, la cheffe. “On ouvre demain,” she said.';
  await page.fill('#paste', pasted);
  await page.locator('#paste').press('Control+Enter');
  await page.waitForSelector('#extract-out mark');
  const extraction = await page.evaluate(async (text) => (await fetch('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })).json(), pasted);
  check(extraction.attributions.length >= 1, 'the pasted text has attributions');
  await compareMarks(page, '#extract-out', extraction.attributions);
  await page.screenshot({ path: join(out, 'extract.png') });

  check(problems.length === 0, 'no errors, warnings, dialogs or outside requests:\n  ' + problems.join('\n  '));
  console.log(`e2e: ${checks} checks passed; screenshots in ${out}`);
} catch (err) {
  console.error('e2e: ' + err.message);
  if (page) {
    console.error('  at ' + page.url());
    await page.screenshot({ path: join(out, 'failure.png') }).catch(() => {});
  }
  if (problems.length) console.error('  also: ' + problems.join('\n  also: '));
  await browser.close();
  process.exit(1);
}
await browser.close();

/** Opens a view by its address and waits until the page has rendered it. */
async function go(page, hash) {
  await page.goto(base + '/' + hash);
  await page.waitForFunction((h) => document.body.dataset.view === h, hash);
}

/** Waits until the page has rendered a view whose address starts with `prefix`. */
async function shown(page, prefix) {
  await page.waitForFunction((p) => (document.body.dataset.view || '').startsWith(p) && location.hash === document.body.dataset.view, prefix);
}

/** The id in an article view's address. */
function articleIdFrom(url) {
  return decodeURIComponent(url.split('#/article/')[1].split('?')[0]);
}

/** The id of the (one) test article from this outlet: store ids are hashes. */
async function articleIdOf(page, outlet) {
  const found = await page.evaluate(async (o) => (await fetch('/api/search?limit=1&outlet=' + encodeURIComponent(o))).json(), outlet);
  check(found.hits.length === 1, 'an article from ' + outlet);
  return found.hits[0].article_id;
}

/** Every span the API gives for the article is highlighted with exactly its text. */
async function checkHighlights(page, id) {
  const article = await page.evaluate(async (id) => (await fetch('/api/articles/' + encodeURIComponent(id))).json(), id);
  check(article.attributions.length > 0, id + ' has attributions');
  await compareMarks(page, '#article-text', article.attributions);
}

async function compareMarks(page, root, attributions) {
  const shown = await page.evaluate((root) => {
    const byA = {};
    for (const m of document.querySelectorAll(root + ' mark[data-a]')) {
      for (const a of m.dataset.a.split(' ')) {
        (byA[a] = byA[a] || []).push({ role: m.dataset.role, text: m.textContent });
      }
    }
    return byA;
  }, root);
  attributions.forEach((a, i) => {
    const marks = shown[i] || [];
    const all = marks.map((m) => m.text).join('');
    for (const span of [...a.content, a.cue, a.source].filter(Boolean)) {
      check(all.includes(span.text), `attribution ${i}: "${span.text}" is highlighted`);
    }
    if (a.cue) check(marks.some((m) => m.role === 'cue' && m.text === a.cue.text), `attribution ${i}: its cue "${a.cue.text}" has its own colour`);
    if (a.source) check(marks.filter((m) => m.role === 'source').map((m) => m.text).join('') === a.source.text, `attribution ${i}: its source "${a.source.text}" has its own colour`);
  });
}
