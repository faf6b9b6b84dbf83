// Partitions: every partition's queues with the broker's counts and each node's workers and state;
// pause, resume, purge, stop on a node, start on a node (roger-admin only).
import { h, fmt, Table, pill } from './ui.js';
import { post, del, seg, query } from './api.js';

const STATE_PILL = { CONSUMING: 'ok', PAUSED: 'warn', STOPPED: 'bad' };

/**
 * Jobs per second of each partition queue, from the counters of two successive Info answers: the
 * difference of each node's counters of the queue over the time between the answers (a node that
 * restarted, a new incarnation, counts from its next answer). Null before the second answer.
 */
export class QueueRates {
  constructor() { this.previous = null; }

  update(info) {
    const now = Date.parse(info.at) || Date.now();
    const current = new Map();
    for (const n of info.nodes) {
      for (const p of n.partitions) {
        for (const q of p.queues) {
          if (q.counters) current.set(`${n.name}@${n.startedAt}/${p.partition}/${q.queue}`, { key: `${p.partition}/${q.queue}`, c: q.counters });
        }
      }
    }
    const rates = new Map();
    if (this.previous && now > this.previous.t) {
      const dt = (now - this.previous.t) / 1000;
      for (const [id, { key, c }] of current) {
        const before = this.previous.counters.get(id);
        const r = rates.get(key) || { succeeded: 0, failed: 0 };
        if (before) {
          r.succeeded += Math.max(0, c.succeeded - before.c.succeeded) / dt;
          r.failed += Math.max(0, c.failed - before.c.failed) / dt;
        }
        rates.set(key, r);
      }
    }
    const first = !this.previous;
    this.previous = { t: now, counters: current };
    return first ? null : rates;
  }
}

/** One row per partition queue: the broker's counts, then what each node does with it. */
export function rows(info, rates = null) {
  const byKey = new Map();
  const row = (partition, queue) => {
    const key = `${partition}/${queue}`;
    if (!byKey.has(key)) {
      byKey.set(key, { key, partition, queue, ready: 0, unacked: 0, retrying: 0, buried: 0, consumers: 0, nodes: [], running: 0 });
    }
    return byKey.get(key);
  };
  for (const q of info.queues) Object.assign(row(q.partition, q.queue), q);
  for (const n of info.nodes) {
    for (const p of n.partitions) {
      for (const q of p.queues) row(p.partition, q.queue).nodes.push({ node: n.name, workers: q.workers, state: q.state, inFlight: q.inFlight });
    }
    for (const w of n.waiting) row(w.partition, w.queue).nodes.push({ node: n.name, workers: 0, state: 'WAITING', reason: w.reason });
    for (const j of n.running) if (byKey.has(`${j.partition}/${j.queue}`)) row(j.partition, j.queue).running++;
  }
  for (const r of byKey.values()) {
    const rate = rates && rates.get(r.key);
    r.succeededRate = rate ? rate.succeeded : (rates ? 0 : null);
    r.failedRate = rate ? rate.failed : (rates ? 0 : null);
    r.paused = r.nodes.some((n) => n.state === 'PAUSED');
    r.state = r.paused ? 'PAUSED' : r.nodes.some((n) => n.state === 'CONSUMING') ? 'CONSUMING' : r.nodes.length ? r.nodes[0].state : 'no node';
  }
  return [...byKey.values()];
}

function parseQueues(text) {
  const queues = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, workers] = part.split('=').map((s) => s.trim());
    queues[name] = Number(workers || 1);
  }
  return queues;
}

