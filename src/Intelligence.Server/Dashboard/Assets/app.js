// The dashboard: reads /graphql with fetch and draws the partnership timeline and the financial chart as inline SVG.
// No framework, no build step; served with a CSP that allows this origin only (so no inline script or style here).
'use strict';

const KEY_STORAGE = 'intelligence.apiKey';
const SVG_NS = 'http://www.w3.org/2000/svg';
// Timeline page size: the API's cap for `first`, or less with ?pageSize=N (the browser test uses it to cross pages).
const PAGE_SIZE = Math.min(100, Math.max(1, Number(new URLSearchParams(location.search).get('pageSize')) || 100));
const MAX_PAGES = 50;

const TYPES = {
  STAKE: { label: 'Stake', colour: '#1f6fb4' },
  INVESTMENT: { label: 'Investment', colour: '#238b45' },
  PARTNERSHIP: { label: 'Partnership', colour: '#8c564b' },
  DISPUTE: { label: 'Dispute', colour: '#e6550d' },
  LOSS: { label: 'Loss', colour: '#c62828' },
  REVENUE: { label: 'Revenue', colour: '#0f8b9a' },
  CAPEX: { label: 'Capex', colour: '#7b4fb0' },
  LAUNCH: { label: 'Launch', colour: '#c2408f' },
  PERSONNEL: { label: 'Personnel', colour: '#666666' },
};
const typeOf = type => TYPES[type] ?? { label: type, colour: '#444444' };

const $ = id => document.getElementById(id);

// ---- GraphQL ---------------------------------------------------------------------------------------------------

/** POSTs a request; resolves to the HTTP status and the parsed body (null when the body is not JSON). */
async function post(query, variables) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) headers.Authorization = `Bearer ${key}`;
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch (e) {
    return { status: 0, body: { errors: [{ message: `The server did not answer (${e.message}).` }] } };
  }
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: reported by status */ }
  return { status: response.status, body };
}

/** GraphQL errors as lines a person can read: "CODE: message (at path)", plus what to do about a missing key. */
function errorText(status, body) {
  const lines = (body?.errors ?? []).map(e => {
    const code = e.extensions?.code;
    const at = e.path ? ` (at ${e.path.join('.')})` : '';
    return `${code ? code + ': ' : ''}${e.message}${at}`;
  });
  if (lines.length === 0) lines.push(status ? `The server answered HTTP ${status} without a GraphQL result.` : 'No answer.');
  if (status === 401) lines.push('Enter an API key under Access (readers can query), or run the server with --dev to read from 127.0.0.1 without one.');
  return lines.join('\n');
}

/** The `data` of a query, or throws an Error whose message is the readable error text. */
async function read(query, variables) {
  const { status, body } = await post(query, variables);
  if (status !== 200 || body?.errors?.length || !body?.data) throw new Error(errorText(status, body));
  return body.data;
}

// ---- formatting ------------------------------------------------------------------------------------------------

function formatMoney(money) {
  if (!money) return null;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: money.currency, notation: 'compact', maximumFractionDigits: 1 })
      .format(money.amount);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}

function formatRange(money, low) {
  const high = formatMoney(money);
  return high && low ? `${formatMoney(low)}–${high}` : high;
}

const formatPercent = p => (p == null ? null : `${Number(p).toLocaleString('en', { maximumFractionDigits: 2 })} %`);
const plural = (n, one, many = one + 's') => `${n} ${n === 1 ? one : many}`;
const day = iso => (iso ? String(iso).slice(0, 10) : '');

