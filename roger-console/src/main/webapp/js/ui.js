// Small DOM helpers: elements, a searchable/sortable/paged table, the confirmation modal, toasts.

/** h('td.num', {title: 'x'}, child, ...): an element with classes, attributes and children. */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const e = document.createElement(name);
  if (classes.length) {
    e.className = classes.join(' ');
  }
  if (attrs && (attrs.constructor !== Object)) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export const fmt = {
  int: (n) => (n === undefined || n === null ? '' : Number(n).toLocaleString('en-US')),
  rate: (n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : '–'),
  time: (iso) => (iso ? new Date(iso).toLocaleString() : ''),
  // ISO-8601 durations as Jakarta JSON-B writes them (PT1M3.5S) to "1m 3s".
  duration(d) {
    if (!d) return '';
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(d);
    if (!m) return d;
    const s = (+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0);
    if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
    if (s < 3600) return `${Math.floor(s / 60)}m ${Math.floor(s % 60)}s`;
    return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  },
};

/**
 * A table that keeps its search text, sort and page while its rows are replaced at every poll.
 * columns: [{key, label, num, value(row) -> sortable value, cell(row) -> node or text, sortable=true}]
 */
export class Table {
  constructor({ id, columns, rowKey, searchText, pageSize = 50, sort, placeholder = 'Search', onRow, empty = 'Nothing here.' }) {
    this.columns = columns;
    this.rowKey = rowKey;
    this.searchText = searchText;
    this.pageSize = pageSize;
    this.sort = sort || { key: columns[0].key, dir: 1 };
    this.page = 0;
    this.query = '';
    this.onRow = onRow;
    this.emptyText = empty;
    this.rows = [];
    this.search = h('input', { type: 'search', placeholder, 'aria-label': placeholder, dataset: { role: 'search' } });
    this.search.addEventListener('input', () => { this.query = this.search.value.trim().toLowerCase(); this.page = 0; this.draw(); });
    this.head = h('thead', h('tr', columns.map((c) => {
      const th = h(`th${c.num ? '.num' : ''}`, { dataset: { key: c.key } }, c.label);
      if (c.sortable !== false) {
        th.classList.add('sortable');
        th.addEventListener('click', () => {
          this.sort = { key: c.key, dir: this.sort.key === c.key ? -this.sort.dir : (c.num ? -1 : 1) };
          this.draw();
        });
      }
      return th;
    })));
    this.body = h('tbody');
    this.pager = h('div.pager');
    this.element = h('div', { id }, searchText ? h('div.toolbar', this.search) : null, h('table', this.head, this.body), this.pager);
  }

  setRows(rows) {
    this.rows = rows;
    this.draw();
  }

  visible() {
    const q = this.query;
    let rows = q && this.searchText ? this.rows.filter((r) => this.searchText(r).toLowerCase().includes(q)) : this.rows.slice();
    const col = this.columns.find((c) => c.key === this.sort.key);
    const value = col.value || ((r) => r[col.key]);
    const dir = this.sort.dir;
    rows.sort((a, b) => {
      const x = value(a), y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
    return rows;
  }

  draw() {
    const rows = this.visible();
    const pages = Math.max(1, Math.ceil(rows.length / this.pageSize));
    this.page = Math.min(this.page, pages - 1);
    const shown = rows.slice(this.page * this.pageSize, (this.page + 1) * this.pageSize);
    for (const th of this.head.querySelectorAll('th')) {
      th.classList.toggle('sorted-asc', th.dataset.key === this.sort.key && this.sort.dir > 0);
      th.classList.toggle('sorted-desc', th.dataset.key === this.sort.key && this.sort.dir < 0);
    }
    this.body.replaceChildren(...(shown.length ? shown.map((r) => {
      const tr = h('tr', { dataset: { key: this.rowKey(r) } },
        this.columns.map((c) => h(`td${c.num ? '.num' : ''}`, { dataset: { col: c.key } }, c.cell ? c.cell(r) : (c.num ? fmt.int(r[c.key]) : r[c.key]))));
      if (this.onRow) this.onRow(tr, r);
      return tr;
    }) : [h('tr', h('td.empty', { colspan: this.columns.length }, this.query ? 'No match.' : this.emptyText))]));
    const first = rows.length ? this.page * this.pageSize + 1 : 0;
    this.pager.replaceChildren(
      h('button', { type: 'button', disabled: this.page === 0, onclick: () => { this.page--; this.draw(); } }, '‹ Prev'),
      h('span', { dataset: { role: 'range' } }, `${fmt.int(first)}–${fmt.int(first + shown.length - (rows.length ? 1 : 0))} of ${fmt.int(rows.length)}`
        + (rows.length !== this.rows.length ? ` (filtered from ${fmt.int(this.rows.length)})` : '')),
      h('button', { type: 'button', disabled: this.page >= pages - 1, onclick: () => { this.page++; this.draw(); } }, 'Next ›'));
  }
}

/** Asks before a change; resolves to true (OK) or false. body: nodes; okText: the button's label. */
export function confirmModal(title, body, okText = 'OK', { danger = true } = {}) {
  const modal = document.getElementById('modal');
  const ok = document.getElementById('modal-ok');
  const cancel = document.getElementById('modal-cancel');
  document.getElementById('modal-title').textContent = title;
  document.getElementById('modal-body').replaceChildren(...[body].flat().map((b) => (b instanceof Node ? b : h('p', b))));
  ok.textContent = okText;
  ok.className = danger ? 'danger' : 'primary';
  modal.hidden = false;
  ok.focus();
  return new Promise((resolve) => {
    const done = (answer) => {
      modal.hidden = true;
      ok.onclick = cancel.onclick = modal.onkeydown = null;
      resolve(answer);
    };
    ok.onclick = () => done(true);
    cancel.onclick = () => done(false);
    modal.onkeydown = (e) => { if (e.key === 'Escape') done(false); };
  });
}

export function toast(text, bad = false) {
  const t = h(`div.toast${bad ? '.bad' : ''}`, { role: bad ? 'alert' : 'status' }, text);
  document.getElementById('toasts').append(t);
  setTimeout(() => t.remove(), bad ? 9000 : 4000);
}

/** A labelled pill for a consumer state, connection or the like. */
export function pill(text, kind) {
  return h(`span.pill${kind ? `.${kind}` : ''}`, text);
}
