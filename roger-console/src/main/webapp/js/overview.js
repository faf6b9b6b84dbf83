// Overview: nodes with state and load, jobs per second, totals, waiting queues, largest backlogs.
import { h, fmt, Table, pill } from './ui.js';
import { drawRates } from './chart.js';

const WINDOW_MS = 10 * 60 * 1000;

function card(id, label) {
  const value = h('div.value', '–');
  return { element: h('div.card', { id }, h('div.label', label), value), value };
}

export function create(ctx) {
  const cards = {
    nodes: card('card-nodes', 'Nodes answering'),
    slots: card('card-slots', 'Slots in use'),
    running: card('card-running', 'Running jobs'),
    ok: card('rate-succeeded', 'Succeeded / s'),
    bad: card('rate-failed', 'Failed / s'),
    ready: card('card-ready', 'Jobs waiting'),
    started: card('total-started', 'Started (since node start)'),
    succeeded: card('total-succeeded', 'Succeeded'),
    failed: card('total-failed', 'Failed attempts'),
    buried: card('total-buried', 'Buried'),
  };
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'chart');
  svg.id = 'rate-chart';
  const nodes = new Table({
    id: 'nodes-table', rowKey: (n) => n.name, pageSize: 20, empty: 'No node answered.',
    columns: [
      { key: 'name', label: 'Node' },
      { key: 'connected', label: 'Connection', cell: (n) => (n.connected ? pill('connected', 'ok') : pill('disconnected', 'bad')) },
      { key: 'load', label: 'Load', num: true, value: (n) => n.slotsInUse / Math.max(1, n.maxConcurrentJobs), cell: (n) => (n.maxConcurrentJobs > 0 ? `${n.slotsInUse} / ${n.maxConcurrentJobs}` : `${n.slotsInUse} (no limit)`) },
      { key: 'running', label: 'Running', num: true, value: (n) => n.running.length, cell: (n) => fmt.int(n.running.length) },
      { key: 'partitions', label: 'Partitions', num: true, value: (n) => n.partitions.length, cell: (n) => fmt.int(n.partitions.length) },
      { key: 'waiting', label: 'Waiting queues', num: true, value: (n) => n.waiting.length, cell: (n) => (n.waiting.length ? pill(String(n.waiting.length), 'warn') : '0') },
      { key: 'succeeded', label: 'Succeeded', num: true, value: (n) => n.counters.succeeded, cell: (n) => fmt.int(n.counters.succeeded) },
      { key: 'failed', label: 'Failed', num: true, value: (n) => n.counters.failed, cell: (n) => fmt.int(n.counters.failed) },
      { key: 'version', label: 'Version' },
      { key: 'startedAt', label: 'Started', cell: (n) => fmt.time(n.startedAt) },
    ],
  });
  const waiting = new Table({
    id: 'waiting-table', rowKey: (w) => `${w.node}/${w.partition}/${w.queue}`, pageSize: 10, empty: 'No queue is waiting.',
    columns: [
      { key: 'partition', label: 'Partition' }, { key: 'queue', label: 'Queue' }, { key: 'node', label: 'Node' },
      { key: 'reason', label: 'Reason' }, { key: 'attempts', label: 'Tries', num: true },
      { key: 'since', label: 'Since', cell: (w) => fmt.time(w.since) },
    ],
  });
  const backlog = new Table({
    id: 'backlog-table', rowKey: (q) => `${q.partition}/${q.queue}`, pageSize: 10, empty: 'No queue.',
    sort: { key: 'backlog', dir: -1 },
    columns: [
      { key: 'partition', label: 'Partition' }, { key: 'queue', label: 'Queue' },
      { key: 'backlog', label: 'Ready + retrying', num: true, value: (q) => q.ready + q.retrying, cell: (q) => fmt.int(q.ready + q.retrying) },
      { key: 'ready', label: 'Ready', num: true }, { key: 'unacked', label: 'Unacked', num: true },
      { key: 'retrying', label: 'Retrying', num: true }, { key: 'buried', label: 'Buried', num: true },
      { key: 'consumers', label: 'Consumers', num: true },
    ],
  });
  const legend = h('div.legend', h('b.ok', '— succeeded'), ' ', h('b.bad', '— failed'), ' jobs per second over the last 10 minutes, from the nodes\' counters at each poll');
  const element = h('section', { id: 'page-overview' },
    h('h1', 'Overview'),
    h('div.cards', Object.values(cards).map((c) => c.element)),
    h('div.panel', h('h2', 'Jobs per second'), svg, legend),
    h('h2', 'Nodes'), nodes.element,
    h('div.grid2',
      h('div', h('h2', 'Largest backlogs'), backlog.element),
      h('div', h('h2', 'Waiting queues'), waiting.element)));

  function update(info) {
    const sum = (f) => info.nodes.reduce((a, n) => a + f(n), 0);
    const last = ctx.rates[ctx.rates.length - 1];
    const missing = Math.max(0, info.expectedNodes - info.nodes.length);
    cards.nodes.value.textContent = `${info.nodes.length}${missing ? ` (+${missing} missing)` : ''}`;
    const max = sum((n) => n.maxConcurrentJobs);
    cards.slots.value.textContent = `${fmt.int(sum((n) => n.slotsInUse))}${max > 0 ? ` / ${fmt.int(max)}` : ''}`;
    cards.running.value.textContent = fmt.int(sum((n) => n.running.length));
    cards.ok.value.textContent = last ? fmt.rate(last.succeeded) : '–';
    cards.bad.value.textContent = last ? fmt.rate(last.failed) : '–';
    cards.ready.value.textContent = fmt.int(info.queues.reduce((a, q) => a + q.ready + q.retrying, 0));
    cards.started.value.textContent = fmt.int(sum((n) => n.counters.started));
    cards.succeeded.value.textContent = fmt.int(sum((n) => n.counters.succeeded));
    cards.failed.value.textContent = fmt.int(sum((n) => n.counters.failed));
    cards.buried.value.textContent = fmt.int(sum((n) => n.counters.buried));
    drawRates(svg, ctx.rates, WINDOW_MS);
    nodes.setRows(info.nodes);
    waiting.setRows(info.nodes.flatMap((n) => n.waiting.map((w) => ({ ...w, node: n.name }))));
    backlog.setRows(info.queues.filter((q) => q.ready + q.retrying > 0));
  }

  return { element, update };
}