/** What the fact says, in one line (the value — percent or money — included). */
function describe(e) {
  const money = formatRange(e.money, e.moneyLow);
  const parties = (e.parties ?? e.companies ?? []).join(' – ');
  const period = [e.period, e.kind].filter(Boolean).join(', ');
  switch (e.type) {
    case 'STAKE': return `${e.holder ?? '?'} holds ${formatPercent(e.percent) ?? 'a stake'} of ${e.target ?? '?'}`;
    case 'INVESTMENT': return `${e.investor ?? 'Investors'} invest ${money ?? 'an undisclosed amount'} in ${e.target ?? '?'}`;
    case 'LOSS': case 'REVENUE': case 'CAPEX':
      return `${e.company ?? '?'}: ${money ?? '?'}${period ? ` (${period})` : ''}`;
    case 'DISPUTE': return `${parties}${e.subject ? `: ${e.subject}` : ''}`;
    case 'PARTNERSHIP': return `${parties} ${e.change ?? 'partnership'}${e.until ? ` until ${e.until}` : ''}`;
    case 'LAUNCH': return `${e.company ?? '?'} launches ${e.product ?? '?'}${e.kind ? ` (${e.kind})` : ''}`;
    case 'PERSONNEL': return `${e.person ?? '?'} ${e.change ?? 'moved'}${e.company ? ` (${e.company})` : ''}`;
    default: return [parties, money, formatPercent(e.percent)].filter(Boolean).join(' ');
  }
}

const dateText = e => e.statedDate || day(e.date);
const monthName = yyyyMM => (yyyyMM.length < 7 ? '' : new Date(`${yyyyMM}-01T00:00:00Z`).toLocaleString('en', { month: 'short', timeZone: 'UTC' }));
const dateSourceText = e => (e.dateSource === 'text' ? 'date from the text' : 'publication date');

// ---- SVG helpers -----------------------------------------------------------------------------------------------

function svg(name, attributes = {}, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

const measure = document.createElement('canvas').getContext('2d');

/**
 * Breaks text into lines of at most `width` pixels (SVG text does not wrap), measured in the page's own font;
 * past `maxLines` the rest is cut with an ellipsis (the full text stays in the entry's <title> and aria-label).
 */
function wrap(text, width, font, maxLines = 3) {
  measure.font = `${font} ${getComputedStyle(document.body).fontFamily}`;
  const fits = line => measure.measureText(line).width <= width;
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    const longer = line ? `${line} ${word}` : word;
    if (!line || fits(longer)) line = longer;
    else { lines.push(line); line = word; }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) { lines.length = maxLines; lines[maxLines - 1] += ' …'; }
  return lines.map(l => { while (!fits(l) && l.length > 2) l = l.slice(0, -2) + '…'; return l; });
}

/** One <text> per line, `lineHeight` apart, starting at baseline y. */
function lines(texts, x, y, lineHeight, attributes) {
  return texts.map((t, i) => svg('text', { x, y: y + i * lineHeight, ...attributes }, t));
}

function element(name, attributes = {}, text) {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

function setStatus(id, text, isError = false) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle('error', isError);
}

// ---- partnership timeline --------------------------------------------------------------------------------------

const TIMELINE_QUERY = `query Timeline($a: String!, $b: String!, $first: Int!, $after: String) {
  partnership(a: $a, b: $b) {
    companies
    timeline(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        factKey type date dateSource statedDate confidence sourceCount
        companies holder target investor company parties percent period kind subject change until product person
        money { amount currency } moneyLow { amount currency }
        sources { outlet publishedAt quote confidence article { title url } }
      }
    }
  }
}`;

let timeline = null; // { companies, entries, total }

/** Every entry: pages of 100 following `pageInfo.endCursor` while `hasNextPage`. */
async function fetchTimeline(a, b) {
  const entries = [];
  let after = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await read(TIMELINE_QUERY, { a, b, first: PAGE_SIZE, after });
    if (!data.partnership) return null;
    const connection = data.partnership.timeline;
    entries.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return { companies: data.partnership.companies, entries, total: connection.totalCount };
    after = connection.pageInfo.endCursor;
  }
  throw new Error(`The timeline has more than ${MAX_PAGES * PAGE_SIZE} entries; showing none.`);
}

let timelineRun = 0, financialsRun = 0; // a newer load wins over a slower, older one

