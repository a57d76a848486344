/* graphmodel canvas views (network, counterparts, matrix): draws the embedded tables.
 * Every text from the data goes into the page through textContent or onto the canvas with
 * fillText: never as HTML. Counterpart pairs are computed here, for the pair of sides, the
 * documents and the minimum of shared tasks chosen, so every count, width and panel follows them. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graphmodel-data").textContent);
  var FONT = '12px "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var INK = "#1a202c", DIM = "#e2e8f0", DIM_NODE = "#cbd5e0", HALO = "#ffffff";
  var PAIR_COLOUR = "#6b46c1";
  // Matrix shades, light to dark: each at least 3:1 against the white page (tests check it).
  var SHADES = ["#8b6fd0", "#7559c2", "#6144b0", "#4c3296", "#36217a", "#22135a"];
  var KIND_NAMES = { Unit: "Unit", Group: "Group of units", Side: "Side", District: "District", Park: "Park",
                     Task: "Task", Document: "Document" };
  var EDGE_NAMES = { RESPONSIBLE_FOR: "responsible for", COUNTERPART: "counterparts", PAIRED_WITH: "paired with",
                     PART_OF: "part of", IN: "in", MENTIONS: "mentions" };
  var SHAPES = { Unit: "circle", Group: "diamond", Side: "hexagon", District: "triangle", Park: "triangleDown",
                 Task: "square", Document: "star" };

  // @include dom.js
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* ---------- the tables ---------- */

  var VIEW = data.view;
  var N = data.nodes, T = data.tasks, D = data.documents;
  var nodeCount = N.id.length;
  var index = {};
  N.id.forEach(function (id, i) { index[id] = i; });
  var kindOf = N.kind.map(function (k) { return data.kinds[k] || "Unit"; });
  var respOf = [], unitsOfTask = [];
  for (var i = 0; i < nodeCount; i++) { respOf.push([]); }
  for (var t = 0; t < T.number.length; t++) { unitsOfTask.push([]); }
  (function () {
    var R = data.responsibility;
    for (var j = 0; j < R.node.length; j++) {
      respOf[R.node[j]].push([R.task[j], data.roles[R.role[j]]]);
      if (kindOf[R.node[j]] === "Unit") { unitsOfTask[R.task[j]].push(R.node[j]); }
    }
  }());
  function sideName(s) { return s >= 0 ? data.sides[s] : null; }
  function sideColour(s) { return s >= 0 ? data.colours[data.sides[s]] : "#4a5568"; }
  function taskYear(t) { var d = D[T.document[t]]; return d && d.year ? d.year : "?"; }
  function taskLabel(t) { return taskYear(t) + " " + T.number[t]; }
  function docLine(d) { var doc = D[d]; return doc ? (doc.year ? doc.year + " · " : "") + doc.title : ""; }

  /* ---------- state ---------- */

  var state = {
    docOn: D.map(function () { return true; }),
    sideOn: data.sides.map(function () { return true; }),
    kindOn: {},
    minShared: 1,
    pair: data.pair || 0,
    mode: VIEW === "matrix" ? "matrix" : VIEW === "counterparts" ? "columns" : "network",
    selected: null  // {node: i} or {pair: [a, b]} or {edge: e}
  };
  data.kinds.forEach(function (k) { state.kindOn[k] = true; });

  /* ---------- what is drawn: nodes and edges in world coordinates ---------- */

  var G = {
    x: new Float64Array(nodeCount), y: new Float64Array(nodeCount), r: new Float64Array(nodeCount),
    visible: new Uint8Array(nodeCount), colour: [], shape: [], labelSide: new Int8Array(nodeCount),
    priority: [], emph: null,
    from: new Int32Array(0), to: new Int32Array(0), width: new Float64Array(0), ecolour: [], dash: [],
    evisible: new Uint8Array(0), eemph: null, tasksOf: []
  };
  var pairs = [];       // counterparts: {a, b, tasks, count, jaccard} for the chosen pair and documents
  var visiblePairs = [];
  var matrix = null;    // {rows, cols, cell: Map key -> pair, size}
  var scopeTasks = new Int32Array(nodeCount);  // tasks of each unit in the ticked documents

  function taskOn(t) { return state.docOn[T.document[t]] !== false; }

  function computePairs() {
    var p = data.pairs[state.pair];
    pairs = [];
    if (!p) { return; }
    var shared = new Map();
    scopeTasks.fill(0);
    for (var t = 0; t < unitsOfTask.length; t++) {
      if (!taskOn(t)) { continue; }
      var units = unitsOfTask[t], ls = [], rs = [];
      for (var j = 0; j < units.length; j++) {
        var u = units[j], s = N.side[u];
        scopeTasks[u] += 1;
        if (s === p.left) { ls.push(u); } else if (s === p.right) { rs.push(u); }
      }
      for (var a = 0; a < ls.length; a++) {
        for (var b = 0; b < rs.length; b++) {
          var key = ls[a] * nodeCount + rs[b];
          var row = shared.get(key);
          if (!row) { row = { a: ls[a], b: rs[b], tasks: [] }; shared.set(key, row); pairs.push(row); }
          row.tasks.push(t);
        }
      }
    }
    pairs.forEach(function (row) {
      row.count = row.tasks.length;
      row.jaccard = row.count / (scopeTasks[row.a] + scopeTasks[row.b] - row.count);
    });
    pairs.sort(function (x, y) { return y.count - x.count || y.jaccard - x.jaccard || x.a - y.a || x.b - y.b; });
  }

  // Barycentric ordering of two facing lists, weighted by shared tasks: strong pairs end up level
  // with each other (columns) or as blocks on the diagonal (matrix).
  function order(left, right, rows) {
    var nbrL = new Map(), nbrR = new Map();
    rows.forEach(function (p) {
      (nbrL.get(p.a) || nbrL.set(p.a, []).get(p.a)).push([p.b, p.count]);
      (nbrR.get(p.b) || nbrR.set(p.b, []).get(p.b)).push([p.a, p.count]);
    });
    function weight(u, nbr) { return (nbr.get(u) || []).reduce(function (s, x) { return s + x[1]; }, 0); }
    left.sort(function (u, v) { return weight(v, nbrL) - weight(u, nbrL) || u - v; });
    right.sort(function (u, v) { return weight(v, nbrR) - weight(u, nbrR) || u - v; });
    function sweep(column, other, nbr) {
      var pos = new Map();
      other.forEach(function (u, i) { pos.set(u, i); });
      var own = new Map();
      column.forEach(function (u, i) { own.set(u, i); });
      var key = new Map();
      column.forEach(function (u) {
        var sum = 0, w = 0;
        (nbr.get(u) || []).forEach(function (x) { if (pos.has(x[0])) { sum += pos.get(x[0]) * x[1]; w += x[1]; } });
        key.set(u, w ? sum / w : own.get(u));
      });
      column.sort(function (u, v) { return key.get(u) - key.get(v) || own.get(u) - own.get(v); });
    }
    for (var s = 0; s < 8; s++) { sweep(right, left, nbrR); sweep(left, right, nbrL); }
  }

  var ROW = 26, GAP = 520, CELL = 16;

  function buildCounterparts() {
    computePairs();
    visiblePairs = pairs.filter(function (p) { return p.count >= state.minShared; });
    var p = data.pairs[state.pair] || { left: -1, right: -1 };
    var onL = new Set(), onR = new Set();
    visiblePairs.forEach(function (row) { onL.add(row.a); onR.add(row.b); });
    var left = Array.from(onL), right = Array.from(onR);
    order(left, right, visiblePairs);
    G.visible.fill(0);
    G.labelSide.fill(0);
    var top = -(Math.max(left.length, right.length) - 1) * ROW / 2;
    function place(column, x, side) {
      var offset = top + (Math.max(left.length, right.length) - column.length) * ROW / 2;
      column.forEach(function (u, i) {
        G.x[u] = x; G.y[u] = offset + i * ROW; G.visible[u] = 1; G.labelSide[u] = side;
        G.r[u] = Math.min(4 + 1.5 * Math.sqrt(scopeTasks[u]), 11);
      });
    }
    place(left, -GAP / 2, -1);
    place(right, GAP / 2, 1);
    for (var u = 0; u < nodeCount; u++) {
      G.colour[u] = sideColour(N.side[u]);
      G.shape[u] = "circle";
    }
    var m = visiblePairs.length;
    G.from = new Int32Array(m); G.to = new Int32Array(m); G.width = new Float64Array(m);
    G.evisible = new Uint8Array(m).fill(1); G.ecolour = []; G.dash = []; G.tasksOf = [];
    visiblePairs.forEach(function (row, j) {
      G.from[j] = row.a; G.to[j] = row.b;
      G.width[j] = Math.min(1 + 1.5 * Math.sqrt(row.count - 1), 9);
      G.ecolour.push(PAIR_COLOUR); G.dash.push(null); G.tasksOf.push(row.tasks);
    });
    G.priority = left.concat(right).sort(function (u, v) { return scopeTasks[v] - scopeTasks[u]; });
    // The matrix of the same pairs, rows and columns in the same order.
    var cell = new Map();
    visiblePairs.forEach(function (row) { cell.set(row.a * nodeCount + row.b, row); });
    matrix = { rows: left, cols: right, cell: cell,
               max: visiblePairs.reduce(function (s, row) { return Math.max(s, row.count); }, 1) };
    matrix.rowAt = new Map(); left.forEach(function (u, i) { matrix.rowAt.set(u, i); });
    matrix.colAt = new Map(); right.forEach(function (u, i) { matrix.colAt.set(u, i); });
    byId("counts").textContent = plural(onL.size + onR.size, "unit") + " · " + plural(visiblePairs.length, "pair") +
      " of units (" + (sideName(p.left) || "") + " — " + (sideName(p.right) || "") + ")";
  }

  function nodeVisible(i) {
    if (!state.kindOn[kindOf[i]]) { return false; }
    var s = N.side[i];
    if (s >= 0 && !state.sideOn[s]) { return false; }
    var docs = N.documents[i];
    if (!docs.length) { return true; }
    for (var j = 0; j < docs.length; j++) { if (state.docOn[docs[j]]) { return true; } }
    return false;
  }

  function buildNetwork() {
    var E = data.edges, m = E.from.length, shown = 0, count = 0;
    for (var u = 0; u < nodeCount; u++) {
      var kind = kindOf[u];
      G.x[u] = N.x[u]; G.y[u] = N.y[u];
      G.visible[u] = nodeVisible(u) ? 1 : 0;
      if (G.visible[u]) { count += 1; }
      var light = kind === "Group" || kind === "District" || kind === "Park";
      G.colour[u] = kind === "Task" ? "#4a5568" : kind === "Document" ? "#975a16"
        : light && N.side[u] >= 0 ? data.lightColours[data.sides[N.side[u]]] : sideColour(N.side[u]);
      G.shape[u] = SHAPES[kind] || "circle";
      var work = respOf[u].length;
      G.r[u] = kind === "Side" ? 14 : kind === "Document" ? 12 : kind === "Task" ? 4 : 5 + 1.5 * Math.sqrt(work);
    }
    if (!G.from.length && m) {
      G.from = Int32Array.from(E.from); G.to = Int32Array.from(E.to); G.width = new Float64Array(m);
      G.ecolour = []; G.dash = []; G.tasksOf = [];
      for (var j = 0; j < m; j++) {
        var style = data.edgeStyles[E.type[j]] || { color: "#4a5568", dashes: false };
        G.ecolour.push(style.color);
        G.dash.push(style.dashes || null);
        G.width[j] = data.edgeTypes[E.type[j]] === "PAIRED_WITH" ? 3 : E.role[j] === 0 ? 2 : 1;
        G.tasksOf.push(E.task[j] >= 0 ? [E.task[j]] : []);
      }
      G.priority = [];
      for (var k = 0; k < nodeCount; k++) { G.priority.push(k); }
      G.priority.sort(function (a, b) { return G.r[b] - G.r[a] || a - b; });
    }
    G.evisible = new Uint8Array(m);
    for (var e = 0; e < m; e++) {
      var docOk = E.document[e] < 0 || state.docOn[E.document[e]];
      if (docOk && G.visible[E.from[e]] && G.visible[E.to[e]]) { G.evisible[e] = 1; shown += 1; }
    }
    byId("counts").textContent = count + " of " + nodeCount + " nodes · " + shown + " of " + m + " edges";
  }

  /* ---------- painting ---------- */

  var labelWidth = [];
  function textWidth(s) {
    var w = 0;
    for (var i = 0; i < s.length; i++) { w += s.charCodeAt(i) > 0x2e80 ? 12 : 7; }
    return w;
  }

  function shapePath(path, shape, x, y, r) {
    if (shape === "square" || shape === "star") {
      path.rect(x - r, y - r, 2 * r, 2 * r);
    } else if (shape === "diamond" || shape === "hexagon") {
      path.moveTo(x, y - r); path.lineTo(x + r, y); path.lineTo(x, y + r); path.lineTo(x - r, y); path.closePath();
    } else if (shape === "triangle") {
      path.moveTo(x, y - r); path.lineTo(x + r, y + r); path.lineTo(x - r, y + r); path.closePath();
    } else if (shape === "triangleDown") {
      path.moveTo(x - r, y - r); path.lineTo(x + r, y - r); path.lineTo(x, y + r); path.closePath();
    } else {
      path.moveTo(x + r, y); path.arc(x, y, r, 0, 6.283185);
    }
  }

  // The links, rasterised once for a camera, a canvas size and a set of links shown and
  // emphasised (the arrays are replaced, never changed in place, when those change): a search,
  // a panel or anything else that leaves the links alone repaints the nodes and labels over
  // the same picture of them, the costly part of a zoomed-out repaint.
  var linkLayer = { canvas: document.createElement("canvas"), key: null, from: null, shown: null, emph: null,
                    paints: 0 };
  function paintLinks(ctx, s) {
    var L = linkLayer, c = s.canvas;
    var key = [s.cam.x, s.cam.y, s.cam.k, s.width, s.height, s.ratio, state.mode].join();
    if (L.key !== key || L.from !== G.from || L.shown !== G.evisible || L.emph !== G.eemph) {
      if (L.canvas.width !== c.width || L.canvas.height !== c.height) {
        L.canvas.width = c.width;
        L.canvas.height = c.height;
      }
      var lctx = L.canvas.getContext("2d");
      lctx.setTransform(s.ratio, 0, 0, s.ratio, 0, 0);
      lctx.clearRect(0, 0, s.width, s.height);
      paintEdges(lctx, s);
      L.key = key; L.from = G.from; L.shown = G.evisible; L.emph = G.eemph; L.paints += 1;
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(L.canvas, 0, 0);
    ctx.restore();
  }

  function paintEdges(ctx, s) {
    var W = s.width, H = s.height, k = s.cam.k;
    var eemph = G.eemph;
    var buckets = new Map();
    function bucket(colour, width, dash) {
      var key = colour + "|" + width + "|" + (dash ? dash.join(",") : "");
      var b = buckets.get(key);
      if (!b) { b = { colour: colour, width: width, dash: dash, path: new Path2D(), on: false }; buckets.set(key, b); }
      return b;
    }
    var late = [];
    // Zoomed out on the network, links thin with the camera down to one pixel (drawn as
    // hairlines) and dashes lengthen: rasterising thousands of wide or finely dashed links cost
    // most of a repaint, and at that scale neither width nor a 4-pixel dash can be told apart.
    var thin = state.mode === "network" ? Math.min(k, 1) : 1;
    var dashScale = state.mode === "network" ? Math.min(4, Math.max(1, 0.5 / k)) : 1;
    for (var e = 0; e < G.from.length; e++) {
      if (!G.evisible[e]) { continue; }
      var a = G.from[e], b = G.to[e];
      var x1 = s.sx(G.x[a]), y1 = s.sy(G.y[a]), x2 = s.sx(G.x[b]), y2 = s.sy(G.y[b]);
      if ((x1 < 0 && x2 < 0) || (x1 > W && x2 > W) || (y1 < 0 && y2 < 0) || (y1 > H && y2 > H)) { continue; }
      var on = !eemph || eemph[e];
      var width = Math.max(1, Math.round(G.width[e] * (on && eemph ? 1 : thin) * 2) / 2);
      var bk = on ? bucket(G.ecolour[e], width, G.dash[e]) : bucket(DIM, 1, null);
      if (on && eemph) { bk.on = true; }
      bk.path.moveTo(x1, y1);
      bk.path.lineTo(x2, y2);
    }
    buckets.forEach(function (b) { if (b.on) { late.push(b); } else { stroke(b); } });
    late.forEach(stroke);
    function stroke(b) {
      ctx.strokeStyle = b.colour;
      ctx.lineWidth = b.width;
      ctx.setLineDash(b.dash ? b.dash.map(function (d) { return d * dashScale; }) : []);
      ctx.stroke(b.path);
    }
    ctx.setLineDash([]);
  }

  function paintGraph(ctx, s) {
    var W = s.width, H = s.height, k = s.cam.k, emph = G.emph;
    paintLinks(ctx, s);
    // Nodes, one path per colour and shape; emphasised ones last.
    var groups = new Map(), front = new Map();
    for (var u = 0; u < nodeCount; u++) {
      if (!G.visible[u]) { continue; }
      var x = s.sx(G.x[u]), y = s.sy(G.y[u]), r = Math.max(G.r[u] * Math.min(k, 1.6), 2.5);
      if (x < -r || x > W + r || y < -r || y > H + r) { continue; }
      var lit = !emph || emph[u];
      var colour = lit ? G.colour[u] : DIM_NODE;
      var map = lit && emph ? front : groups;
      // No outline on a dot under 4 pixels: it would cover most of the fill, and outlining
      // thousands of tiny dots is much of a zoomed-out repaint.
      var outline = lit && r >= 4;
      var key = colour + G.shape[u] + (outline ? "|o" : "");
      var g = map.get(key);
      if (!g) { g = { colour: colour, path: new Path2D(), lit: outline }; map.set(key, g); }
      shapePath(g.path, G.shape[u], x, y, r);
    }
    function fill(g) {
      ctx.fillStyle = g.colour;
      ctx.fill(g.path);
      if (g.lit) { ctx.strokeStyle = INK; ctx.lineWidth = 0.75; ctx.stroke(g.path); }
    }
    groups.forEach(fill);
    front.forEach(fill);
    paintLabels(ctx, s);
  }

  // Labels at one legible size: the most important first, none over another.
  function paintLabels(ctx, s) {
    var W = s.width, H = s.height, cellW = 8, cellH = 8;
    var cols = Math.ceil(W / cellW) + 1, rows = Math.ceil(H / cellH) + 1;
    var taken = new Uint8Array(cols * rows);
    ctx.font = FONT;
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    ctx.strokeStyle = HALO;
    ctx.lineJoin = "round";
    var drawn = 0, emph = G.emph;
    var order = emph ? G.priority.filter(function (u) { return emph[u]; }) : G.priority;
    for (var i = 0; i < order.length && drawn < 500; i++) {
      var u = order[i];
      if (!G.visible[u]) { continue; }
      var x = s.sx(G.x[u]), y = s.sy(G.y[u]);
      if (x < -200 || x > W + 200 || y < -20 || y > H + 20) { continue; }
      var text = labelOf(u);
      if (labelWidth[u] === undefined) { labelWidth[u] = textWidth(text); }
      var w = labelWidth[u], r = Math.max(G.r[u] * Math.min(s.cam.k, 1.6), 2.5), side = G.labelSide[u];
      var lx = side < 0 ? x - r - 4 - w : side > 0 ? x + r + 4 : x - w / 2;
      var ly = side === 0 ? y + r + 9 : y;
      var c0 = Math.floor(lx / cellW), c1 = Math.floor((lx + w) / cellW);
      var r0 = Math.floor((ly - 7) / cellH), r1 = Math.floor((ly + 7) / cellH);
      var free = true;
      for (var rr = Math.max(r0, 0); rr <= Math.min(r1, rows - 1) && free; rr++) {
        for (var cc = Math.max(c0, 0); cc <= Math.min(c1, cols - 1); cc++) {
          if (taken[rr * cols + cc]) { free = false; break; }
        }
      }
      if (!free) { continue; }
      for (rr = Math.max(r0, 0); rr <= Math.min(r1, rows - 1); rr++) {
        for (cc = Math.max(c0, 0); cc <= Math.min(c1, cols - 1); cc++) { taken[rr * cols + cc] = 1; }
      }
      ctx.strokeText(text, lx, ly);
      ctx.fillStyle = INK;
      ctx.fillText(text, lx, ly);
      drawn += 1;
    }
    G.labelsDrawn = drawn;
  }

  function labelOf(u) {
    return N.task && N.task[u] >= 0 ? taskLabel(N.task[u]) : N.name[u];
  }

  function shade(count) {
    var f = matrix.max > 1 ? (count - 1) / (matrix.max - 1) : 0;
    return SHADES[Math.min(SHADES.length - 1, Math.floor(f * SHADES.length))];
  }

  function paintMatrix(ctx, s) {
    var k = s.cam.k, size = CELL * k, rows = matrix.rows, cols = matrix.cols;
    var x0 = s.sx(0), y0 = s.sy(0);
    var gridW = cols.length * size, gridH = rows.length * size;
    ctx.strokeStyle = "#8a94a6";
    ctx.lineWidth = 1;
    ctx.strokeRect(x0, y0, gridW, gridH);
    var sel = state.selected, focusRow = -1, focusCol = -1;
    if (sel && sel.node !== undefined) { focusRow = matrix.rowAt.has(sel.node) ? matrix.rowAt.get(sel.node) : -1;
                                         focusCol = matrix.colAt.has(sel.node) ? matrix.colAt.get(sel.node) : -1; }
    if (focusRow >= 0) { ctx.fillStyle = "#fefcbf"; ctx.fillRect(x0, y0 + focusRow * size, gridW, size); }
    if (focusCol >= 0) { ctx.fillStyle = "#fefcbf"; ctx.fillRect(x0 + focusCol * size, y0, size, gridH); }
    var byShade = new Map();
    visiblePairs.forEach(function (p) {
      var x = x0 + matrix.colAt.get(p.b) * size, y = y0 + matrix.rowAt.get(p.a) * size;
      if (x > s.width || y > s.height || x + size < 0 || y + size < 0) { return; }
      var c = shade(p.count), path = byShade.get(c);
      if (!path) { path = new Path2D(); byShade.set(c, path); }
      var gap = size > 4 ? 1 : 0;
      path.rect(x + gap / 2, y + gap / 2, Math.max(size - gap, 0.8), Math.max(size - gap, 0.8));
    });
    byShade.forEach(function (path, c) { ctx.fillStyle = c; ctx.fill(path); });
    if (sel && sel.pair) {
      var r = matrix.rowAt.get(sel.pair[0]), c2 = matrix.colAt.get(sel.pair[1]);
      if (r !== undefined && c2 !== undefined) {
        ctx.strokeStyle = INK; ctx.lineWidth = 2; ctx.strokeRect(x0 + c2 * size, y0 + r * size, size, size);
      }
    }
    // Row labels left of the grid, column labels above it (turned), when a cell is tall enough.
    if (size >= 11) {
      ctx.font = FONT; ctx.fillStyle = INK; ctx.textBaseline = "middle"; ctx.textAlign = "right";
      rows.forEach(function (u, i) {
        var y = y0 + (i + 0.5) * size;
        if (y > -10 && y < s.height + 10) { ctx.fillText(N.name[u], x0 - 6, y); }
      });
      ctx.textAlign = "left";
      cols.forEach(function (u, j) {
        var x = x0 + (j + 0.5) * size;
        if (x < -10 || x > s.width + 10) { return; }
        ctx.save(); ctx.translate(x, y0 - 6); ctx.rotate(-Math.PI / 2); ctx.fillText(N.name[u], 0, 0); ctx.restore();
      });
    }
    ctx.textAlign = "left";
  }

  var surface = new GraphmodelSurface(byId("network"), {
    paint: function (ctx, s) { if (state.mode === "matrix") { paintMatrix(ctx, s); } else { paintGraph(ctx, s); } },
    click: function (x, y) { pick(x, y, true); },
    hover: function (x, y) { pick(x, y, false); }
  });

  /* ---------- picking: one function for hover and click, so both name the same thing ---------- */

  function nodeAt(x, y) {
    var best = -1, bestD = Infinity, s = surface;
    for (var u = 0; u < nodeCount; u++) {
      if (!G.visible[u]) { continue; }
      var dx = s.sx(G.x[u]) - x, dy = s.sy(G.y[u]) - y, d = dx * dx + dy * dy;
      var r = Math.max(G.r[u] * Math.min(s.cam.k, 1.6), 2.5) + 3;
      if (d <= r * r && d < bestD) { best = u; bestD = d; }
    }
    return best;
  }

  function edgeAt(x, y) {
    var best = -1, bestD = Infinity, s = surface;
    for (var e = 0; e < G.from.length; e++) {
      if (!G.evisible[e]) { continue; }
      var ax = s.sx(G.x[G.from[e]]), ay = s.sy(G.y[G.from[e]]), bx = s.sx(G.x[G.to[e]]), by = s.sy(G.y[G.to[e]]);
      var vx = bx - ax, vy = by - ay, len = vx * vx + vy * vy;
      var f = len ? Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / len)) : 0;
      var px = ax + f * vx - x, py = ay + f * vy - y, d = px * px + py * py;
      var reach = Math.max(G.width[e] / 2 + 3, 4);
      if (d <= reach * reach && d < bestD) { best = e; bestD = d; }
    }
    return best;
  }

  function cellAt(x, y) {
    var size = CELL * surface.cam.k;
    var j = Math.floor((x - surface.sx(0)) / size), i = Math.floor((y - surface.sy(0)) / size);
    if (i < 0 || j < 0 || i >= matrix.rows.length || j >= matrix.cols.length) {
      return { row: i >= 0 && i < matrix.rows.length && x < surface.sx(0) ? matrix.rows[i] : -1,
               col: j >= 0 && j < matrix.cols.length && y < surface.sy(0) ? matrix.cols[j] : -1 };
    }
    return { pair: matrix.cell.get(matrix.rows[i] * nodeCount + matrix.cols[j]) || null };
  }

  var tip = byId("tip");
  function showTip(x, y, lines) {
    if (!lines) { tip.hidden = true; return; }
    tip.textContent = lines.join("\n");
    tip.hidden = false;
    var box = byId("network").getBoundingClientRect();
    tip.style.left = Math.min(box.left + x + 14, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = Math.min(box.top + y + 14, window.innerHeight - tip.offsetHeight - 8) + "px";
  }

  function pairLines(p) {
    var lines = [N.name[p.a] + " — " + N.name[p.b], plural(p.count, "shared task")];
    p.tasks.slice(0, 8).forEach(function (t) { lines.push(taskLabel(t) + (T.title[t] ? " " + T.title[t] : "")); });
    if (p.tasks.length > 8) { lines.push("… " + (p.tasks.length - 8) + " more"); }
    return lines;
  }

  function pick(x, y, click) {
    if (x < 0) { showTip(0, 0, null); return; }
    if (state.mode === "matrix") {
      var c = cellAt(x, y);
      if (c.pair) {
        if (click) { selectPair(c.pair.a, c.pair.b, false); } else { showTip(x, y, pairLines(c.pair)); }
      } else if (c.row >= 0 || c.col >= 0) {
        var u0 = c.row >= 0 ? c.row : c.col;
        if (click) { selectNode(N.id[u0], false); } else { showTip(x, y, [N.name[u0]]); }
      } else if (click) { clearSelection(); } else { showTip(0, 0, null); }
      return;
    }
    var u = nodeAt(x, y);
    if (u >= 0) {
      if (click) { selectNode(N.id[u], false); } else { showTip(x, y, nodeLines(u)); }
      return;
    }
    var e = edgeAt(x, y);
    if (e >= 0) {
      if (click) { selectEdge(e); } else { showTip(x, y, edgeLines(e)); }
      return;
    }
    if (click) { clearSelection(); } else { showTip(0, 0, null); }
  }

  function nodeLines(u) {
    var lines = [labelOf(u)], kind = kindOf[u];
    if (kind === "Unit" || kind === "Group") {
      lines.push((sideName(N.side[u]) || "-") + " · " + plural(tasksInScope(u).length, "task"));
    } else if (kind === "Task") {
      var t = N.task[u];
      lines.push((T.title[t] || T.text[t]).slice(0, 120));
    }
    if (N.aliases[u].length) { lines.push("aka " + N.aliases[u].join("、")); }
    if (N.correction && N.correction[u]) { lines.push("corrected: " + N.correction[u]); }
    return lines;
  }

  function edgeLines(e) {
    if (state.mode !== "network") { return pairLines(visiblePairs[e]); }
    var type = data.edgeTypes[data.edges.type[e]];
    var lines = [labelOf(G.from[e]) + " → " + labelOf(G.to[e]), EDGE_NAMES[type] || type];
    if (data.edges.correction && data.edges.correction[e]) { lines.push("corrected: " + data.edges.correction[e]); }
    return lines;
  }

  /* ---------- the side panel ---------- */

  var panel = byId("details"), details = byId("details-body");

  function openPanel() { clear(details); panel.hidden = false; }

  function tasksInScope(u) { return respOf[u].filter(function (r) { return taskOn(r[0]); }); }

  function taskItem(t, role, mention) {
    var item = el("li", null, "task");
    var head = el("div");
    head.appendChild(el("span", taskLabel(t), "number"));
    if (role) { head.appendChild(el("span", role, "role " + role)); }
    item.appendChild(head);
    if (T.title[t]) { item.appendChild(el("div", T.title[t], "task-title")); }
    if (T.text[t]) { item.appendChild(el("p", T.text[t], "text")); }
    item.appendChild(el("div", docLine(T.document[t]), "source"));
    return item;
  }

  // The units of other sides a unit shares tasks with (the chosen pair's other side in the
  // counterparts views), in the ticked documents, most shared first.
  function partnersOf(u) {
    var rows = [];
    if (state.mode !== "network") {
      visiblePairs.forEach(function (p) {
        if (p.a === u) { rows.push({ other: p.b, pair: p }); } else if (p.b === u) { rows.push({ other: p.a, pair: p }); }
      });
      return rows;
    }
    var found = new Map();
    respOf[u].forEach(function (r) {
      if (!taskOn(r[0])) { return; }
      unitsOfTask[r[0]].forEach(function (v) {
        if (v === u || N.side[v] < 0 || N.side[v] === N.side[u]) { return; }
        var row = found.get(v);
        if (!row) { row = { other: v, pair: { a: u, b: v, tasks: [] } }; found.set(v, row); rows.push(row); }
        row.pair.tasks.push(r[0]);
      });
    });
    rows.forEach(function (row) { row.pair.count = row.pair.tasks.length; });
    rows.sort(function (x, y) { return y.pair.count - x.pair.count || x.other - y.other; });
    return rows;
  }

  function showNode(u) {
    openPanel();
    var kind = kindOf[u];
    details.appendChild(el("h3", labelOf(u)));
    var meta = (KIND_NAMES[kind] || kind) + (N.side[u] >= 0 ? " · " + sideName(N.side[u]) : "");
    var mine = tasksInScope(u);
    if (kind === "Unit" || kind === "Group") { meta += " · " + plural(mine.length, "task"); }
    details.appendChild(el("div", meta, "meta"));
    if (N.aliases[u].length) { details.appendChild(el("div", "Also written " + N.aliases[u].join("、"), "meta")); }
    if (kind === "Task") {
      var list0 = el("ol");
      list0.appendChild(taskItem(N.task[u], null));
      details.appendChild(list0);
      return;
    }
    if (kind === "Unit") {
      var partners = partnersOf(u);
      details.appendChild(el("h2", "Counterparts (" + partners.length + ")"));
      var list = el("ol", null, "partners");
      partners.forEach(function (row) {
        var item = el("li", null, "partner");
        var button = el("button", N.name[row.other], "partner-name");
        button.type = "button";
        button.addEventListener("click", function () { selectPair(row.pair.a, row.pair.b, false); });
        item.appendChild(button);
        item.appendChild(el("span", plural(row.pair.count, "shared task"), "shared"));
        var tasks = el("ul", null, "partner-tasks");
        row.pair.tasks.forEach(function (t) {
          tasks.appendChild(el("li", taskLabel(t) + (T.title[t] ? " " + T.title[t] : "")));
        });
        item.appendChild(tasks);
        list.appendChild(item);
      });
      details.appendChild(list);
    }
    if (mine.length) {
      details.appendChild(el("h2", "Tasks (" + mine.length + ")"));
      var ol = el("ol");
      mine.forEach(function (r) { ol.appendChild(taskItem(r[0], r[1])); });
      details.appendChild(ol);
    } else if (N.documents && N.documents[u].length) {
      N.documents[u].forEach(function (d) { details.appendChild(el("div", docLine(d), "source")); });
    }
  }

  function showPair(p) {
    openPanel();
    details.appendChild(el("h3", N.name[p.a] + " — " + N.name[p.b]));
    var meta = plural(p.count, "shared task") + (p.jaccard !== undefined ? " · Jaccard " + p.jaccard.toFixed(3) : "");
    details.appendChild(el("div", meta, "meta"));
    var years = new Map();
    p.tasks.forEach(function (t) { var y = taskYear(t); (years.get(y) || years.set(y, []).get(y)).push(t); });
    Array.from(years.keys()).sort().forEach(function (y) {
      var list = years.get(y);
      details.appendChild(el("h2", (y === "?" ? "Year unknown" : y) + " (" + list.length + ")"));
      var ol = el("ol");
      list.forEach(function (t) { ol.appendChild(taskItem(t, null)); });
      details.appendChild(ol);
    });
  }

  function showEdge(e) {
    openPanel();
    var type = data.edgeTypes[data.edges.type[e]];
    details.appendChild(el("h3", labelOf(G.from[e]) + " — " + labelOf(G.to[e])));
    var role = data.edges.role[e] >= 0 ? " · " + data.roles[data.edges.role[e]] : "";
    details.appendChild(el("div", (EDGE_NAMES[type] || type) + role, "meta"));
    if (G.tasksOf[e].length) {
      var ol = el("ol");
      G.tasksOf[e].forEach(function (t) { ol.appendChild(taskItem(t, null)); });
      details.appendChild(ol);
    } else if (data.edges.document[e] >= 0) {
      details.appendChild(el("div", docLine(data.edges.document[e]), "source"));
    }
  }

  /* ---------- selection, emphasis and camera ---------- */

  function panelCover() { return panel.hidden ? 0 : panel.offsetWidth + 16; }

  function boxOf(list) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    list.forEach(function (u) {
      var pad = G.labelSide[u] ? 0 : 0;
      box[0] = Math.min(box[0], G.x[u] - pad - (G.labelSide[u] < 0 ? 150 : 12));
      box[2] = Math.max(box[2], G.x[u] + (G.labelSide[u] > 0 ? 150 : 12));
      box[1] = Math.min(box[1], G.y[u] - 14);
      box[3] = Math.max(box[3], G.y[u] + 20);
    });
    return box;
  }

  function fitAll() {
    if (state.mode === "matrix") {
      var w = matrix.cols.length * CELL, h = matrix.rows.length * CELL;
      surface.fit([-170, -170, Math.max(w, 1), Math.max(h, 1)], panelCover(), 20);
      return;
    }
    var shown = [];
    for (var u = 0; u < nodeCount; u++) { if (G.visible[u]) { shown.push(u); } }
    if (shown.length) { surface.fit(boxOf(shown), panelCover()); } else { surface.request(); }
  }

  function emphasise(nodes, edges) {
    if (!nodes) { G.emph = null; G.eemph = null; surface.request(); return; }
    G.emph = new Uint8Array(nodeCount);
    nodes.forEach(function (u) { G.emph[u] = 1; });
    G.eemph = new Uint8Array(G.from.length);
    edges.forEach(function (e) { G.eemph[e] = 1; });
    surface.request();
  }

  // A unit the filters or the chosen pair of sides hide: show its pair, else everything.
  function ensureShown(u) {
    if (state.mode !== "network") {
      var p = data.pairs[state.pair];
      if (!p || (N.side[u] !== p.left && N.side[u] !== p.right)) {
        var best = data.pairs.findIndex(function (q) { return q.left === N.side[u] || q.right === N.side[u]; });
        if (best >= 0) { state.pair = best; byId("pair").value = String(best); rebuild(); }
      }
    }
    if (!G.visible[u]) { resetFilters(); }
  }

  function selectNode(id, fit) {
    var u = index[id];
    if (u === undefined) { return false; }
    ensureShown(u);
    state.selected = { node: u };
    showNode(u);
    var near = [u], edges = [];
    for (var e = 0; e < G.from.length; e++) {
      if (!G.evisible[e]) { continue; }
      if (G.from[e] === u) { near.push(G.to[e]); edges.push(e); }
      else if (G.to[e] === u) { near.push(G.from[e]); edges.push(e); }
    }
    emphasise(near, edges);
    if (fit !== false || !inSight(near)) { fitTo(near); }
    return true;
  }

  function inSight(list) {
    var right = surface.width - panelCover();
    return list.every(function (u) {
      var x = surface.sx(G.x[u]), y = surface.sy(G.y[u]);
      return x >= 0 && x <= right && y >= 0 && y <= surface.height;
    });
  }

  // The unit and its partners in sight beside the panel (in the matrix: its row or column).
  function fitTo(list) {
    if (state.mode === "matrix") {
      var u = list[0], size = CELL;
      var r = matrix.rowAt.get(u), c = matrix.colAt.get(u);
      var cells = list.slice(1).map(function (v) { return r !== undefined ? matrix.colAt.get(v) : matrix.rowAt.get(v); });
      if (r !== undefined) {
        surface.fit([Math.min.apply(null, cells) * size - 170, r * size - 170,
                     (Math.max.apply(null, cells) + 1) * size, (r + 1) * size + 40], panelCover(), 20);
      } else if (c !== undefined) {
        surface.fit([c * size - 170, Math.min.apply(null, cells) * size - 170,
                     (c + 1) * size + 40, (Math.max.apply(null, cells) + 1) * size], panelCover(), 20);
      }
      return;
    }
    surface.fit(boxOf(list), panelCover());
  }

  function selectPair(a, b, fit) {
    var p = visiblePairs.find(function (q) { return q.a === a && q.b === b; });
    if (!p) { p = partnersOf(a).map(function (r) { return r.pair; }).find(function (q) { return q.b === b; }); }
    if (!p) { return false; }
    state.selected = { pair: [a, b] };
    showPair(p);
    var e = visiblePairs.indexOf(p);
    emphasise([a, b], e >= 0 && state.mode !== "network" ? [e] : []);
    if (fit !== false || !inSight([a, b])) { fitTo([a, b]); }
    return true;
  }

  function selectEdge(e) {
    if (state.mode !== "network") { var p = visiblePairs[e]; return selectPair(p.a, p.b, false); }
    state.selected = { edge: e };
    showEdge(e);
    emphasise([G.from[e], G.to[e]], [e]);
    return true;
  }

  function clearSelection() {
    state.selected = null;
    clear(details);
    panel.hidden = true;
    emphasise(null);
  }

  /* ---------- search ---------- */

  // Exact name or alias first, then a name or alias containing the query, then one holding
  // the query's characters in order (a short form: 发改委 in 发展改革委), tightest first.
  var searchNames = [];
  function search(query) {
    var q = String(query || "").replace(/\s+/g, "");
    var list = byId("matches");
    clear(list);
    if (!q) { return []; }
    var found = [];
    for (var u = 0; u < nodeCount; u++) {
      if (kindOf[u] !== "Unit" && kindOf[u] !== "Group" && state.mode !== "network") { continue; }
      var names = searchNames[u] || (searchNames[u] = [labelOf(u)].concat(N.aliases[u])), best = null;
      for (var j = 0; j < names.length; j++) {
        var s = names[j], score = null;
        if (s === q) { score = 0; }
        else if (s.indexOf(q) >= 0) { score = 1 + (s.length - q.length) / 100; }
        else {
          var at = -1, first = -1, ok = true;
          for (var c = 0; c < q.length; c++) {
            at = s.indexOf(q[c], at + 1);
            if (at < 0) { ok = false; break; }
            if (first < 0) { first = at; }
          }
          if (ok) { score = 2 + (at - first + 1 - q.length) / 100; }
        }
        if (score !== null && (best === null || score < best)) { best = score; }
      }
      if (best !== null) { found.push([best, -respOf[u].length, N.name[u], u]); }
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    if (!found.length) {
      list.appendChild(el("li", "Nothing is named " + q, "none"));
      return [];
    }
    found.slice(0, 50).forEach(function (row) {
      var u2 = row[3], item = el("li");
      var button = el("button", labelOf(u2) + (N.side[u2] >= 0 ? " · " + sideName(N.side[u2]) : ""));
      button.type = "button";
      button.addEventListener("click", function () { selectNode(N.id[u2]); });
      item.appendChild(button);
      list.appendChild(item);
    });
    if (found.length === 1 || found[0][0] < 1) { selectNode(N.id[found[0][3]]); }
    return found.map(function (row) { return N.id[row[3]]; });
  }

  /* ---------- controls ---------- */

  function rebuild() {
    if (state.mode === "network") { buildNetwork(); } else { buildCounterparts(); }
    legend();
    surface.request();
  }

  function applyFilters() {
    var sel = state.selected;
    rebuild();
    if (sel && sel.node !== undefined && G.visible[sel.node]) {
      state.selected = null;
      selectNode(N.id[sel.node], false);
    } else if (sel && sel.pair && visiblePairs.some(function (p) { return p.a === sel.pair[0] && p.b === sel.pair[1]; })) {
      state.selected = null;
      selectPair(sel.pair[0], sel.pair[1], false);
    } else if (sel) {
      clearSelection();
    } else {
      emphasise(null);
    }
    syncDocuments();
  }

  function resetFilters() {
    state.docOn = state.docOn.map(function () { return true; });
    state.sideOn = state.sideOn.map(function () { return true; });
    Object.keys(state.kindOn).forEach(function (k) { state.kindOn[k] = true; });
    state.minShared = 1;
    var min = byId("min-shared");
    if (min) { min.value = "1"; }
    document.querySelectorAll("#controls input[type=checkbox][data-filter]").forEach(function (b) { b.checked = true; });
    rebuild();
  }

  function check(container, attr, key, text, on, colour, change) {
    var label = el("label", null, "check");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = on;
    box.setAttribute("data-filter", attr);
    box.setAttribute("data-" + attr, key);
    box.addEventListener("change", function () { change(box.checked); });
    label.appendChild(box);
    if (colour) { label.appendChild(swatch(colour)); }
    label.appendChild(el("span", text));
    container.appendChild(label);
    return box;
  }

  function swatch(colour) {
    var s = el("span", null, "swatch");
    s.style.background = colour;
    return s;
  }

  var docBoxes = [], yearBoxes = {};
  function syncDocuments() {
    Object.keys(yearBoxes).forEach(function (y) {
      var ids = yearBoxes[y].docs;
      yearBoxes[y].box.checked = ids.some(function (d) { return state.docOn[d]; });
    });
    docBoxes.forEach(function (b, d) { b.checked = state.docOn[d]; });
  }

  function buildControls() {
    var box = byId("filter-pair");
    if (state.mode !== "network") {
      var select = byId("pair");
      data.pairs.forEach(function (p, i) {
        var option = el("option", sideName(p.left) + " — " + sideName(p.right) + " · " + plural(p.pairs, "pair"));
        option.value = String(i);
        select.appendChild(option);
      });
      select.value = String(state.pair);
      select.addEventListener("change", function () { state.pair = Number(select.value); clearSelection(); rebuild(); fitAll(); });
      byId("min-shared").addEventListener("input", function () {
        state.minShared = Math.max(1, Number(byId("min-shared").value) || 1);
        applyFilters();
      });
      document.querySelectorAll("input[name=mode]").forEach(function (radio) {
        radio.checked = radio.value === state.mode;
        radio.addEventListener("change", function () {
          if (radio.checked) { state.mode = radio.value; rebuild(); fitAll(); }
        });
      });
      byId("filter-sides").hidden = true;
      byId("filter-kinds").hidden = true;
    } else {
      box.hidden = true;
      var sides = byId("side-list");
      data.sides.forEach(function (s, i) {
        check(sides, "side", s, s, true, data.colours[s], function (on) { state.sideOn[i] = on; applyFilters(); });
      });
      byId("side-find").hidden = data.sides.length <= 12;
      byId("side-find").addEventListener("input", function (ev) {
        var q = ev.target.value.trim();
        sides.querySelectorAll("label").forEach(function (label) {
          label.hidden = q !== "" && label.textContent.indexOf(q) < 0;
        });
      });
      var kinds = byId("filter-kinds");
      var present = {};
      kindOf.forEach(function (k) { present[k] = true; });
      data.kinds.forEach(function (k) {
        if (present[k]) {
          check(kinds, "kind", k, KIND_NAMES[k] || k, true, null, function (on) { state.kindOn[k] = on; applyFilters(); });
        }
      });
    }
    var docs = byId("filter-documents"), years = {};
    var ids = D.map(function (d, i) { return i; }).sort(function (a, b) {
      var ya = D[a].year || "", yb = D[b].year || "";
      return ya < yb ? -1 : ya > yb ? 1 : a - b;
    });
    ids.forEach(function (d) { var y = D[d].year || "?"; (years[y] = years[y] || []).push(d); });
    Object.keys(years).sort().forEach(function (y) {
      yearBoxes[y] = { docs: years[y], box: check(docs, "year", y, y === "?" ? "year unknown" : y, true, null, function (on) {
        years[y].forEach(function (d) { state.docOn[d] = on; });
        applyFilters();
      }) };
    });
    var details0 = el("details");
    details0.appendChild(el("summary", "Documents (" + D.length + ")"));
    ids.forEach(function (d) {
      docBoxes[d] = check(details0, "document", D[d].id, docLine(d), true, null, function (on) {
        state.docOn[d] = on;
        applyFilters();
      });
    });
    docs.appendChild(details0);
  }

  function legend() {
    var box = byId("legend-body");
    clear(box);
    if (state.mode === "network") {
      box.appendChild(el("div", "Colour: the side (lighter for groups, districts, parks); tasks grey, documents brown.", "note"));
      box.appendChild(el("div", "Shapes: ● unit ◆ group ▲ district ▼ park ■ task or document.", "note"));
      data.edgeTypes.forEach(function (t, i) {
        var row = el("div", null, "legend-item");
        var line = el("span", null, "line");
        line.style.borderTopColor = data.edgeStyles[i].color;
        line.style.borderTopStyle = data.edgeStyles[i].dashes ? "dashed" : "solid";
        row.appendChild(line);
        row.appendChild(el("span", EDGE_NAMES[t] || t));
        box.appendChild(row);
      });
      return;
    }
    var p = data.pairs[state.pair];
    if (!p) { return; }
    [p.left, p.right].forEach(function (s, i) {
      var row = el("div", null, "legend-item");
      row.appendChild(swatch(sideColour(s)));
      row.appendChild(el("span", sideName(s) + (state.mode === "matrix" ? (i ? " (columns)" : " (rows)") : (i ? " (right)" : " (left)"))));
      box.appendChild(row);
    });
    if (state.mode === "matrix") {
      var ramp = el("div", null, "legend-item");
      SHADES.forEach(function (c) { ramp.appendChild(swatch(c)); });
      ramp.appendChild(el("span", "1 to " + plural(matrix ? matrix.max : 1, "shared task")));
      box.appendChild(ramp);
      box.appendChild(el("div", "Hover a cell for the tasks, click it for the panel.", "note"));
    } else {
      box.appendChild(el("div", "Node size: tasks. Line width: shared tasks.", "note"));
    }
  }

  byId("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search(byId("search").value); });
  byId("fit").addEventListener("click", fitAll);
  byId("clear").addEventListener("click", clearSelection);
  byId("close").addEventListener("click", clearSelection);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clearSelection(); showTip(0, 0, null); }
  });

  byId("title").textContent = data.title;
  document.title = data.title;
  buildControls();
  rebuild();
  var empty = state.mode === "network" ? nodeCount === 0 : data.pairs.length === 0;
  if (empty) {
    var what = state.mode === "network" ? "nothing to draw" : "no units of two sides that share a task";
    byId("app").appendChild(el("p", "This view is empty: the graph holds " + what + ".", "empty"));
  }
  fitAll();
  surface.full();
  var firstDraw = performance.now();

  // For notebooks, tests and benchmarks: the page's state and actions.
  window.graphmodelView = {
    data: data, surface: surface, state: state, firstDraw: firstDraw,
    search: search, applyFilters: applyFilters, clearSelection: clearSelection, fit: fitAll,
    selectNode: function (id) { return selectNode(id); },
    selectPair: function (a, b) { return selectPair(index[a], index[b]); },
    setPair: function (i) { byId("pair").value = String(i); byId("pair").dispatchEvent(new Event("change")); },
    setMode: function (m) { var r = document.querySelector("input[name=mode][value=" + m + "]"); r.click(); },
    setMinShared: function (n) { var m = byId("min-shared"); m.value = String(n); m.dispatchEvent(new Event("input")); },
    pairs: function () {
      return visiblePairs.map(function (p) {
        return { a: N.id[p.a], b: N.id[p.b], count: p.count, jaccard: p.jaccard,
                 tasks: p.tasks.map(function (t) { return taskLabel(t); }) };
      });
    },
    visibleNodes: function () { var out = []; for (var u = 0; u < nodeCount; u++) { if (G.visible[u]) { out.push(N.id[u]); } } return out; },
    visibleEdges: function () {
      var out = [];
      for (var e = 0; e < G.from.length; e++) { if (G.evisible[e]) { out.push([N.id[G.from[e]], N.id[G.to[e]]]); } }
      return out;
    },
    column: function (id) { return G.labelSide[index[id]]; },
    emphasised: function () { var out = []; if (G.emph) { for (var u = 0; u < nodeCount; u++) { if (G.emph[u]) { out.push(N.id[u]); } } } return out; },
    // Where a node (or, in the matrix, the cell of a pair) is drawn, in page coordinates.
    screenOf: function (id, other) {
      var box = byId("network").getBoundingClientRect(), u = index[id];
      if (state.mode === "matrix") {
        var size = CELL * surface.cam.k, r = matrix.rowAt.get(u), c = matrix.colAt.get(index[other]);
        return { x: box.left + surface.sx(0) + (c + 0.5) * size, y: box.top + surface.sy(0) + (r + 0.5) * size };
      }
      return { x: box.left + surface.sx(G.x[u]), y: box.top + surface.sy(G.y[u]) };
    },
    labelsDrawn: function () { return G.labelsDrawn; },
    linkPaints: function () { return linkLayer.paints; },
    colours: function () {
      var nodes = new Set(), edges = new Set();
      for (var u = 0; u < nodeCount; u++) { if (G.visible[u]) { nodes.add(G.colour[u]); } }
      for (var e = 0; e < G.from.length; e++) { if (G.evisible[e]) { edges.add(G.ecolour[e]); } }
      return { nodes: Array.from(nodes), edges: Array.from(edges), shades: SHADES.slice() };
    }
  };
}());
