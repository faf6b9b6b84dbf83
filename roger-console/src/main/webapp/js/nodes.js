// Nodes: each node's connection, slots, counters, partitions with their queues, waiting queues.
import { h, fmt, Table, pill } from './ui.js';

const STATE_PILL = { CONSUMING: 'ok', PAUSED: 'warn', STOPPED: 'bad' };

function nodeCard(name) {
  const facts = h('dl.detail');
  const table = new Table({
    id: `node-partitions-${name}`, rowKey: (r) => `${r.partition}/${r.queue}`, pageSize: 20, placeholder: 'Search this node\'s partitions',
    searchText: (r) => `${r.partition} ${r.queue}`, empty: 'No partition.',
    columns: [
      { key: 'partition', label: 'Partition' }, { key: 'queue', label: 'Queue' },
      { key: 'workers', label: 'Workers', num: true }, { key: 'inFlight', label: 'In flight', num: true },
      { key: 'state', label: 'State', cell: (r) => pill(r.state.toLowerCase(), STATE_PILL[r.state]) },
    ],
  });
  const waiting = h('div');
  const title = h('h2');
  const element = h('div.panel.nodecard', { dataset: { node: name } }, title, facts, h('h2', 'Partitions'), table.element, waiting);
  return {
    element,
    update(n) {
      title.replaceChildren(`${n.name} `, n.connected ? pill('connected', 'ok') : pill('disconnected', 'bad'));
      const c = n.counters;
      facts.replaceChildren(...[
        ['Slots', `${n.slotsInUse} in use of ${n.maxConcurrentJobs}`], ['Running jobs', fmt.int(n.running.length)],
        ['Counters', `${fmt.int(c.started)} started, ${fmt.int(c.succeeded)} succeeded, ${fmt.int(c.failed)} failed, ${fmt.int(c.buried)} buried`],
        ['Partitions', fmt.int(n.partitions.length)], ['Version', n.version], ['Server', n.server], ['Started', fmt.time(n.startedAt)],
      ].flatMap(([k, v]) => [h('dt', k), h('dd', { dataset: { field: k } }, v)]));
      table.setRows(n.partitions.flatMap((p) => p.queues.map((q) => ({ partition: p.partition, ...q }))));
      const head = h('thead', h('tr', ['Partition', 'Queue', 'Reason', 'Tries', 'Since', 'Next try'].map((t) => h('th', t))));
      const rows = n.waiting.map((w) => h('tr', h('td', w.partition), h('td', w.queue), h('td', w.reason), h('td.num', w.attempts),
        h('td', fmt.time(w.since)), h('td', fmt.time(w.nextTry))));
      waiting.replaceChildren(...(n.waiting.length ? [h('h2', 'Waiting queues'), h('table', head, h('tbody', rows))] : []));
    },
  };
}

export function create() {
  const cards = new Map();
  const list = h('div', { id: 'node-list' });
  const missing = h('p.muted');
  return {
    element: h('section', { id: 'page-nodes' }, h('h1', 'Nodes'), missing, list),
    update(info) {
      const m = Math.max(0, info.expectedNodes - info.nodes.length);
      missing.textContent = m ? `${m} node(s) on the control channel did not answer within 3 s.` : `${info.nodes.length} node(s), all answered.`;
      const names = new Set(info.nodes.map((n) => n.name));
      for (const [name, card] of cards) if (!names.has(name)) { card.element.remove(); cards.delete(name); }
      for (const n of info.nodes) {
        if (!cards.has(n.name)) {
          cards.set(n.name, nodeCard(n.name));
          list.append(cards.get(n.name).element);
        }
        cards.get(n.name).update(n);
      }
    },
  };
}