async function loadTimeline() {
  const run = ++timelineRun;
  const a = $('company-a').value.trim();
  const b = $('company-b').value.trim();
  const box = $('timeline');
  box.setAttribute('aria-busy', 'true');
  $('entry-details').hidden = true;
  setStatus('timeline-status', `Loading ${a} – ${b}…`);
  try {
    const loaded = await fetchTimeline(a, b);
    if (run !== timelineRun) return;
    timeline = loaded;
    if (!timeline || timeline.entries.length === 0) {
      timeline = null;
      box.replaceChildren();
      $('timeline-legend').replaceChildren();
      setStatus('timeline-status', `No facts link ${a} and ${b} yet.`);
    } else {
      setStatus('timeline-status', `${timeline.companies.join(' – ')}: ${plural(timeline.entries.length, 'entry', 'entries')}. Select one to see its sources.`);
      drawLegend(timeline.entries);
      drawTimeline();
    }
  } catch (e) {
    if (run !== timelineRun) return;
    timeline = null;
    box.replaceChildren();
    $('timeline-legend').replaceChildren();
    setStatus('timeline-status', e.message, true);
  } finally {
    if (run === timelineRun) box.setAttribute('aria-busy', 'false');
  }
}

function drawLegend(entries) {
  const counts = new Map();
  for (const e of entries) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const items = [...counts].map(([type, n]) => {
    const li = element('li');
    const swatch = svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' });
    swatch.append(svg('circle', { cx: 6, cy: 6, r: 6, fill: typeOf(type).colour }));
    li.append(swatch, ` ${typeOf(type).label} (${n})`);
    return li;
  });
  $('timeline-legend').replaceChildren(...items);
}

/**
 * A vertical date axis: entries in chronological order, one row each, the month (or year) marked where it changes.
 * Rows are evenly spaced (dates cluster, and a proportional axis would stack labels on top of each other).
 */
function drawTimeline() {
  const box = $('timeline');
  if (!timeline) return;
  const width = Math.max(box.clientWidth, 260);
  const axisX = width < 520 ? 52 : 72, top = 22;
  const textX = axisX + 18, textWidth = width - textX - 8;
  const rows = [];
  let y = top, mark = null;
  for (const e of timeline.entries) {
    const type = typeOf(e.type);
    const headline = `${type.label} · ${describe(e)}`;
    const meta = `${dateText(e)} (${dateSourceText(e)}) · ${plural(e.sourceCount, 'source')}`;
    const headlineLines = wrap(headline, textWidth, '600 13px');
    const metaLines = wrap(meta, textWidth, '12px', 2);
    const height = 14 + headlineLines.length * 17 + metaLines.length * 16;
    const g = svg('g', {
      class: 'entry', tabindex: 0, role: 'button', 'data-type': e.type, 'data-fact-key': e.factKey,
      'aria-label': `${headline}. ${meta}. Show sources.`,
    });
    g.append(
      svg('title', {}, `${headline}\n${meta}`),
      svg('rect', { x: axisX - 12, y: y - 16, width: width - axisX + 10, height: height - 4, rx: 6, class: 'hit' }),
      svg('circle', { cx: axisX, cy: y - 4, r: 7, fill: type.colour, class: 'dot' }),
      ...lines(headlineLines, textX, y, 17, { class: 'headline' }),
      ...lines(metaLines, textX, y + headlineLines.length * 17, 16, { class: 'meta' }),
    );
    g.addEventListener('click', () => showEntry(e, g));
    g.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); showEntry(e, g); }
    });
    const month = dateText(e).slice(0, 7); // yyyy-MM, or yyyy when the text gives only a year
    if (month !== mark) {
      mark = month;
      rows.push(...lines([month.slice(0, 4), monthName(month)], axisX - 14, y, 14, { class: 'mark', 'text-anchor': 'end' }));
    }
    rows.push(g);
    y += height;
  }
  const chart = svg('svg', {
    width, height: y, viewBox: `0 0 ${width} ${y}`, class: 'timeline', role: 'group',
    'aria-label': `Timeline of ${timeline.companies.join(' and ')}, ${timeline.entries.length} entries`,
  });
  chart.append(svg('line', { x1: axisX, y1: 6, x2: axisX, y2: y - 8, class: 'axis' }), ...rows);
  box.replaceChildren(chart);
}

