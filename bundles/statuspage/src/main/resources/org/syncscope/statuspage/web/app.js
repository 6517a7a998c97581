// The Syncscope status page: renders each snapshot of /syncscope/api/overview (first read) and
// /syncscope/events (every push after) and keeps the recent ones for the plots. Read only.
(function () {
  'use strict';

  var HISTORY = 300;        // snapshots kept per time plot (5 minutes at 1 Hz)
  var HIST_SAMPLES = 600;   // pair differences kept per pair for its histogram
  var HIST_BINS = 30;
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  // display precision of the PVs the snapshot carries (their PREC): Hz 3, pair differences (s) 6
  var PREC = { hz: 3, diff: 6, tsSeconds: 9, ns: 0 };

  var page = { plots: {}, buffers: {}, snapshots: 0, last: null };
  window.statusPage = page;

  // ---- formatting ----------------------------------------------------------------------------

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function fixed(v, digits) {
    return v === null || v === undefined ? '—' : v.toFixed(digits);
  }

  /** A PV reading: a number at its precision where it is known, else the text a display shows. */
  function pvText(p, digits) {
    if (!p) { return '—'; }
    if (digits !== undefined && p.value !== null) { return p.value.toFixed(digits); }
    return p.text === '' ? '—' : p.text;
  }

  function attrs(a) {
    var out = '';
    Object.keys(a || {}).forEach(function (k) {
      if (a[k] !== undefined && a[k] !== null) { out += ' ' + k + '="' + esc(a[k]) + '"'; }
    });
    return out;
  }

  function td(text, a) { return '<td' + attrs(a) + '>' + esc(text) + '</td>'; }

  function pvCell(p, field, digits, a) {
    a = Object.assign({ 'data-field': field, 'data-pv': p ? p.pv : undefined }, a || {});
    a['class'] = ((a['class'] || '') + (p ? ' sev-' + p.severity : '') + (digits !== undefined ? ' num' : '')).trim();
    a.title = p ? p.pv + ' (' + p.severity + ')' : undefined;
    return td(pvText(p, digits), a);
  }

  function idPart(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, '_'); }

  function timeText(nanos) {
    if (!nanos) { return ''; }
    return new Date(nanos / 1e6).toISOString().replace('T', ' ').replace('Z', ' UTC');
  }

  // ---- health overview -------------------------------------------------------------------------

  function healthRow(capability, item, health, details, a) {
    return '<tr' + attrs(Object.assign({ 'class': 'health-' + health, 'data-capability': capability,
      'data-item': item, 'data-health': health }, a || {})) + '>' + td(capability) + td(item) + td(health) + td(details) + '</tr>';
  }

  function severityHealth(p) {
    if (!p || !p.valid) { return 'bad'; }
    return p.severity === 'NO_ALARM' ? 'ok' : (p.severity === 'MINOR' ? 'warn' : 'bad');
  }

  function worst(list) {
    return list.indexOf('bad') >= 0 ? 'bad' : (list.indexOf('warn') >= 0 ? 'warn' : 'ok');
  }

  function renderHealth(o) {
    var rows = [];
    o.profiles.forEach(function (p) {
      var up = p.inputs.filter(function (i) { return i.connected; }).length;
      var down = p.inputs.length - up;
      var health = p.state === 'refused' || down > 0 ? 'bad' : (p.state !== 'running' || p.dropped > 0 ? 'warn' : 'ok');
      rows.push(healthRow('profile', p.name, health, p.state + (p.reason ? ' (' + p.reason + ')' : '') + '; inputs '
        + up + ' connected, ' + down + ' disconnected; dropped ' + p.dropped, { 'data-profile': p.name }));
    });
    if (o.timestamp) {
      var t = o.timestamp;
      var syncOk = t.syncValid && t.syncValid.valid && t.syncValid.text === 'Yes';
      rows.push(healthRow('timestamp', 'driver', worst([severityHealth(t.alarm), severityHealth(t.mode), syncOk ? 'ok' : 'warn']),
        'mode ' + pvText(t.mode) + '; sync valid ' + pvText(t.syncValid) + '; alarm ' + pvText(t.alarm)));
    }
    if (o.ptp) {
      var ptp = o.ptp;
      rows.push(healthRow('ptp', 'check', ptp.problem ? 'bad' : worst([severityHealth(ptp.verdict), severityHealth(ptp.hostRole)]),
        (ptp.problem ? ptp.problem + '; ' : '') + 'verdict ' + pvText(ptp.verdict) + '; host role ' + pvText(ptp.hostRole)));
    }
    o.timeav.forEach(function (d) {
      var running = d.state === 'running';
      rows.push(healthRow('timeav', d.name || d.origin, running ? worst([severityHealth(d.value), severityHealth(d.status)]) : 'bad',
        d.state + (running ? '; ' + pvText(d.status) : ''), { 'data-timeav': d.origin }));
    });
    if (rows.length === 0) {
      rows.push('<tr><td colspan="4" class="note">no capability installed</td></tr>');
    }
    document.querySelector('#health-table tbody').innerHTML = rows.join('');
  }

  // ---- sections: a table part redrawn with each snapshot, a plot part kept ---------------------

  /** The element of one capability item, made once: {tables, plots}. */
  function part(sectionId, key, title) {
    var id = sectionId + '-' + idPart(key);
    var el = document.getElementById(id);
    if (!el) {
      el = document.createElement('div');
      el.id = id;
      el.className = 'part';
      el.innerHTML = '<h2>' + esc(title) + '</h2><div class="tables"></div><div class="plots"></div>';
      document.getElementById(sectionId).appendChild(el);
    }
    el.dataset.seen = String(page.snapshots);
    return { tables: el.querySelector('.tables'), plots: el.querySelector('.plots') };
  }

  /** Removes the parts of items the latest snapshot no longer has, and their plots. */
  function prune() {
    document.querySelectorAll('.part').forEach(function (el) {
      if (el.dataset.seen !== String(page.snapshots)) {
        el.querySelectorAll('[data-plot]').forEach(function (p) { dropPlot(p.dataset.plot); });
        el.remove();
      }
    });
  }

  function renderProfile(o, p) {
    var box = part('profiles', p.name, 'Sync profile ' + p.name);
    var base = { 'data-profile': p.name };
    var html = '<p class="note">state ' + esc(p.state) + (p.reason ? ' (' + esc(p.reason) + ')' : '')
      + (p.prefix ? '; outputs prefixed ' + esc(p.prefix) : '') + '; processed ' + p.processed
      + '; dropped ' + p.dropped + '; queued ' + p.queued + '</p>';
    html += '<table class="inputs" data-profile="' + esc(p.name) + '"><thead><tr><th>input PV</th><th>connection</th><th>updates</th>'
      + '<th>InstantFreq (Hz)</th><th>AvgFreq</th><th>MinFreq</th><th>MaxFreq</th><th>StdFreq</th><th>samples</th></tr></thead><tbody>';
    p.inputs.forEach(function (i) {
      var a = function (field, cls) {
        return Object.assign({ 'data-pv': i.pv, 'data-field': field, 'class': cls }, base);
      };
      html += '<tr' + attrs(Object.assign({ 'data-pv': i.pv, 'class': i.connected ? 'input' : 'input input-disconnected' }, base)) + '>'
        + td(i.pv, a('pv'))
        + td(i.connected ? 'connected' : 'DISCONNECTED', Object.assign(a('connected', i.connected ? 'connected' : 'disconnected'),
          { id: 'conn-' + idPart(p.name) + '-' + idPart(i.pv), 'data-connected': String(i.connected) }))
        + td(String(i.updates), a('updates', 'num'))
        + td(fixed(i.instantHz, PREC.hz), a('instantHz', 'num'))
        + td(fixed(i.avgHz, PREC.hz), a('avgHz', 'num'))
        + td(fixed(i.minHz, PREC.hz), a('minHz', 'num'))
        + td(fixed(i.maxHz, PREC.hz), a('maxHz', 'num'))
        + td(fixed(i.stdHz, PREC.hz), a('stdHz', 'num'))
        + td(String(i.samples), a('samples', 'num')) + '</tr>';
    });
    html += '</tbody></table>';
    if (p.pairs.length > 0) {
      html += '<table class="pairs" data-profile="' + esc(p.name) + '"><thead><tr><th>pair</th><th>valid</th><th>CurrentDiff (s)</th>'
        + '<th>AvgDiff</th><th>MinDiff</th><th>MaxDiff</th><th>StdDiff</th><th>samples</th></tr></thead><tbody>';
      p.pairs.forEach(function (q) {
        var a = function (field, cls) { return Object.assign({ 'data-pair': q.name, 'data-field': field, 'class': cls }, base); };
        html += '<tr' + attrs(Object.assign({ 'data-pair': q.name, 'class': q.valid ? 'pair' : 'pair health-bad' }, base)) + '>'
          + td(q.name, a('name')) + td(q.valid ? 'yes' : 'no', a('valid', q.valid ? '' : 'disconnected'))
          + td(fixed(q.current, PREC.diff), a('current', 'num')) + td(fixed(q.avg, PREC.diff), a('avg', 'num'))
          + td(fixed(q.min, PREC.diff), a('min', 'num')) + td(fixed(q.max, PREC.diff), a('max', 'num'))
          + td(fixed(q.std, PREC.diff), a('std', 'num')) + td(String(q.samples), a('samples', 'num')) + '</tr>';
      });
      html += '</tbody></table><p class="note">' + p.pairs.length + ' of ' + p.pairCount + ' pairs shown</p>';
    }
    box.tables.innerHTML = html;

    var key = 'profile:' + p.name;
    if (p.pairs.length > 0) {
      timePlot(box.plots, key + ':pairs', 'CurrentDiff of the pairs (s)', o.timeNanos,
        p.pairs.map(function (q) { return q.name; }), p.pairs.map(function (q) { return q.valid ? q.current : null; }));
      histogram(box.plots, key + ':hist', 'Pair differences, recent samples (s)', p.pairs);
    }
    timePlot(box.plots, key + ':freq', 'InstantFreq of the inputs (Hz)', o.timeNanos,
      p.inputs.map(function (i) { return i.pv; }), p.inputs.map(function (i) { return i.connected ? i.instantHz : null; }));
  }

  function renderTimestamp(o) {
    var t = o.timestamp;
    if (!t) { return; }
    var box = part('timestamp', 'driver', 'Timestamp driver');
    var fields = [['mode'], ['role'], ['source'], ['syncValid'], ['alarm'], ['offset', PREC.tsSeconds, 's'],
      ['delay', PREC.tsSeconds, 's'], ['jitter', PREC.tsSeconds, 's'], ['eventCount'], ['lastSync']];
    var html = '<table class="timestamp"><thead><tr><th>PV</th><th>value</th><th>severity</th></tr></thead><tbody>';
    fields.forEach(function (f) {
      var p = t[f[0]];
      html += '<tr>' + td(p ? p.pv : f[0]) + pvCell(p, f[0], f[1]) + td(p ? p.severity : '') + '</tr>';
    });
    box.tables.innerHTML = html + '</tbody></table>';
    timePlot(box.plots, 'timestamp', 'Offset and delay (s)', o.timeNanos, ['offset', 'delay'],
      [num(t.offset), num(t.delay)]);
  }

  function renderPtp(o) {
    var ptp = o.ptp;
    if (!ptp) { return; }
    var box = part('ptp', 'check', 'PTP check');
    var html = (ptp.problem ? '<p class="health-bad" data-field="problem">' + esc(ptp.problem) + '</p>' : '')
      + '<table class="ptp"><tbody><tr><th>verdict</th>' + pvCell(ptp.verdict, 'verdict') + '</tr>'
      + '<tr><th>host role</th>' + pvCell(ptp.hostRole, 'hostRole') + '</tr>'
      + '<tr><th>largest |delta| (ns)</th>' + pvCell(ptp.maxAbsDelta, 'maxAbsDelta', PREC.ns) + '</tr></tbody></table>';
    html += '<table class="cameras"><thead><tr><th>camera</th><th>state</th><th>delta to median (ns)</th></tr></thead><tbody>';
    ptp.cameras.forEach(function (c) {
      html += '<tr data-camera="' + esc(c.serial) + '">' + td(c.serial) + pvCell(c.state, 'state', undefined, { 'data-camera': c.serial })
        + pvCell(c.delta, 'delta', PREC.ns, { 'data-camera': c.serial }) + '</tr>';
    });
    box.tables.innerHTML = html + '</tbody></table>';
    if (ptp.cameras.length > 0) {
      timePlot(box.plots, 'ptp', 'Camera delta to the median (ns)', o.timeNanos,
        ptp.cameras.map(function (c) { return c.serial; }), ptp.cameras.map(function (c) { return num(c.delta); }));
    }
  }

  function renderTimeav(o) {
    if (o.timeav.length === 0) { return; }
    var box = part('timeav', 'devices', 'TIMEAV devices');
    var html = '<table class="timeav"><thead><tr><th>device</th><th>origin</th><th>state</th><th>value</th><th>status</th></tr></thead><tbody>';
    o.timeav.forEach(function (d) {
      var a = { 'data-timeav': d.origin };
      html += '<tr' + attrs(Object.assign({ 'class': d.state === 'running' ? '' : 'health-bad' }, a)) + '>' + td(d.name || '—')
        + td(d.origin) + td(d.state, Object.assign({ 'data-field': 'state' }, a))
        + pvCell(d.value, 'value', undefined, a) + pvCell(d.status, 'status', undefined, a) + '</tr>';
    });
    box.tables.innerHTML = html + '</tbody></table>';
    var running = o.timeav.filter(function (d) { return d.name; });
    if (running.length > 0) {
      timePlot(box.plots, 'timeav', 'TIMEAV outputs', o.timeNanos,
        running.map(function (d) { return d.name; }), running.map(function (d) { return num(d.value); }));
    }
  }

  function num(p) { return p && p.valid ? p.value : null; }

  // ---- plots -------------------------------------------------------------------------------------

  function plotBox(container, key, title) {
    var id = 'plot-' + idPart(key);
    var el = document.getElementById(id);
    if (!el) {
      el = document.createElement('div');
      el.id = id;
      el.className = 'plot';
      el.dataset.plot = key;
      el.title = title;
      container.appendChild(el);
    }
    return el;
  }

  function dropPlot(key) {
    if (page.plots[key]) { page.plots[key].destroy(); }
    delete page.plots[key];
    delete page.buffers[key];
    delete page.buffers[key + ':samples'];
  }

  function series(labels) {
    return [{}].concat(labels.map(function (l, i) {
      return { label: l, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false };
    }));
  }

  /** Adds one point per series at the snapshot's time; the plot is made anew when its series change. */
  function timePlot(container, key, title, timeNanos, labels, values) {
    var el = plotBox(container, key, title);
    var buf = page.buffers[key];
    var shape = labels.join('\n');
    if (!buf || buf.shape !== shape) {
      dropPlot(key);
      buf = page.buffers[key] = { shape: shape, data: [[]].concat(labels.map(function () { return []; })) };
    }
    var x = timeNanos / 1e9;
    var xs = buf.data[0];
    if (xs.length > 0 && xs[xs.length - 1] >= x) { return; } // the same snapshot again
    xs.push(x);
    values.forEach(function (v, i) { buf.data[i + 1].push(v === undefined ? null : v); });
    if (xs.length > HISTORY) { buf.data.forEach(function (s) { s.shift(); }); }
    draw(el, key, title, buf.data, labels, true);
  }

  /** Counts each pair's recent CurrentDiff samples in common bins over their whole range. */
  function histogram(container, key, title, pairs) {
    var el = plotBox(container, key, title);
    var store = page.buffers[key + ':samples'] || (page.buffers[key + ':samples'] = {});
    pairs.forEach(function (q) {
      var s = store[q.name] || (store[q.name] = { samples: -1, values: [] });
      // a new sample shows as a changed count or value; a snapshot without one adds nothing
      if (q.valid && q.current !== null && (q.samples !== s.samples || q.current !== s.last)) {
        s.values.push(q.current);
        if (s.values.length > HIST_SAMPLES) { s.values.shift(); }
      }
      s.samples = q.samples;
      s.last = q.current;
    });
    var names = pairs.map(function (q) { return q.name; });
    var all = [].concat.apply([], names.map(function (n) { return store[n].values; }));
    if (all.length === 0) { return; }
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    if (hi === lo) { lo -= 1e-6; hi += 1e-6; }
    var width = (hi - lo) / HIST_BINS;
    var centers = [];
    for (var b = 0; b < HIST_BINS; b++) { centers.push(lo + (b + 0.5) * width); }
    var data = [centers].concat(names.map(function (n) {
      var counts = centers.map(function () { return 0; });
      store[n].values.forEach(function (v) { counts[Math.min(HIST_BINS - 1, Math.floor((v - lo) / width))]++; });
      return counts;
    }));
    var shape = names.join('\n');
    if (page.buffers[key] && page.buffers[key].shape !== shape) { dropPlot(key); }
    page.buffers[key] = { shape: shape, data: data };
    draw(el, key, title, data, names, false);
  }

  /** Tick labels with as many decimals as their spacing needs (µs offsets, ns deltas alike). */
  function ticks(u, splits, axis, space, incr) {
    var digits = Math.max(0, Math.min(9, Math.ceil(-Math.log10(incr) - 1e-9)));
    return splits.map(function (t) { return digits === 0 ? t.toLocaleString('en-US') : t.toFixed(digits); });
  }

  function draw(el, key, title, data, labels, time) {
    var plot = page.plots[key];
    if (plot) {
      plot.setData(data);
      return;
    }
    var opts = {
      title: title,
      width: Math.max(300, el.clientWidth - 10),
      height: 220,
      scales: { x: { time: time } },
      series: series(labels),
      axes: [{}, { size: 90, values: ticks }]
    };
    if (!time) {
      opts.series.forEach(function (s, i) {
        if (i > 0) { s.paths = uPlot.paths.bars({ size: [0.9, 100], align: 0 }); s.fill = s.stroke + '55'; s.points = { show: false }; }
      });
      opts.axes[0] = { space: 90, size: 50, values: ticks };
    }
    page.plots[key] = new uPlot(opts, data, el);
  }

  // ---- the data ------------------------------------------------------------------------------------

  function render(o) {
    page.snapshots++;
    page.last = o;
    document.getElementById('snapshot-time').textContent = 'snapshot ' + timeText(o.timeNanos);
    renderHealth(o);
    o.profiles.forEach(function (p) { renderProfile(o, p); });
    renderTimestamp(o);
    renderPtp(o);
    renderTimeav(o);
    prune();
  }

  function streamState(state, text) {
    var el = document.getElementById('stream');
    el.dataset.state = state;
    el.textContent = text;
  }

  function listen() {
    var events = new EventSource('events');
    events.onopen = function () { streamState('open', 'live'); };
    events.onmessage = function (e) { render(JSON.parse(e.data)); };
    events.onerror = function () {
      if (events.readyState === EventSource.CLOSED) {
        // refused (503: every stream in use) or the server went away: try again a little later
        streamState('refused', 'no live stream (server busy or gone); retrying');
        setTimeout(listen, 10000);
      } else {
        streamState('connecting', 'reconnecting…');
      }
    };
  }

  fetch('api/overview', { cache: 'no-store' })
    .then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    })
    .then(render)
    .catch(function (e) { streamState('closed', 'no snapshot: ' + e.message); })
    .then(listen);
}());
