// Running jobs across the cluster, with cancel (roger-admin only).
import { h, fmt, Table } from './ui.js';
import { post, seg } from './api.js';

export function create(ctx) {
  const columns = [
    { key: 'id', label: 'Job id' },
    { key: 'type', label: 'Type' },
    { key: 'partition', label: 'Partition' },
    { key: 'queue', label: 'Queue' },
    { key: 'node', label: 'Node' },
    { key: 'startedAt', label: 'Started', cell: (j) => fmt.time(j.startedAt) },
    { key: 'runningFor', label: 'Running for', num: true, value: (j) => Date.parse(j.startedAt) * -1, cell: (j) => fmt.duration(j.runningFor) },
    { key: 'retryCount', label: 'Retries', num: true },
  ];
  if (ctx.admin) {
    columns.push({
      key: 'actions', label: '', sortable: false, cell: (j) => h('button', {
        type: 'button', dataset: { action: 'cancel' }, onclick: () => ctx.act({
          confirm: { title: `Cancel job ${j.id}?`, ok: 'Cancel the job', body: 'Its thread is interrupted and its result ignored; it is not retried.' },
          run: () => post(`partitions/${seg(j.partition)}/jobs/${seg(j.id)}/cancel`), done: `Cancelled ${j.id}`,
        }),
      }, 'Cancel'),
    });
  }
  const table = new Table({
    id: 'running-table', columns, rowKey: (j) => j.id, pageSize: 50, sort: { key: 'runningFor', dir: -1 },
    placeholder: 'Search id, type, partition, node', searchText: (j) => `${j.id} ${j.type} ${j.partition} ${j.queue} ${j.node}`,
    empty: 'No job is running.',
  });
  return {
    element: h('section', { id: 'page-running' }, h('h1', 'Running jobs'),
      h('p.muted', 'Every job a node runs now, as Info reports it (never the arguments).'), table.element),
    update(info) {
      table.setRows(info.nodes.flatMap((n) => n.running));
    },
  };
}