/** The clicked entry's sources: outlet, publication time, quote and a link to the article. */
function showEntry(e, g) {
  for (const other of document.querySelectorAll('#timeline .entry.selected')) other.classList.remove('selected');
  g.classList.add('selected');
  const panel = $('entry-details');
  const facts = element('dl');
  const add = (term, value) => { if (value) facts.append(element('dt', {}, term), element('dd', {}, value)); };
  add('Type', typeOf(e.type).label);
  add('Date', `${dateText(e)} (${dateSourceText(e)})`);
  add('Value', formatPercent(e.percent) ?? formatRange(e.money, e.moneyLow));
  add('Until', e.until);
  add('Confidence', e.confidence?.toFixed(2));
  add('Sources', String(e.sourceCount));
  const list = element('ol', { class: 'sources' });
  for (const s of e.sources) {
    const li = element('li');
    li.append(element('strong', {}, s.outlet ?? 'unknown outlet'), ` · ${s.publishedAt ? day(s.publishedAt) : 'no publication date'}`);
    if (s.quote) li.append(element('blockquote', {}, s.quote));
    if (s.article?.url) li.append(element('a', { href: s.article.url, rel: 'noopener noreferrer' }, s.article.title || s.article.url));
    list.append(li);
  }
  panel.replaceChildren(element('h3', {}, describe(e)), facts, element('h4', {}, 'Sources'), list);
  panel.hidden = false;
}

// ---- financial chart -------------------------------------------------------------------------------------------

const FINANCIALS_QUERY = `query Financials($name: String!) {
  company(name: $name) {
    name
    revenue { ...series }
    losses { ...series }
    capex { ...series }
  }
}
fragment series on LatestReport {
  key
  latest { money { amount currency } moneyLow { amount currency } kind outlet publishedAt }
  history { outlet }
}`;

const METRICS = [['revenue', 'Revenue', 'REVENUE'], ['losses', 'Losses', 'LOSS'], ['capex', 'Capex', 'CAPEX']];
let financials = null;

/** Periods in time order: by the first year they name ("2025", "FY2026", "Q3 2025"), the rest ("quarter", "annualized") last. */
function periodOrder(a, b) {
  const year = k => Number(/\d{4}/.exec(k)?.[0] ?? 9999);
  return year(a.key) - year(b.key) || a.key.localeCompare(b.key);
}

async function loadFinancials() {
  const run = ++financialsRun;
  const name = $('company').value.trim();
  const box = $('chart');
  box.setAttribute('aria-busy', 'true');
  setStatus('chart-status', `Loading ${name}…`);
  try {
    const data = await read(FINANCIALS_QUERY, { name });
    if (run !== financialsRun) return;
    financials = data.company;
    const bars = financials ? METRICS.reduce((n, [field]) => n + financials[field].length, 0) : 0;
    if (bars === 0) {
      financials = null;
      box.replaceChildren();
      setStatus('chart-status', data.company ? `No revenue, losses or capex reported for ${data.company.name}.` : `No company named ${name}.`);
    } else {
      setStatus('chart-status', `${financials.name}: ${plural(bars, 'period')} reported (latest report per period).`);
      drawChart();
    }
  } catch (e) {
    if (run !== financialsRun) return;
    financials = null;
    box.replaceChildren();
    setStatus('chart-status', e.message, true);
  } finally {
    if (run === financialsRun) box.setAttribute('aria-busy', 'false');
  }
}

