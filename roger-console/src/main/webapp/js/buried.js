// Buried jobs: search the cluster's buried log (GET /buried, cursor paging), a job's detail,
// retry or delete one, the selected ones, or all that match (roger-admin only).
import { h, fmt, pill } from './ui.js';
import { get, post, del, seg, query } from './api.js';

const FILTERS = [
  ['partition', 'Partition'], ['queue', 'Queue'], ['jobId', 'Job id'], ['type', 'Type'], ['errorClass', 'Error class'], ['reason', 'Reason contains'],
];
const LIMIT = 50;

const jobPath = (j) => `partitions/${seg(j.partition)}/queues/${seg(j.queue)}/buried/${seg(j.jobId)}`;

export function create(ctx) {
  const inputs = Object.fromEntries(FILTERS.map(([k, label]) => [k, h('input', { type: 'text', name: k, id: `filter-${k}`, placeholder: label, 'aria-label': label })]));
  const summary = h('span.muted', { id: 'buried-summary' });
  const list = h('tbody');
  const detail = h('div.panel', { id: 'buried-detail', hidden: true });
  const older = h('button', { type: 'button', id: 'buried-older', disabled: true, onclick: () => { cursors.push(page.next); load(); } }, 'Older ›');
  const newer = h('button', { type: 'button', id: 'buried-newer', disabled: true, onclick: () => { cursors.pop(); load(); } }, '‹ Newer');
  const selectAll = h('input', { type: 'checkbox', 'aria-label': 'select all on this page', onchange: () => {
    for (const j of page.jobs) (selectAll.checked ? selected.add(j.jobId) : selected.delete(j.jobId));
    draw();
  } });
  let filters = {};
  let cursors = [null]; // the "before" of each page shown so far; the last one is the current page
  let page = { jobs: [], matching: 0 };
  const selected = new Set();
  let shown = null; // the job in the detail panel

  const current = () => ({ ...filters, limit: LIMIT, before: cursors[cursors.length - 1] });
  const hasFilter = () => Object.values(filters).some((v) => v);
  const mayChangeAll = () => filters.partition || filters.jobId || filters.type || filters.errorClass || filters.reason;

  async function load() {
    try {
      page = await get(`buried${query(current())}`);
    } catch (e) {
      summary.textContent = `Search failed: ${e.message}`;
      return;
    }
    const ids = new Set(page.jobs.map((j) => j.jobId));
    for (const id of [...selected]) if (!ids.has(id)) selected.delete(id);
    draw();
  }

  function draw() {
    const first = (cursors.length - 1) * LIMIT;
    summary.textContent = page.matching
      ? `${fmt.int(page.matching)} buried job${page.matching === 1 ? '' : 's'} match${page.matching === 1 ? 'es' : ''}; showing ${fmt.int(first + 1)}–${fmt.int(first + page.jobs.length)}, newest first`
      : 'No buried job matches.';
    older.disabled = !page.next;
    newer.disabled = cursors.length <= 1;
    selectAll.checked = page.jobs.length > 0 && page.jobs.every((j) => selected.has(j.jobId));
    list.replaceChildren(...page.jobs.map((j) => h(`tr${shown && shown.jobId === j.jobId ? '.selected' : ''}`, { dataset: { key: j.jobId } },
      ctx.admin ? h('td', h('input', { type: 'checkbox', 'aria-label': `select ${j.jobId}`, checked: selected.has(j.jobId), onchange: (e) => {
        (e.target.checked ? selected.add(j.jobId) : selected.delete(j.jobId));
        draw();
      } })) : null,
      h('td', h('a', { href: '#buried', dataset: { role: 'open' }, onclick: (e) => { e.preventDefault(); open(j); } }, j.jobId)),
      h('td', j.type || ''), h('td', j.partition), h('td', j.queue), h('td', pill(j.errorClass ? j.errorClass.split('.').pop() : '—', 'bad')),
      h('td', { title: j.reason }, (j.reason || '').length > 90 ? `${j.reason.slice(0, 90)}…` : j.reason),
      h('td.num', j.attempts), h('td', fmt.time(j.lastFailedAt)), h('td', j.node || ''),
      ctx.admin ? h('td', h('div.actions', retryButton([j]), deleteButton([j]))) : null)));
    for (const b of element.querySelectorAll('[data-scope=selected]')) b.disabled = selected.size === 0;
    for (const b of element.querySelectorAll('[data-scope=matching]')) {
      b.disabled = !mayChangeAll() || page.matching === 0;
      b.title = mayChangeAll() ? '' : 'Search with a partition or a filter first';
    }
  }

  function open(j) {
    shown = j;
    const argsBox = h('pre.stack', { id: 'buried-args' }, 'loading…');
    detail.hidden = false;
    detail.replaceChildren(...[h('h2', `Buried job ${j.jobId}`),
      h('dl.detail',
        ...[['Type', j.type], ['Partition / queue', `${j.partition} / ${j.queue}`], ['Reason', j.reason], ['Error class', j.errorClass],
          ['Message', j.errorMessage], ['Attempts', j.attempts], ['First failed', fmt.time(j.firstFailedAt)],
          ['Last failed', fmt.time(j.lastFailedAt)], ['Node', j.node]]
          .flatMap(([k, v]) => [h('dt', k), h('dd', { dataset: { field: k } }, v === undefined || v === null || v === '' ? '—' : String(v))])),
      h('h2', 'Stack'), h('pre.stack', { id: 'buried-stack' }, j.stack || '—'),
      ctx.admin ? [h('h2', 'Arguments'), argsBox, h('div.actions', retryButton([j]), deleteButton([j]))] : h('p.muted', 'Arguments are shown to roger-admin only.')].flat());
    if (ctx.admin) {
      get(`${jobPath(j)}/args`).then((a) => { argsBox.textContent = JSON.stringify(a.args, null, 2); },
        (e) => { argsBox.textContent = e.message; });
    }
    draw();
  }

  const after = () => { shown = null; detail.hidden = true; load(); };

  function retryButton(jobs) {
    return h('button', { type: 'button', dataset: { action: 'retry' }, onclick: async () => {
      let n = 0;
      for (const j of jobs) if (await ctx.act({ run: () => post(`${jobPath(j)}/retry`) })) n++;
      if (jobs.length > 1 || n) after();
    } }, 'Retry');
  }

  function deleteButton(jobs) {
    return h('button', { type: 'button', dataset: { action: 'delete' }, onclick: () => removeJobs(jobs) }, 'Delete');
  }

  async function removeJobs(jobs) {
    const ok = await ctx.act({
      confirm: { title: `Delete ${jobs.length === 1 ? `buried job ${jobs[0].jobId}` : `${jobs.length} buried jobs`}?`, ok: 'Delete', body: 'They are removed from their buried queues for good.' },
      run: async () => {
        let n = 0;
        for (const j of jobs) n += (await del(jobPath(j))).count;
        return n;
      },
      done: (n) => `Deleted ${n} buried job${n === 1 ? '' : 's'}`,
    });
    if (ok !== undefined) after();
  }

  const bySelection = () => page.jobs.filter((j) => selected.has(j.jobId));
  const matchingText = () => `every buried job matching ${Object.entries(filters).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join(', ')} (${fmt.int(page.matching)} now)`;

  const bulk = ctx.admin ? h('div.toolbar', { id: 'buried-bulk' },
    h('button', { type: 'button', dataset: { action: 'retry-selected', scope: 'selected' }, onclick: async () => {
      const jobs = bySelection();
      const n = await ctx.act({
        confirm: { title: `Retry ${jobs.length} buried job${jobs.length === 1 ? '' : 's'}?`, ok: 'Retry', body: 'They go back on their queues and run again.' },
        run: async () => { let c = 0; for (const j of jobs) c += (await post(`${jobPath(j)}/retry`)).count; return c; },
        done: (c) => `Retried ${c}`,
      });
      if (n !== undefined) after();
    } }, 'Retry selected'),
    h('button', { type: 'button', dataset: { action: 'delete-selected', scope: 'selected' }, onclick: () => removeJobs(bySelection()) }, 'Delete selected'),
    h('button', { type: 'button', dataset: { action: 'retry-matching', scope: 'matching' }, onclick: async () => {
      const a = await ctx.act({ confirm: { title: 'Retry all matching?', ok: 'Retry all', body: `Puts ${matchingText()} back on its queue.` },
        run: () => post(`buried/retry${query(filters)}`), done: (r) => `Retried ${r.count}` });
      if (a) after();
    } }, 'Retry all matching'),
    h('button', { type: 'button', dataset: { action: 'delete-matching', scope: 'matching' }, onclick: async () => {
      const a = await ctx.act({ confirm: { title: 'Delete all matching?', ok: 'Delete all', body: `Deletes ${matchingText()} for good.` },
        run: () => post(`buried/delete${query(filters)}`), done: (r) => `Deleted ${r.count}` });
      if (a) after();
    } }, 'Delete all matching')) : null;

  const form = h('form.toolbar', { id: 'buried-search', onsubmit: (e) => {
    e.preventDefault();
    filters = Object.fromEntries(FILTERS.map(([k]) => [k, inputs[k].value.trim()]).filter(([, v]) => v));
    cursors = [null];
    selected.clear();
    shown = null;
    detail.hidden = true;
    load();
  } }, Object.values(inputs), h('button.primary', { type: 'submit', id: 'buried-go' }, 'Search'));

  const element = h('section', { id: 'page-buried' }, h('h1', 'Buried jobs'),
    h('p.muted', 'From the cluster\'s buried log: every job whose burial was confirmed before the search, newest first. Filters must all hold; the error class may be the simple name.'),
    form, h('div.toolbar', newer, older, summary), bulk,
    h('table', { id: 'buried-table' }, h('thead', h('tr', ctx.admin ? h('th', selectAll) : null,
      ...['Job id', 'Type', 'Partition', 'Queue', 'Error', 'Reason', 'Attempts', 'Last failed', 'Node'].map((t) => h('th', t)), ctx.admin ? h('th', '') : null)), list),
    detail);
  load();
  return { element, update: null, hasFilter };
}