export function create(ctx) {
  const actions = (r) => {
    const p = seg(r.partition), q = seg(r.queue);
    const at = `${r.partition} / ${r.queue}`;
    return h('div.actions',
      r.paused
        ? h('button', { type: 'button', dataset: { action: 'resume' }, onclick: () => ctx.act({ run: () => post(`partitions/${p}/queues/${q}/resume`), done: `Resumed ${at}` }) }, 'Resume')
        : h('button', { type: 'button', dataset: { action: 'pause' }, onclick: () => ctx.act({ run: () => post(`partitions/${p}/queues/${q}/pause`), done: `Paused ${at}` }) }, 'Pause'),
      h('button', {
        type: 'button', dataset: { action: 'purge' }, onclick: () => {
          const boxes = ['QUEUED', 'RETRYING', 'BURIED'].map((t) => h('input', { type: 'checkbox', value: t, checked: t === 'QUEUED', dataset: { target: t } }));
          const labels = { QUEUED: `waiting jobs (${fmt.int(r.ready)})`, RETRYING: `retrying jobs (${fmt.int(r.retrying)})`, BURIED: `buried jobs (${fmt.int(r.buried)})` };
          ctx.act({
            confirm: {
              title: `Purge ${at}?`, ok: 'Purge',
              body: [h('p', 'Removes the jobs for good and gives back the queue keys they held. Jobs already delivered to a node are not touched.'),
                ...boxes.map((b) => h('label.check', b, ' ', labels[b.value]))],
            },
            run: () => post(`partitions/${p}/queues/${q}/purge${query({ target: boxes.filter((b) => b.checked).map((b) => b.value) })}`),
            done: (a) => `Purged ${at}: ${a.queued} waiting, ${a.retrying} retrying, ${a.buried} buried, ${a.keysReleased} keys given back`,
          });
        },
      }, 'Purge…'));
  };

  const nodesCell = (r) => h('div', r.nodes.length ? r.nodes.map((n) => h('div', { dataset: { node: n.node } },
    `${n.node}: ${n.workers} `, pill(n.state.toLowerCase(), STATE_PILL[n.state] || 'warn'),
    n.inFlight ? h('span.muted', ` ${n.inFlight} in flight`) : null,
    ctx.admin && n.state !== 'WAITING' ? [' ', h('button', {
      type: 'button', title: `Stop ${r.partition} on ${n.node}`, dataset: { action: 'stop', node: n.node }, onclick: () => ctx.act({
        confirm: { title: `Stop ${r.partition} on ${n.node}?`, ok: 'Stop', body: `The node stops taking jobs of every queue of ${r.partition}; running jobs finish, prefetched ones go back to the queue. It stays stopped there until started again or the node restarts.` },
        run: () => del(`nodes/${seg(n.node)}/partitions/${seg(r.partition)}`), done: `Stopped ${r.partition} on ${n.node}`,
      }),
    }, 'Stop')] : null)) : h('span.muted', 'no node runs it'));

  const columns = [
    { key: 'partition', label: 'Partition' },
    { key: 'queue', label: 'Queue' },
    { key: 'ready', label: 'Ready', num: true },
    { key: 'unacked', label: 'Unacked', num: true },
    { key: 'retrying', label: 'Retrying', num: true },
    { key: 'buried', label: 'Buried', num: true },
    { key: 'consumers', label: 'Consumers', num: true },
    { key: 'running', label: 'Running', num: true },
    { key: 'succeededRate', label: 'Succeeded / s', num: true, cell: (r) => (r.succeededRate == null ? '–' : fmt.rate(r.succeededRate)) },
    { key: 'failedRate', label: 'Failed / s', num: true, cell: (r) => (r.failedRate == null ? '–' : fmt.rate(r.failedRate)) },
    { key: 'state', label: 'State', cell: (r) => pill(r.state.toLowerCase(), STATE_PILL[r.state] || 'warn') },
    { key: 'nodes', label: 'Workers per node', sortable: false, cell: nodesCell },
  ];
  if (ctx.admin) columns.push({ key: 'actions', label: '', sortable: false, cell: actions });
  const table = new Table({
    id: 'partitions-table', columns, rowKey: (r) => r.key, pageSize: 50, placeholder: 'Search partitions and queues',
    searchText: (r) => `${r.partition} ${r.queue} ${r.nodes.map((n) => n.node).join(' ')}`, empty: 'No partition runs or waits on any node.',
  });

  let startForm = null;
  let nodeSelect = null;
  if (ctx.admin) {
    nodeSelect = h('select', { id: 'start-node', 'aria-label': 'node' });
    const partition = h('input', { type: 'text', id: 'start-partition', placeholder: 'partition', 'aria-label': 'partition' });
    const queues = h('input', { type: 'text', id: 'start-queues', placeholder: 'default=2, mail=1', 'aria-label': 'queues and workers' });
    startForm = h('form.toolbar', {
      id: 'start-form', onsubmit: (e) => {
        e.preventDefault();
        const body = { partition: partition.value.trim(), queues: parseQueues(queues.value || 'default=1') };
        ctx.act({ run: () => post(`nodes/${seg(nodeSelect.value)}/partitions`, body), done: `Started ${body.partition} on ${nodeSelect.value}` });
      },
    }, h('strong', 'Start a partition on'), nodeSelect, partition, queues, h('button.primary', { type: 'submit', dataset: { action: 'start' } }, 'Start'));
  }

  const queueRates = new QueueRates();
  const element = h('section', { id: 'page-partitions' }, h('h1', 'Partitions'),
    h('p.muted', 'Counts: ready, consumers, retrying and buried from the broker; unacked is the sum of the nodes\' deliveries in flight; jobs per second from the nodes\' counters of each queue between two updates. A paused queue is paused on every node.'),
    startForm, table.element);

  return {
    element,
    update(info) {
      if (nodeSelect) {
        const names = info.nodes.map((n) => n.name);
        if (names.join() !== [...nodeSelect.options].map((o) => o.value).join()) {
          const chosen = nodeSelect.value;
          nodeSelect.replaceChildren(...names.map((n) => h('option', { value: n, selected: n === chosen }, n)));
        }
      }
      table.setRows(rows(info, queueRates.update(info)));
    },
  };
}
