/* graphmodel view page: draws the embedded view data with vis-network.
 * Every text from the data goes into the page through textContent or as a vis-network
 * label/title string (drawn on a canvas, or shown with innerText): never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graphmodel-data").textContent);
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var KIND_NAMES = {
    Unit: "Unit", Group: "Group of units", Side: "Side", District: "District",
    Park: "Park", Task: "Task", Document: "Document"
  };
  var EDGE_NAMES = {
    RESPONSIBLE_FOR: "responsible for", COUNTERPART: "counterparts (shared tasks)",
    PAIRED_WITH: "paired with", PART_OF: "part of", IN: "in", MENTIONS: "mentions"
  };
  var ROLE_NAMES = { lead: "lead", responsible: "responsible", support: "support" };
  var DIM_EDGE = { color: "#edf2f7", highlight: "#1a202c", hover: "#2d3748", opacity: 0.35 };
  var INK = "#1a202c";
  var DIM_INK = "#cbd5e0";

  // @include dom.js

  // Items keep the data's fields (kind, side, documents, tasks) beside vis-network's.
  var originalNode = {};
  var originalEdge = {};
  data.nodes.forEach(function (n) { originalNode[n.id] = n; });
  data.edges.forEach(function (e) { originalEdge[e.id] = e; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) { return Object.assign({}, n, { hidden: false }); }));
  var edges = new vis.DataSet(data.edges.map(function (e) { return Object.assign({}, e, { hidden: false }); }));

  var options = {
    autoResize: true,
    physics: {
      enabled: false,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.4 },
      stabilization: { enabled: false }
    },
    layout: { improvedLayout: false, randomSeed: 20200511 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.edges.length > 3000 },
    nodes: {
      borderWidth: 1,
      font: { size: 14, face: FONT, color: INK, strokeWidth: 2, strokeColor: "#ffffff" }
    },
    edges: {
      smooth: false,
      selectionWidth: 2,
      font: { size: 12, face: FONT, align: "middle", strokeWidth: 3, strokeColor: "#ffffff" }
    }
  };
  var network = new vis.Network(byId("network"), { nodes: nodes, edges: edges }, options);

  byId("title").textContent = data.title;
  document.title = data.title;

  /* ---------- the side panel ---------- */

  var panel = byId("details");
  var details = byId("details-body");

  function clearDetails() {
    while (details.firstChild) { details.removeChild(details.firstChild); }
  }

  function documentLine(docId) {
    var doc = data.documents[docId];
    if (!doc) { return docId || ""; }
    return (doc.year ? doc.year + " · " : "") + doc.title;
  }

  function taskList(rows, name) {
    var list = el("ol");
    rows.forEach(function (row) {
      var task = data.tasks[row.task];
      if (!task) { return; }
      var item = el("li", null, "task");
      var head = el("div");
      head.appendChild(el("span", task.number, "number"));
      if (row.role) { head.appendChild(el("span", ROLE_NAMES[row.role] || row.role, "role " + row.role)); }
      item.appendChild(head);
      if (task.title) { item.appendChild(el("div", task.title, "task-title")); }
      if (task.text) { item.appendChild(el("p", task.text, "text")); }
      if (row.mention && row.mention !== name) { item.appendChild(el("div", "named as " + row.mention, "source")); }
      item.appendChild(el("div", documentLine(task.document), "source"));
      list.appendChild(item);
    });
    return list;
  }

  function showNode(id) {
    var n = originalNode[id];
    if (!n) { return; }
    clearDetails();
    panel.hidden = false;
    details.appendChild(el("h3", n.name));
    var meta = (KIND_NAMES[n.kind] || n.kind) + (n.side ? " · " + n.side : "");
    if (n.kind === "Unit" || n.kind === "Group") { meta += " · " + n.workload + (n.workload === 1 ? " task" : " tasks"); }
    details.appendChild(el("div", meta, "meta"));
    if (n.aliases && n.aliases.length) {
      details.appendChild(el("div", "Also written " + n.aliases.join("、"), "meta"));
    }
    if (n.documents.length) {
      var docs = el("div", null, "meta");
      n.documents.forEach(function (d) { docs.appendChild(el("div", documentLine(d), "source")); });
      details.appendChild(docs);
    }
    if (n.tasks.length) {
      if (n.kind !== "Task") { details.appendChild(el("h2", "Tasks (" + n.tasks.length + ")")); }
      details.appendChild(taskList(n.tasks, n.name));
    }
  }

  function showEdge(id) {
    var e = originalEdge[id];
    if (!e) { return; }
    clearDetails();
    panel.hidden = false;
    var from = originalNode[e.from], to = originalNode[e.to];
    details.appendChild(el("h3", (from ? from.name : e.from) + " — " + (to ? to.name : e.to)));
    var meta = EDGE_NAMES[e.type] || e.type;
    if (e.role) { meta += " · " + (ROLE_NAMES[e.role] || e.role); }
    if (e.kind) { meta += " · " + e.kind; }
    if (e.type === "COUNTERPART") {
      meta += " · " + e.count + " shared" + (e.jaccard !== undefined ? " · Jaccard " + e.jaccard : "");
    }
    details.appendChild(el("div", meta, "meta"));
    if (e.mention) { details.appendChild(el("div", "named as " + e.mention, "meta")); }
    if (e.tasks.length) {
      details.appendChild(el("h2", "Tasks (" + e.tasks.length + ")"));
      details.appendChild(taskList(e.tasks.map(function (t) { return { task: t, role: e.role }; }), null));
    } else {
      e.documents.forEach(function (d) { details.appendChild(el("div", documentLine(d), "source")); });
    }
  }

  function showHint() {
    clearDetails();
    panel.hidden = true;
  }

  /* ---------- neighbourhood highlight ---------- */

  var highlighted = null;

  // A node's own font (the focus view enlarges its centre) in another colour.
  function fontOf(id, colour) {
    return Object.assign({}, originalNode[id].font || {}, { color: colour });
  }

  // A node and its neighbours stand out, the rest fades.
  function highlight(id) {
    var keep = new Set(network.getConnectedNodes(id));
    keep.add(id);
    emphasise(keep, new Set(network.getConnectedEdges(id)));
    highlighted = id;
  }

  // An edge and its two ends stand out, the rest fades.
  function highlightEdge(id) {
    var e = originalEdge[id];
    emphasise(new Set([e.from, e.to]), new Set([id]));
    highlighted = e.from;
  }

  // Dim everything but these nodes and edges.
  function emphasise(keep, near) {
    nodes.update(nodes.getIds().map(function (nid) {
      return { id: nid, opacity: keep.has(nid) ? 1 : 0.15, font: fontOf(nid, keep.has(nid) ? INK : DIM_INK) };
    }));
    edges.update(edges.getIds().map(function (eid) {
      var on = near.has(eid);
      return { id: eid, color: on ? originalEdge[eid].color : DIM_EDGE, font: { color: on ? INK : DIM_INK } };
    }));
  }

  function unhighlight() {
    if (highlighted === null) { return; }
    nodes.update(nodes.getIds().map(function (nid) { return { id: nid, opacity: 1, font: fontOf(nid, INK) }; }));
    edges.update(edges.getIds().map(function (eid) {
      return { id: eid, color: originalEdge[eid].color, font: { color: INK } };
    }));
    highlighted = null;
  }

  function clearSelection() {
    network.unselectAll();
    unhighlight();
    showHint();
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
      highlight(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
      highlightEdge(params.edges[0]);
    } else {
      clearSelection();
    }
  });

  /* ---------- filters ---------- */

  var checks = { side: {}, kind: {}, document: {} };

  function anyChecked(group, keys) {
    for (var i = 0; i < keys.length; i++) { if (checks[group][keys[i]].checked) { return true; } }
    return false;
  }

  function nodeVisible(n) {
    if (checks.kind[n.kind] && !checks.kind[n.kind].checked) { return false; }
    if (n.side && checks.side[n.side] && !checks.side[n.side].checked) { return false; }
    var docs = n.documents.filter(function (d) { return checks.document[d]; });
    return docs.length === 0 || anyChecked("document", docs);
  }

  function applyFilters() {
    var visible = new Set();
    nodes.update(data.nodes.map(function (n) {
      var show = nodeVisible(n);
      if (show) { visible.add(n.id); }
      return { id: n.id, hidden: !show };
    }));
    var shownEdges = 0;
    edges.update(data.edges.map(function (e) {
      var docs = e.documents.filter(function (d) { return checks.document[d]; });
      var show = visible.has(e.from) && visible.has(e.to) && (docs.length === 0 || anyChecked("document", docs));
      if (show) { shownEdges += 1; }
      return { id: e.id, hidden: !show };
    }));
    byId("counts").textContent = visible.size + " of " + data.nodes.length + " nodes · " +
      shownEdges + " of " + data.edges.length + " edges";
    if (highlighted !== null && !visible.has(highlighted)) { clearSelection(); }
  }

  function checkbox(group, key, text, colour, container) {
    var label = el("label", null, "check");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-" + group, key);  // for scripts driving the page (tests, notebooks)
    box.addEventListener("change", applyFilters);
    label.appendChild(box);
    if (colour) { label.appendChild(swatch("dot", colour)); }
    label.appendChild(el("span", text));
    container.appendChild(label);
    checks[group][key] = box;
    return box;
  }

  function buildFilters() {
    var sides = byId("filter-sides");
    if (data.sides.length) {
      data.legend.sides.forEach(function (s) { checkbox("side", s.side, s.side, s.color, sides); });
    } else {
      sides.hidden = true;
    }
    var kinds = byId("filter-kinds");
    data.legend.kinds.forEach(function (k) { checkbox("kind", k.kind, KIND_NAMES[k.kind] || k.kind, null, kinds); });
    var docs = byId("filter-documents");
    var ids = Object.keys(data.documents).sort(function (a, b) {
      var ya = data.documents[a].year || "", yb = data.documents[b].year || "";
      return ya < yb ? -1 : ya > yb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
    var years = {};
    ids.forEach(function (d) {
      var y = data.documents[d].year || "?";
      (years[y] = years[y] || []).push(d);
    });
    var yearKeys = Object.keys(years).sort();
    if (yearKeys.length > 1) {
      // A year box sets all of that year's document boxes at once.
      yearKeys.forEach(function (y) {
        var label = el("label", null, "check");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = true;
        box.setAttribute("data-year", y);
        box.addEventListener("change", function () {
          years[y].forEach(function (d) { checks.document[d].checked = box.checked; });
          applyFilters();
        });
        label.appendChild(box);
        label.appendChild(el("span", y === "?" ? "year unknown" : y));
        docs.appendChild(label);
      });
    }
    ids.forEach(function (d) { checkbox("document", d, documentLine(d), null, docs); });
    if (!ids.length) { docs.hidden = true; }
  }

  /* ---------- legend ---------- */

  var SVG = "http://www.w3.org/2000/svg";

  function polygon(points) {
    var p = document.createElementNS(SVG, "polygon");
    p.setAttribute("points", points);
    return p;
  }

  function swatch(shape, colour) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    var s;
    if (shape === "square") {
      s = document.createElementNS(SVG, "rect");
      s.setAttribute("x", "2"); s.setAttribute("y", "2"); s.setAttribute("width", "12"); s.setAttribute("height", "12");
    } else if (shape === "diamond") {
      s = polygon("8,1 15,8 8,15 1,8");
    } else if (shape === "triangle") {
      s = polygon("8,2 15,14 1,14");
    } else if (shape === "triangleDown") {
      s = polygon("1,2 15,2 8,14");
    } else if (shape === "hexagon") {
      s = polygon("4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8");
    } else if (shape === "star") {
      s = polygon("8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6");
    } else {
      s = document.createElementNS(SVG, "circle");
      s.setAttribute("cx", "8"); s.setAttribute("cy", "8"); s.setAttribute("r", "6");
    }
    s.setAttribute("fill", colour);
    s.setAttribute("stroke", "#2d3748");
    s.setAttribute("stroke-width", "0.8");
    svg.appendChild(s);
    return svg;
  }

  function lineSwatch(colour, dashes) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5"); line.setAttribute("x2", "27"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", colour);
    line.setAttribute("stroke-width", "2.5");
    if (dashes && dashes.length) { line.setAttribute("stroke-dasharray", dashes.join(" ")); }
    svg.appendChild(line);
    return svg;
  }

  function legendItem(graphic, text) {
    var row = el("div", null, "legend-item");
    row.appendChild(graphic);
    row.appendChild(el("span", text));
    return row;
  }

  function buildLegend() {
    var box = byId("legend");
    data.legend.kinds.forEach(function (k) {
      box.appendChild(legendItem(swatch(k.shape, k.color), KIND_NAMES[k.kind] || k.kind));
    });
    if (data.legend.sides.length) {
      box.appendChild(el("div", "Colour: the side (lighter for groups, districts, parks)", "note"));
      data.legend.sides.forEach(function (s) { box.appendChild(legendItem(swatch("dot", s.color), s.side)); });
    }
    data.legend.edges.forEach(function (e) {
      box.appendChild(legendItem(lineSwatch(e.color, e.dashes), EDGE_NAMES[e.type] || e.type));
    });
    box.appendChild(el("div", "Node size: number of tasks. Edge width: shared tasks.", "note"));
  }

  /* ---------- search ---------- */

  function search(query) {
    var q = String(query || "").trim();
    var list = byId("matches");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!q) { return []; }
    var exact = [], partial = [];
    data.nodes.forEach(function (n) {
      var names = [n.name].concat(n.aliases || []);
      if (names.indexOf(q) >= 0) { exact.push(n); }
      else if (names.some(function (s) { return s.indexOf(q) >= 0; })) { partial.push(n); }
    });
    var busiest = function (a, b) { return (b.workload || 0) - (a.workload || 0); };
    var found = exact.sort(busiest).concat(partial.sort(busiest));
    if (!found.length) {
      list.appendChild(el("li", "No node is named " + q, "none"));
      return [];
    }
    found.slice(0, 50).forEach(function (n) {
      var item = el("li");
      var button = el("button", n.name + (n.side ? " · " + n.side : ""));
      button.type = "button";
      button.addEventListener("click", function () { selectNode(n.id); });
      item.appendChild(button);
      list.appendChild(item);
    });
    selectNode(found[0].id);
    return found.map(function (n) { return n.id; });
  }

  function selectNode(id) {
    if (!originalNode[id]) { return false; }
    if (nodes.get(id).hidden) {
      // The filters hide it: show everything again rather than select what cannot be seen.
      Object.keys(checks).forEach(function (g) {
        Object.keys(checks[g]).forEach(function (k) { checks[g][k].checked = true; });
      });
      applyFilters();
    }
    network.selectNodes([id]);
    showNode(id);
    // Centre the node in the part of the network the side panel leaves visible.
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false,
                        offset: { x: -panelCover() / 2, y: 0 } });
    highlight(id);
    return true;
  }

  function panelCover() {
    return panel.hidden ? 0 : panel.offsetWidth + 8;
  }

  // Fit the visible nodes into the part of the network the side panel leaves uncovered.
  function fitVisible() {
    network.fit({ animation: false });
    var cover = panelCover(), width = byId("network").clientWidth;
    if (cover > 0 && width > cover * 1.5) {
      network.moveTo({ position: network.getViewPosition(), scale: network.getScale() * (width - cover) / width,
                       offset: { x: -cover / 2, y: 0 }, animation: false });
    }
  }

  byId("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(byId("search").value);
  });

  /* ---------- the view controls ---------- */

  byId("physics").addEventListener("change", function (ev) {
    network.setOptions({ physics: { enabled: ev.target.checked } });
  });
  byId("fit").addEventListener("click", fitVisible);
  byId("clear").addEventListener("click", clearSelection);
  byId("close").addEventListener("click", clearSelection);

  buildFilters();
  buildLegend();
  applyFilters();
  if (!data.nodes.length) {
    // Say so, rather than show a blank canvas.
    var what = data.view === "counterparts" ? "no units of two sides that share a task" : "nothing to draw";
    byId("app").appendChild(el("p", "This view is empty: the graph holds " + what + ".", "empty"));
  }
  if (data.focus) {
    network.selectNodes([data.focus]);
    showNode(data.focus);
  }
  fitVisible();

  // For notebooks and tests: the network, its data sets and the page's actions.
  window.graphmodelView = {
    network: network, nodes: nodes, edges: edges, data: data,
    search: search, selectNode: selectNode, applyFilters: applyFilters, clearSelection: clearSelection,
    fit: fitVisible
  };
}());
