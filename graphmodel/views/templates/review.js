// The review page: rows of review items, filters, and the corrections a person makes, written as
// a graphmodel.corrections.tsv. Every document text goes in with textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graphmodel-data").textContent);
  var header = data.corrections.header, cellsOf = data.corrections.actions;
  var byDoc = {};
  data.documents.forEach(function (d) { byDoc[d.id] = d; });
  var flagInfo = {};
  data.flags.forEach(function (f) { flagInfo[f.code] = f; });
  var ROLES = ["lead", "responsible", "support"];
  var corrections = new Map();  // key -> [action, document, task, unit, role, value]
  var rows = [];  // a row's element, made the first time it is shown (its edits live in it)
  var PAGE = 100;  // rows put in the table at a time: a corpus of thousands of tasks stays quick
  var limit = PAGE;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function docName(d) { return d.title || d.source || d.id; }
  function cell(v) {
    var s = String(v === undefined || v === null ? "" : v).replace(/[\t\r\n]+/g, " ").trim();
    return s === "" ? "-" : s;
  }
  // One correction: the action and its named cells; the cells it does not use are "-".
  function line(action, values) {
    return header.map(function (name) {
      if (name === "action") return action;
      return cellsOf[action].indexOf(name) >= 0 ? cell(values[name]) : "-";
    });
  }
  function setCorrection(key, action, values) {
    if (action === null) corrections.delete(key); else corrections.set(key, line(action, values));
    renderCorrections();
  }
  function correctionsText() {
    var out = ["# " + data.corrections.file + ": corrections written by the graphmodel review page",
               "# " + "action\tdocument\ttask\tunit\trole\tvalue".replace(/\t/g, " | ") + "; - = unused cell",
               header.join("\t")];
    corrections.forEach(function (cells) { out.push(cells.join("\t")); });
    return out.join("\n") + "\n";
  }
  function renderCorrections() {
    document.getElementById("corrections-text").value = correctionsText();
    document.getElementById("export").textContent = "Download " + data.corrections.file +
      " (" + corrections.size + " correction" + (corrections.size === 1 ? "" : "s") + ")";
  }

  function roleSelect(current) {
    var s = el("select");
    ROLES.forEach(function (r) { var o = el("option", null, r); o.value = r; s.appendChild(o); });
    s.value = current || "responsible";
    return s;
  }

  function factItem(item, f) {
    var li = el("li", "fact");
    li.dataset.unit = f.unit;
    li.appendChild(el("span", "name", f.name));
    var meta = [f.side || "side unknown", f.role];
    if (f.collective) meta.unshift("placeholder");
    if (f.mention && f.mention !== f.name) meta.push("as written: " + f.mention);
    li.appendChild(el("span", "meta", " (" + meta.join(", ") + ") "));
    if (f.correction) li.appendChild(el("span", "correction", "from correction " + f.correction + " "));
    if (!item.task) return li;
    var key = item.document + "\u0000" + item.task + "\u0000" + f.unit;
    var wrong = el("label", "wrong-box");
    var box = el("input"); box.type = "checkbox"; box.className = "mark-wrong";
    wrong.appendChild(box); wrong.appendChild(document.createTextNode(" wrong "));
    box.addEventListener("change", function () {
      li.classList.toggle("wrong", box.checked);
      setCorrection("remove\u0000" + key, box.checked ? "remove" : null,
                    {document: item.document, task: item.number, unit: f.name});
    });
    li.appendChild(wrong);
    var role = roleSelect(f.role); role.className = "change-role"; role.setAttribute("aria-label", "role of " + f.name);
    role.addEventListener("change", function () {
      setCorrection("role\u0000" + key, role.value === f.role ? null : "role",
                    {document: item.document, task: item.number, unit: f.name, role: role.value});
    });
    li.appendChild(role);
    if (!f.collective) {
      var ph = el("button", "mark-placeholder", "placeholder");
      ph.type = "button"; ph.title = "A name for a group of units, not one unit";
      ph.addEventListener("click", function () {
        var on = !corrections.has("placeholder\u0000" + f.name);
        setCorrection("placeholder\u0000" + f.name, on ? "placeholder" : null, {document: item.document, unit: f.name});
        ph.setAttribute("aria-pressed", String(on));
      });
      li.appendChild(ph);
      var split = el("input", "split"); split.placeholder = "split into A、B"; split.setAttribute("aria-label", "split " + f.name);
      split.addEventListener("change", function () {
        var names = split.value.trim();
        setCorrection("split\u0000" + key, names ? "split" : null,
                      {document: item.document, task: item.number, unit: f.name, value: names});
      });
      li.appendChild(split);
    }
    return li;
  }

  function addForm(item) {
    var form = el("div", "add");
    var name = el("input", "add-unit"); name.placeholder = "add a unit"; name.setAttribute("aria-label", "unit to add");
    var role = roleSelect("responsible"); role.className = "add-role"; role.setAttribute("aria-label", "role of the unit to add");
    var side = el("select", "add-side"); side.setAttribute("aria-label", "side of the unit to add");
    var none = el("option", null, "side as the plan says"); none.value = ""; side.appendChild(none);
    (byDoc[item.document] ? byDoc[item.document].sides : []).forEach(function (s) {
      var o = el("option", null, s); o.value = s; side.appendChild(o);
    });
    var add = el("button", "add-button", "Add"); add.type = "button";
    add.addEventListener("click", function () {
      var unit = name.value.trim();
      if (!unit) return;
      setCorrection(["add", item.document, item.task, unit].join("\u0000"), "add",
                    {document: item.document, task: item.number, unit: unit, role: role.value, value: side.value});
      name.value = "";
    });
    [name, role, side, add].forEach(function (e) { form.appendChild(e); });
    return form;
  }

  function contextCell(item) {
    var td = el("td", "context");
    if (!item.context.length) td.appendChild(el("span", "missing", "(no task text)"));
    item.context.forEach(function (seg) {
      td.appendChild(el("span", seg[1] === "text" ? "" : seg[1], seg[0]));
    });
    if (item.task && item.annotation === null && item.units.length + item.placeholders.length)
      td.appendChild(el("div", "missing", "(the plan's text was not available: the task's own wording is shown)"));
    return td;
  }

  function flagCell(item) {
    var td = el("td", "flags");
    item.flags.forEach(function (f) {
      var info = flagInfo[f.code] || {label: f.code, strong: true};
      var div = el("div", "detail");
      var badge = el("span", "flag " + (info.strong ? "strong" : "weak"), f.code);
      badge.title = info.label;
      div.appendChild(badge);
      div.appendChild(document.createTextNode(" " + f.detail));
      if (f.code === "close-name" && f.names.length === 2) {
        var same = el("button", "mark-alias", "same unit"); same.type = "button";
        same.title = f.names[0] + " = " + f.names[1];
        same.addEventListener("click", function () {
          var key = "alias\u0000" + f.names[0] + "\u0000" + f.names[1];
          var on = !corrections.has(key);
          setCorrection(key, on ? "alias" : null, {document: item.document, unit: f.names[0], value: f.names[1]});
          same.setAttribute("aria-pressed", String(on));
        });
        div.appendChild(same);
      }
      td.appendChild(div);
    });
    return td;
  }

  function row(item, index) {
    var tr = el("tr");
    tr.dataset.index = String(index);
    tr.dataset.document = item.document;
    tr.dataset.task = item.task || "";
    tr.dataset.flags = item.codes.join(" ");
    var task = el("td", "task");
    task.appendChild(el("strong", null, item.number || "(outside every task)"));
    task.appendChild(el("span", "doc", docName(byDoc[item.document] || {id: item.document})));
    tr.appendChild(task);
    tr.appendChild(contextCell(item));
    var read = el("td", "read");
    var list = el("ul", "facts");
    item.units.concat(item.placeholders).forEach(function (f) { list.appendChild(factItem(item, f)); });
    if (item.places.length) list.appendChild(el("li", "meta", "places: " + item.places.join("、")));
    read.appendChild(list);
    if (item.task) read.appendChild(addForm(item));
    tr.appendChild(read);
    tr.appendChild(flagCell(item));
    return tr;
  }

  function fill(select, values) {
    values.forEach(function (v) { var o = el("option", null, v[1]); o.value = v[0]; select.appendChild(o); });
  }

  var filters = {document: "", flag: "", unit: ""};
  function matches(item) {
    if (filters.document && item.document !== filters.document) return false;
    if (filters.flag === "*" && !item.codes.length) return false;
    if (filters.flag === "-" && item.codes.length) return false;
    if (filters.flag === "strong" && !item.strong) return false;
    if (filters.flag && ["*", "-", "strong"].indexOf(filters.flag) < 0 && item.codes.indexOf(filters.flag) < 0) return false;
    if (filters.unit && !item.units.concat(item.placeholders).some(function (f) { return f.unit === filters.unit; })) return false;
    return true;
  }
  function apply() {
    var body = document.getElementById("rows");
    var matching = [];
    data.items.forEach(function (item, i) { if (matches(item)) matching.push(i); });
    var shown = matching.slice(0, limit);
    body.replaceChildren.apply(body, shown.map(function (i) {
      if (!rows[i]) rows[i] = row(data.items[i], i);
      return rows[i];
    }));
    var more = document.getElementById("more");
    more.hidden = matching.length <= shown.length;
    more.textContent = "Show " + Math.min(PAGE, matching.length - shown.length) + " more of " +
      (matching.length - shown.length) + " not shown";
    var flagged = data.items.filter(function (it) { return it.codes.length; }).length;
    document.getElementById("counts").textContent = matching.length + " of " + data.items.length +
      " items match" + (shown.length < matching.length ? " (" + shown.length + " shown)" : "") + "; " +
      flagged + " flagged, " + data.documents.length + " document" + (data.documents.length === 1 ? "" : "s");
  }
  function setFilter(kind, value) {
    filters[kind] = value || "";
    document.getElementById("filter-" + kind).value = filters[kind];
    limit = PAGE;
    apply();
  }

  function sidesEditor() {
    var box = document.getElementById("sides-editor");
    data.documents.forEach(function (d) {
      var label = el("label", "sides");
      label.appendChild(document.createTextNode("Sides of " + docName(d) + " "));
      var input = el("input", "set-sides"); input.value = d.sides.join("、"); input.dataset.document = d.id;
      input.addEventListener("change", function () {
        var v = input.value.trim();
        setCorrection("sides\u0000" + d.id, v === d.sides.join("、") ? null : "sides", {document: d.id, value: v});
      });
      label.appendChild(input);
      box.appendChild(label);
    });
  }

  function download() {
    var blob = new Blob([correctionsText()], {type: "text/tab-separated-values;charset=utf-8"});
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.corrections.file;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  document.getElementById("title").textContent = data.title;
  document.getElementById("corrections-file").textContent = data.corrections.file;
  fill(document.getElementById("filter-document"), data.documents.map(function (d) { return [d.id, docName(d)]; }));
  fill(document.getElementById("filter-flag"), data.flags.map(function (f) { return [f.code, f.code + ": " + f.label]; }));
  fill(document.getElementById("filter-unit"), data.units.map(function (u) { return [u.id, u.name + (u.side ? " (" + u.side + ")" : "")]; }));
  ["document", "flag", "unit"].forEach(function (kind) {
    var s = document.getElementById("filter-" + kind);
    s.addEventListener("change", function () { filters[kind] = s.value; limit = PAGE; apply(); });
  });
  document.getElementById("more").addEventListener("click", function () { limit += PAGE; apply(); });
  sidesEditor();
  document.getElementById("export").addEventListener("click", download);
  document.getElementById("clear-corrections").addEventListener("click", function () { corrections.clear(); renderCorrections(); });
  renderCorrections();
  apply();

  // For tests and notebooks.
  window.graphmodelView = {
    setFilter: setFilter,
    // The rows in the table (the first of those matching the filters; "more" adds the next ones).
    visibleRows: function () {
      return Array.prototype.map.call(document.querySelectorAll("#rows > tr"), function (tr) {
        return {document: tr.dataset.document, task: tr.dataset.task, flags: tr.dataset.flags};
      });
    },
    correctionsText: correctionsText,
    download: download
  };
})();