/** Horizontal bars grouped by metric; each currency has its own scale (no exchange rates are invented). */
function drawChart() {
  const box = $('chart');
  if (!financials) return;
  const width = Math.max(box.clientWidth, 260);
  const left = 8, barWidth = width - left - 8, groupGap = 30;
  const max = new Map();
  for (const [field] of METRICS)
    for (const r of financials[field]) {
      const m = r.latest.money;
      if (m) max.set(m.currency, Math.max(max.get(m.currency) ?? 0, Number(m.amount)));
    }

  const parts = [];
  const summary = [];
  let y = 0;
  for (const [field, label, type] of METRICS) {
    const rows = [...financials[field]].sort(periodOrder);
    if (rows.length === 0) continue;
    y += groupGap;
    parts.push(svg('text', { x: left, y: y - 10, class: 'group' }, label));
    for (const r of rows) {
      const m = r.latest.money;
      const value = formatRange(m, r.latest.moneyLow) ?? 'no amount';
      const kind = r.latest.kind && !r.key.includes(r.latest.kind) ? ` (${r.latest.kind})` : '';
      const text = `${r.key}: ${value}${kind} · ${plural(r.history.length + 1, 'report')}`;
      summary.push(`${label} ${text}`);
      const labelLines = wrap(text, barWidth, '12px', 2);
      const barY = y + labelLines.length * 15 - 3;
      const scale = m ? Number(m.amount) / (max.get(m.currency) || 1) : 0;
      const g = svg('g', { class: 'row' });
      g.append(
        svg('title', {}, `${label} ${text}${r.latest.outlet ? `; latest from ${r.latest.outlet}` : ''}`),
        ...lines(labelLines, left, y + 6, 15, { class: 'label' }),
        svg('rect', { x: left, y: barY, width: barWidth, height: 14, rx: 3, class: 'track' }),
        svg('rect', { x: left, y: barY, width: Math.max(2, barWidth * scale), height: 14, rx: 3, fill: typeOf(type).colour, class: 'bar', 'data-metric': field }),
      );
      parts.push(g);
      y = barY + 14 + 14;
    }
  }
  const height = y + 8;
  const chart = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': `${financials.name}: ${summary.join('; ')}` });
  chart.append(...parts);
  box.replaceChildren(chart);
}

// ---- raw query -------------------------------------------------------------------------------------------------

async function runQuery() {
  const started = performance.now();
  setStatus('query-status', 'Running…');
  const { status, body } = await post($('query-text').value);
  const ms = Math.round(performance.now() - started);
  $('query-result').textContent = body ? JSON.stringify(body, null, 2) : '';
  if (status === 200 && !body?.errors?.length) setStatus('query-status', `OK in ${ms} ms.`);
  else setStatus('query-status', `${body?.data ? 'Partial result with errors' : 'Failed'} (HTTP ${status || 'none'}, ${ms} ms):\n${errorText(status, body)}`, true);
}

// ---- API key ---------------------------------------------------------------------------------------------------

function showKeyStatus() {
  const key = sessionStorage.getItem(KEY_STORAGE);
  $('key-status').textContent = key
    ? 'A key is set for this tab (kept in sessionStorage, sent as Authorization: Bearer).'
    : 'No key: reads work without one only when the server runs with --dev and you are on 127.0.0.1.';
}

function reloadAll() {
  loadTimeline();
  loadFinancials();
}

function onSubmit(id, action) {
  $(id).addEventListener('submit', event => { event.preventDefault(); action(); });
}

document.addEventListener('DOMContentLoaded', () => {
  $('api-key').value = sessionStorage.getItem(KEY_STORAGE) ?? '';
  showKeyStatus();
  onSubmit('key-form', () => {
    const key = $('api-key').value.trim();
    if (key) sessionStorage.setItem(KEY_STORAGE, key); else sessionStorage.removeItem(KEY_STORAGE);
    showKeyStatus();
    reloadAll();
  });
  $('key-forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    $('api-key').value = '';
    showKeyStatus();
    reloadAll();
  });
  onSubmit('partnership-form', loadTimeline);
  onSubmit('financials-form', loadFinancials);
  onSubmit('query-form', runQuery);
  $('query-text').addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); runQuery(); }
  });

  // SVG text does not wrap: redraw at the new width (narrow windows get shorter lines, not a scroll bar).
  let lastWidth = 0, pending = 0;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (document.body.clientWidth === lastWidth) return;
      lastWidth = document.body.clientWidth;
      drawTimeline();
      drawChart();
    }, 150);
  });

  reloadAll();
});
