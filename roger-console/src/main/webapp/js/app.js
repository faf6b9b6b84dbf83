// The console's shell: who is logged in, the Info poll (every 3 s, one at a time), the job rates
// computed from successive counters, the page router, and the way every action is run.
import { get, ApiError } from './api.js';
import { h, toast, confirmModal } from './ui.js';
import * as overview from './overview.js';
import * as partitions from './partitions.js';
import * as running from './running.js';
import * as buried from './buried.js';
import * as nodes from './nodes.js';

const PAGES = { overview, partitions, running, buried, nodes };
const POLL_MS = 3000;
const HISTORY_MS = 10 * 60 * 1000;

const ctx = {
  me: { name: null, roles: [] },
  admin: false,
  info: null,
  /** Rates over time: [{t, succeeded, failed}] in jobs per second, newest last. */
  rates: [],
  refresh: () => poll(),
  act,
};

let page = null;
let pageName = null;
let previous = null; // the last Info's counters per node incarnation
let timer = null;
let polling = null;

/**
 * Runs an action through the API: asks first when confirm is given (a modal), shows the outcome,
 * polls again. Returns the API's answer, or undefined when cancelled or refused.
 */
async function act({ confirm, run, done }) {
  if (confirm && !(await confirmModal(confirm.title, confirm.body, confirm.ok))) {
    return undefined;
  }
  try {
    const answer = await run();
    if (done) toast(typeof done === 'function' ? done(answer) : done);
    poll();
    return answer;
  } catch (e) {
    toast(e instanceof ApiError ? e.message : String(e), true);
    return undefined;
  }
}

function recordRates(info) {
  const now = Date.parse(info.at) || Date.now();
  const current = new Map(info.nodes.map((n) => [`${n.name}@${n.startedAt}`, n.counters]));
  if (previous && now > previous.t) {
    let succeeded = 0;
    let failed = 0;
    for (const [key, c] of current) {
      const before = previous.counters.get(key); // a restarted node starts a new incarnation: no delta
      if (before) {
        succeeded += Math.max(0, c.succeeded - before.succeeded);
        failed += Math.max(0, c.failed - before.failed);
      }
    }
    const dt = (now - previous.t) / 1000;
    ctx.rates.push({ t: now, succeeded: succeeded / dt, failed: failed / dt });
    while (ctx.rates.length && ctx.rates[0].t < now - HISTORY_MS) ctx.rates.shift();
  }
  previous = { t: now, counters: current };
}

function setStatus(text, bad) {
  const s = document.getElementById('status');
  s.textContent = text;
  s.classList.toggle('bad', !!bad);
}

/** One Info request at a time; the next one 3 s after this one answered. */
function poll() {
  if (polling) return polling;
  clearTimeout(timer);
  polling = (async () => {
    try {
      const info = await get('info');
      ctx.info = info;
      recordRates(info);
      const missing = Math.max(0, info.expectedNodes - info.nodes.length);
      setStatus(`${info.nodes.length} node${info.nodes.length === 1 ? '' : 's'}${missing ? `, ${missing} not answering` : ''} · updated ${new Date().toLocaleTimeString()}`, missing > 0);
      if (page && page.update) page.update(info);
    } catch (e) {
      setStatus(`Info failed: ${e.message}`, true);
    } finally {
      polling = null;
      timer = setTimeout(poll, POLL_MS);
    }
  })();
  return polling;
}

function route() {
  const name = (location.hash.replace(/^#/, '').split('/')[0]) || 'overview';
  const next = PAGES[name] ? name : 'overview';
  if (next === pageName) return;
  pageName = next;
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === next);
  page = PAGES[next].create(ctx);
  document.getElementById('main').replaceChildren(page.element);
  document.body.dataset.page = next;
  if (ctx.info && page.update) page.update(ctx.info);
}

async function start() {
  try {
    ctx.me = await get('me');
  } catch (e) {
    setStatus(`Cannot read the caller: ${e.message}`, true);
  }
  ctx.admin = ctx.me.roles.includes('roger-admin');
  document.body.classList.toggle('admin', ctx.admin);
  document.getElementById('me').replaceChildren(h('span', { title: ctx.me.roles.join(', ') },
    `${ctx.me.name || '?'} (${ctx.admin ? 'admin' : 'viewer'})`));
  window.addEventListener('hashchange', route);
  route();
  poll();
}

start();
