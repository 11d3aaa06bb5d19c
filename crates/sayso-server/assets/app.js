// sayso's page: search, article, speakers and extract views over the JSON API.
//
// All article text is untrusted. It only ever reaches the page through textContent and text
// nodes (the h() helper below); nothing here assigns innerHTML. The server's
// Content-Security-Policy forbids inline scripts as a second line of defence.
'use strict';

(() => {
  const view = document.getElementById('view');
  const tip = document.getElementById('tip');
  const notice = document.getElementById('notice');
  let hasStore = true;
  // What j/k move through in the current view, and what Enter or s does with it.
  let keys = { items: [], index: -1, select: null, open: null, speaker: null };

  // ---- DOM ----

  /** An element with attributes and children; strings become text nodes, never markup. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, String(v));
    }
    append(el, children);
    return el;
  }

  function show(...children) {
    hideTip();
    view.replaceChildren(...children.flat().filter(Boolean));
    window.scrollTo(0, 0);
  }

  /** A link only for http(s) addresses: an article's url is untrusted too. */
  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  // ---- API ----

  async function api(path, options) {
    const response = await fetch(path, options);
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      /* not JSON */
    }
    if (!response.ok) {
      const err = new Error((body && body.error && body.error.message) || response.statusText);
      err.status = response.status;
      err.code = body && body.error && body.error.code;
      throw err;
    }
    return body;
  }

  const enc = encodeURIComponent;

  // ---- Offsets ----

  /**
   * Maps the engine's UTF-8 byte offsets into `text` to JavaScript string (UTF-16) indices.
   * Returns a function; it gives -1 for an offset that is not on a character boundary.
   */
  function byteToUtf16(text) {
    const map = new Int32Array(text.length * 3 + 2).fill(-1);
    let byte = 0;
    for (let i = 0; i < text.length; ) {
      map[byte] = i;
      const cp = text.codePointAt(i);
      byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += cp > 0xffff ? 2 : 1;
    }
    map[byte] = text.length;
    return (offset) => (offset >= 0 && offset <= byte ? map[offset] : -1);
  }

  // ---- Highlighting ----

  const ROLE_RANK = { cue: 3, source: 2, content: 1, boiler: 0 };

  /**
   * The article text as text nodes and <mark>s: every content, cue and source span of every
   * attribution, and the boilerplate. Overlapping spans are cut at every boundary; each
   * piece shows the highest-ranked role over it and lists every attribution it belongs to.
   */
  function highlight(text, attributions, boilerplate) {
    const toUtf16 = byteToUtf16(text);
    const spans = [];
    const add = (span, role, a) => {
      if (!span) return;
      const start = toUtf16(span.start);
      const end = toUtf16(span.end);
      if (start < 0 || end < start || text.slice(start, end) !== span.text) {
        console.warn('sayso: a span does not match the text', span);
        return;
      }
      spans.push({ start, end, role, a });
    };
    attributions.forEach((a, i) => {
      a.content.forEach((s) => add(s, 'content', i));
      add(a.cue, 'cue', i);
      add(a.source, 'source', i);
    });
    (boilerplate || []).forEach((s) => add(s, 'boiler', -1));

    const cuts = new Set([0, text.length]);
    spans.forEach((s) => {
      cuts.add(s.start);
      cuts.add(s.end);
    });
    const points = [...cuts].sort((x, y) => x - y);
    const out = [];
    for (let p = 0; p + 1 < points.length; p++) {
      const [from, to] = [points[p], points[p + 1]];
      const piece = text.slice(from, to);
      const over = spans.filter((s) => s.start <= from && s.end >= to && s.start < s.end);
      if (!over.length) {
        out.push(document.createTextNode(piece));
        continue;
      }
      over.sort((x, y) => ROLE_RANK[y.role] - ROLE_RANK[x.role]);
      const role = over[0].role;
      const ids = [...new Set(over.filter((s) => s.a >= 0).map((s) => s.a))];
      out.push(h('mark', { class: 'hl-' + role, 'data-a': ids.length ? ids.join(' ') : null, 'data-role': role }, piece));
    }
    return out;
  }

  // ---- Tooltip ----

  function speakerLine(a) {
    return a.speaker ? a.speaker.name : a.source ? a.source.text : 'no source named';
  }

  function showTip(a, target) {
    tip.replaceChildren();
    append(tip, [
      h('div', { class: 'name' }, speakerLine(a)),
      a.speaker && a.speaker.description ? h('div', { class: 'desc' }, a.speaker.description) : null,
      h('div', { class: 'small' },
        [a.kind, a.speaker ? a.speaker.kind : null, a.cue ? '“' + a.cue.text + '”' : null,
          'confidence ' + a.confidence.toFixed(2)].filter(Boolean).join(' · ')),
    ]);
    tip.hidden = false;
    const r = target.getBoundingClientRect();
    const top = window.scrollY + r.bottom + 6;
    const left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.top = top + 'px';
    tip.style.left = Math.max(8, left) + 'px';
  }

  function hideTip() {
    tip.hidden = true;
  }

  // ---- Views ----

  function kindBadge(kind) {
    return h('span', { class: 'kind' }, kind);
  }

  function hitItem(hit, i) {
    const speaker = hit.speaker;
    const articleHref = '#/article/' + enc(hit.article_id) + '?a=' + hit.attribution_id;
    return h('li', { class: 'hit ' + hit.kind, 'data-i': i, onclick: (e) => {
      if (e.target.closest('a')) return;
      location.hash = articleHref;
    } },
      h('div', { class: 'quote' }, hit.content),
      h('div', { class: 'who meta' },
        h('span', null, '— ', speaker && speaker.id
          ? h('a', { href: '#/speaker/' + enc(speaker.id) }, speaker.name)
          : speaker ? speaker.name : 'unnamed source',
          speaker && speaker.description ? ', ' + speaker.description : ''),
        kindBadge(hit.kind),
        hit.outlet ? h('span', null, hit.outlet) : null,
        hit.date ? h('span', null, hit.date) : null,
        h('a', { href: articleHref, class: 'open' }, hit.title || hit.article_id),
      ),
    );
  }

  function listKeys(list, open) {
    const items = [...list.querySelectorAll('[data-i]')];
    keys = {
      items,
      index: -1,
      select: (i) => {
        items.forEach((el, j) => el.classList.toggle('sel', i === j));
        items[i].scrollIntoView({ block: 'nearest' });
      },
      open: (i) => open(i),
      speaker: null,
    };
  }

  const FILTERS = ['speaker', 'outlet', 'since', 'until', 'kind', 'limit'];

  async function searchView(params) {
    const field = (name, label, type) => h('label', null, label,
      h('input', { name, type: type || 'text', value: params.get(name) || '', autocomplete: 'off' }));
    const kind = h('select', { name: 'kind' },
      ['', 'direct', 'indirect', 'mixed'].map((k) => h('option', { value: k, selected: (params.get('kind') || '') === k }, k || 'any kind')));
    const limit = h('select', { name: 'limit' },
      ['20', '50', '100', '200'].map((n) => h('option', { value: n, selected: (params.get('limit') || '20') === n }, n + ' per page')));
    const q = h('input', { name: 'q', type: 'search', value: params.get('q') || '', placeholder: 'Search quotes…', 'aria-label': 'Search quotes', autocomplete: 'off', id: 'q' });
    const form = h('form', { class: 'search-form', role: 'search', onsubmit: (e) => {
      e.preventDefault();
      const next = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (v) next.set(k, v);
      if (next.get('limit') === '20') next.delete('limit');
      location.hash = '#/search?' + next.toString();
    } },
      h('div', { class: 'q' }, q, h('button', { type: 'submit' }, 'Search')),
      h('div', { class: 'filters' },
        field('speaker', 'speaker'), field('outlet', 'outlet'),
        field('since', 'since', 'date'), field('until', 'until', 'date'),
        h('label', null, kind), h('label', null, limit)),
    );
    const results = h('div', { id: 'results' });
    show(form, results);
    if (!hasStore) {
      results.append(h('p', { class: 'empty' }, 'No store is open, so there is nothing to search. Start the server with ', h('code', null, 'sayso serve --db DIR'), ', or paste an article into ', h('a', { href: '#/extract' }, 'Extract'), '.'));
      return;
    }
    if (!params.toString()) q.focus();
    const query = new URLSearchParams();
    if (params.get('q')) query.set('q', params.get('q'));
    FILTERS.forEach((f) => params.get(f) && query.set(f, params.get(f)));
    if (params.get('offset')) query.set('offset', params.get('offset'));
    results.append(h('p', { class: 'count' }, 'Searching…'));
    try {
      const page = await api('/api/search?' + query.toString());
      const list = h('ol', { class: 'hits' }, page.hits.map(hitItem));
      const offset = Number(params.get('offset') || 0);
      const more = offset + page.hits.length < page.total;
      const pager = h('p', { class: 'meta' },
        offset > 0 ? h('a', { href: '#/search?' + withParam(params, 'offset', Math.max(0, offset - Number(params.get('limit') || 20))) }, '← previous') : null,
        more ? h('a', { href: '#/search?' + withParam(params, 'offset', offset + page.hits.length) }, 'next →') : null);
      results.replaceChildren(
        h('p', { class: 'count' }, page.total === 0 ? 'No quotes match.' : `${page.total} quote${page.total === 1 ? '' : 's'}` + (page.total > page.hits.length ? `, showing ${offset + 1}–${offset + page.hits.length}` : '')),
        list, pager);
      listKeys(list, (i) => {
        const hit = page.hits[i];
        location.hash = '#/article/' + enc(hit.article_id) + '?a=' + hit.attribution_id;
      });
    } catch (err) {
      results.replaceChildren(h('p', { class: 'error' }, err.message));
    }
  }

  function withParam(params, key, value) {
    const p = new URLSearchParams(params);
    p.set(key, value);
    return p.toString();
  }

  /** The article view, for a stored article or a fresh extraction. */
  function articleBody(article, focus) {
    const attributions = article.attributions;
    const text = h('div', { class: 'text', id: 'article-text' }, highlight(article.text, attributions, article.boilerplate));
    const buttons = attributions.map((a, i) => h('li', null, h('button', { type: 'button', class: a.kind, 'data-i': i, onclick: () => select(i, true) },
      h('div', null, h('span', { class: 'name' }, speakerLine(a)), ' ', kindBadge(a.kind)),
      h('div', { class: 'snip' }, a.content.map((s) => s.text).join(' … ')))));
    const side = h('aside', { class: 'side', 'aria-label': 'Attributions' },
      h('h2', null, attributions.length + ' attribution' + (attributions.length === 1 ? '' : 's')),
      h('ol', null, buttons));

    const select = (i, scroll) => {
      keys.index = i;
      text.querySelectorAll('mark.sel').forEach((m) => m.classList.remove('sel'));
      const marks = [...text.querySelectorAll('mark[data-a]')].filter((m) => m.dataset.a.split(' ').includes(String(i)));
      marks.forEach((m) => m.classList.add('sel'));
      buttons.forEach((b, j) => b.firstChild.classList.toggle('sel', i === j));
      if (scroll && marks[0]) {
        marks[0].scrollIntoView({ block: 'center' });
        showTip(attributions[i], marks[0]);
      }
      buttons[i] && buttons[i].firstChild.scrollIntoView({ block: 'nearest' });
    };

    const attributionOf = (target) => {
      const mark = target.closest && target.closest('mark[data-a]');
      if (!mark) return null;
      return { mark, i: Number(mark.dataset.a.split(' ')[0]) };
    };
    text.addEventListener('mouseover', (e) => {
      const found = attributionOf(e.target);
      if (found) showTip(attributions[found.i], found.mark);
    });
    text.addEventListener('mouseout', (e) => {
      if (!e.relatedTarget || !e.relatedTarget.closest || !e.relatedTarget.closest('mark[data-a]')) hideTip();
    });
    text.addEventListener('click', (e) => {
      const found = attributionOf(e.target);
      if (found) {
        select(found.i, false);
        showTip(attributions[found.i], found.mark);
      }
    });

    keys = {
      items: buttons,
      index: -1,
      select: (i) => select(i, true),
      open: (i) => select(i, true),
      speaker: (i) => {
        const id = attributions[i].speaker_id;
        if (id) location.hash = '#/speaker/' + enc(id);
      },
    };
    const legend = h('div', { class: 'legend' }, h('span', { class: 'hl-content' }, 'content'), h('span', { class: 'hl-cue' }, 'cue'), h('span', { class: 'hl-source' }, 'source'), h('span', null, 'hover or click a quote; j/k to step through'));
    const layout = h('div', { class: 'article' }, h('div', null, legend, text), side);
    if (focus !== null && focus >= 0 && attributions[focus]) setTimeout(() => select(focus, true), 0);
    return layout;
  }

  async function articleView(id, params) {
    show(h('p', { class: 'meta' }, 'Loading…'));
    try {
      const article = await api('/api/articles/' + enc(id));
      const url = article.url && safeUrl(article.url);
      show(
        h('p', { class: 'meta' }, h('a', { href: '#/search', onclick: (e) => { if (history.length > 1) { e.preventDefault(); history.back(); } } }, '← back')),
        h('h1', null, article.title || article.id),
        h('p', { class: 'meta' },
          article.outlet ? h('span', null, article.outlet) : null,
          article.date ? h('span', null, article.date) : null,
          url ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : null,
          h('span', null, 'id ' + article.id)),
        articleBody(article, params.has('a') ? article.attributions.findIndex((a) => String(a.id) === params.get('a')) : null),
      );
      document.title = (article.title || article.id) + ' · sayso';
    } catch (err) {
      show(h('h1', null, 'Article not found'), h('p', { class: 'error' }, err.message));
    }
  }

  function extractView() {
    const area = h('textarea', { id: 'paste', placeholder: 'Paste an article here…', 'aria-label': 'Article text', spellcheck: 'false' });
    area.value = sessionStorage.getItem('sayso.paste') || '';
    const status = h('span', { id: 'extract-status' });
    const out = h('div', { id: 'extract-out' });
    const run = async () => {
      sessionStorage.setItem('sayso.paste', area.value);
      status.textContent = 'Extracting…';
      const t0 = performance.now();
      try {
        const article = await api('/api/extract', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: area.value }),
        });
        article.text = area.value;
        status.textContent = `${article.attributions.length} attribution${article.attributions.length === 1 ? '' : 's'} in ${Math.round(performance.now() - t0)} ms`;
        out.replaceChildren(articleBody(article, null));
      } catch (err) {
        status.textContent = '';
        out.replaceChildren(h('p', { class: 'error' }, err.message));
      }
    };
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        run();
      }
    });
    show(h('h1', null, 'Extract'),
      h('p', { class: 'meta' }, 'Nothing is stored: the text goes to this server, which answers with its attributions.'),
      h('div', { class: 'paste' }, area, h('div', { class: 'row' }, h('button', { type: 'button', id: 'extract-button', onclick: run }, 'Extract'), h('kbd', null, 'Ctrl'), '+', h('kbd', null, 'Enter'), status)),
      out);
    area.focus();
    if (area.value) run();
  }

  async function speakersView() {
    show(h('h1', null, 'Speakers'), h('p', { class: 'meta' }, 'Loading…'));
    try {
      const speakers = await api('/api/speakers?top=200');
      const most = Math.max(1, ...speakers.map((s) => s.quotes));
      const rows = speakers.map((s, i) => h('tr', { 'data-i': i, onclick: () => { location.hash = '#/speaker/' + enc(s.id); } },
        h('td', null, h('a', { href: '#/speaker/' + enc(s.id) }, s.name)),
        h('td', { class: 'kind' }, s.kind),
        h('td', { class: 'n' }, s.quotes),
        h('td', { class: 'n' }, s.articles),
        h('td', { class: 'barcell' }, h('div', { style: null, 'data-w': s.quotes / most }))));
      const table = h('table', { class: 'speakers' },
        h('thead', null, h('tr', null, h('th', null, 'speaker'), h('th', null, 'kind'), h('th', { class: 'n' }, 'quotes'), h('th', { class: 'n' }, 'articles'), h('th'))),
        h('tbody', null, rows));
      // Widths through the CSSOM: the policy forbids inline style attributes.
      table.querySelectorAll('[data-w]').forEach((d) => { d.style.width = (100 * Number(d.dataset.w)).toFixed(1) + '%'; });
      show(h('h1', null, 'Speakers'), speakers.length ? table : h('p', { class: 'empty' }, 'Nobody is quoted yet.'));
      listKeys(table, (i) => { location.hash = '#/speaker/' + enc(speakers[i].id); });
    } catch (err) {
      show(h('h1', null, 'Speakers'), h('p', { class: 'error' }, err.message));
    }
  }

  /** Quotes per month as bars, drawn in SVG; clicking a bar keeps that month's quotes. */
  function monthChart(months, onPick) {
    const W = 900, H = 180, left = 34, bottom = 26, top = 10;
    const most = Math.max(1, ...months.map((m) => m.quotes));
    const step = (W - left - 8) / Math.max(1, months.length);
    const barW = Math.max(2, Math.min(40, step * 0.8));
    const y = (n) => top + (H - top - bottom) * (1 - n / most);
    const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Quotes per month' });
    const ticks = most <= 4 ? [...Array(most + 1).keys()] : [0, Math.round(most / 2), most];
    ticks.forEach((t) => {
      chart.append(svg('line', { x1: left, x2: W - 4, y1: y(t), y2: y(t) }));
      chart.append(svg('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end' }, String(t)));
    });
    const labelEvery = Math.max(1, Math.ceil(months.length / 12));
    let picked = null;
    months.forEach((m, i) => {
      const x = left + i * step + (step - barW) / 2;
      const rect = svg('rect', { class: 'bar-rect', x, y: y(m.quotes), width: barW, height: Math.max(0, y(0) - y(m.quotes)), 'data-month': m.month, tabindex: m.quotes ? 0 : -1 },
        svg('title', null, `${m.month}: ${m.quotes} quote${m.quotes === 1 ? '' : 's'}`));
      const pick = () => {
        picked = picked === m.month ? null : m.month;
        chart.querySelectorAll('.bar-rect').forEach((r) => r.classList.toggle('on', r.dataset.month === picked));
        onPick(picked);
      };
      rect.addEventListener('click', pick);
      rect.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
      chart.append(rect);
      if (i % labelEvery === 0) chart.append(svg('text', { x: x + barW / 2, y: H - 8, 'text-anchor': 'middle' }, m.month));
    });
    return chart;
  }

  async function speakerView(id) {
    show(h('p', { class: 'meta' }, 'Loading…'));
    try {
      const s = await api('/api/speakers/' + enc(id));
      const list = h('ol', { class: 'hits' });
      const caption = h('p', { class: 'count' });
      const fill = (month) => {
        const quotes = month ? s.quotes.filter((q) => (q.date || '').startsWith(month)) : s.quotes;
        list.replaceChildren(...quotes.map(hitItem));
        caption.textContent = month ? `${quotes.length} in ${month} (click the bar again for all)` : `${s.total} quote${s.total === 1 ? '' : 's'}` + (s.quotes.length < s.total ? `, the latest ${s.quotes.length} below` : '');
        listKeys(list, (i) => { location.hash = '#/article/' + enc(quotes[i].article_id) + '?a=' + quotes[i].attribution_id; });
      };
      show(
        h('p', { class: 'meta' }, h('a', { href: '#/speakers' }, '← speakers')),
        h('h1', null, s.name),
        h('p', { class: 'meta' }, h('span', null, s.kind), s.descriptions.length ? h('span', null, s.descriptions.slice(0, 3).join('; ')) : null,
          h('a', { href: '#/search?speaker=' + enc(s.name) }, 'search their quotes')),
        h('h2', null, 'Quotes over time'),
        s.months.length ? monthChart(s.months, fill) : h('p', { class: 'empty' }, 'No dated quotes.'),
        h('h2', null, 'Quotes'), caption, list);
      fill(null);
      document.title = s.name + ' · sayso';
    } catch (err) {
      show(h('h1', null, 'Speaker not found'), h('p', { class: 'error' }, err.message));
    }
  }

  // ---- Routing ----

  /** Shows the view the address names; marks the page with it once it has rendered. */
  async function route() {
    const rendering = location.hash;
    const hash = location.hash.replace(/^#\/?/, '');
    const [path, query] = hash.split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').map((p) => { try { return decodeURIComponent(p); } catch (_) { return p; } });
    const name = parts[0] || (hasStore ? 'search' : 'extract');
    document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('on', a.dataset.nav === name || (name === 'speaker' && a.dataset.nav === 'speakers')));
    document.title = 'sayso';
    keys = { items: [], index: -1, select: null, open: null, speaker: null };
    if (name === 'article' && parts[1]) await articleView(parts[1], params);
    else if (name === 'speaker' && parts[1]) await speakerView(parts[1]);
    else if (name === 'speakers') await speakersView();
    else if (name === 'extract') extractView();
    else await searchView(params);
    // For tests and scripts: which address the page finished showing.
    if (location.hash === rendering) document.body.dataset.view = rendering;
  }

  // ---- Keyboard ----

  let pendingG = false;
  document.addEventListener('keydown', (e) => {
    const typing = e.target.matches && e.target.matches('input, textarea, select');
    if (e.key === 'Escape') {
      hideTip();
      if (typing) e.target.blur();
      document.querySelectorAll('.sel').forEach((el) => el.classList.remove('sel'));
      keys.index = -1;
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (pendingG) {
      pendingG = false;
      if (e.key === 's') location.hash = '#/speakers';
      else if (e.key === 'e') location.hash = '#/extract';
      else if (e.key === 'h') location.hash = '#/search';
      return;
    }
    if (e.key === 'g') { pendingG = true; return; }
    if (e.key === '?') { document.getElementById('help').showModal(); return; }
    if (e.key === '/') {
      e.preventDefault();
      const focus = () => { const q = document.getElementById('q'); if (q) { q.focus(); q.select(); } };
      if (document.getElementById('q')) focus();
      else { location.hash = '#/search'; setTimeout(focus, 0); }
      return;
    }
    const n = keys.items.length;
    if (!n) return;
    if (e.key === 'j' || e.key === 'ArrowDown' && e.target === document.body) {
      e.preventDefault();
      keys.index = Math.min(n - 1, keys.index + 1);
      keys.select(keys.index);
    } else if (e.key === 'k' || e.key === 'ArrowUp' && e.target === document.body) {
      e.preventDefault();
      keys.index = Math.max(0, keys.index - 1);
      keys.select(keys.index);
    } else if (e.key === 'Enter' && keys.index >= 0 && keys.open && e.target === document.body) {
      keys.open(keys.index);
    } else if (e.key === 's' && keys.index >= 0 && keys.speaker) {
      keys.speaker(keys.index);
    }
  });

  document.getElementById('help-button').addEventListener('click', () => document.getElementById('help').showModal());
  window.addEventListener('hashchange', route);

  async function start() {
    try {
      const stats = await api('/api/stats');
      document.getElementById('stats').textContent = `${stats.articles.toLocaleString()} articles · ${stats.attributions.toLocaleString()} quotes · ${stats.speakers.toLocaleString()} speakers`;
    } catch (err) {
      if (err.code === 'no_store') {
        hasStore = false;
        notice.textContent = 'No store is open: search, articles and speakers need `sayso serve --db DIR`. Extract works.';
        notice.hidden = false;
      }
    }
    route();
  }

  // For the end-to-end test, which checks the conversion on text the page never shows.
  window.sayso = { byteToUtf16 };
  start();
})();
