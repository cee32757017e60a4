// Parallax report: filters, keyboard navigation, triage, choice of rendering, export.
// The page reads the same without this script. The script is generic over what the page
// carries, found through data attributes (the DOM contract, see the README):
//   #px-tools[data-article][data-title]  the controls; key of the article (its content sha256)
//                                     and its title ("" = none)
//   section[data-section][data-title] a section and its heading ("" = none)
//   [data-paragraph][data-flags]      a paragraph block and its flag kinds (space-separated);
//                                     also [data-section], [data-uncertainty], [data-agreement]
//   [data-rendering][data-label][data-text]  inside a paragraph: a rendering a reader can keep
//   [data-suggested]  on a paragraph: the data-rendering key picked until the reader picks another
//                                     ("original", "alternative:K", "version:NAME" ...)
//   .flag[data-kind][data-text]       inside a paragraph: a flag that can be marked reviewed
//     (data-reviewed="true": already reviewed in parallax.review.toml)
//   input[type=checkbox][name=flag][value=KIND][data-severity]  the flag-kind filters
// No network: state lives in localStorage; downloads are Blob links made in the page.
(function () {
  var root = document.querySelector(".parallax-report");
  if (!root) return;
  parallaxSortableTables(root);
  var tools = root.querySelector("#px-tools[data-article]");
  var bar = root.querySelector(".px-bar");
  var blocks = Array.from(root.querySelectorAll("[data-paragraph]"));
  if (!tools || !bar || !blocks.length) return;

  var RANK = { info: 0, minor: 1, major: 2 };
  var SEP = "\u001f";
  var STORE = "parallax:" + tools.getAttribute("data-article");
  var state = { reviewed: {}, notes: {}, done: {}, choices: {} };
  var storageError = "";
  var cursor = null;
  var sortedBox = null;

  function $$(sel, el) { return Array.from((el || root).querySelectorAll(sel)); }
  function num(v) { return v === undefined || v === "" ? null : Number(v); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ------------------------------------------------------------ state (localStorage)
  function load() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORE); } catch (e) { storageError = "this browser keeps no state for local files"; }
    if (!raw) return;
    try {
      var saved = JSON.parse(raw);
      ["reviewed", "notes", "done", "choices"].forEach(function (k) {
        if (saved && typeof saved[k] === "object" && saved[k] !== null) state[k] = saved[k];
      });
    } catch (e) { storageError = "the saved state of this article was unreadable and is ignored"; }
  }
  function save() {
    try { window.localStorage.setItem(STORE, JSON.stringify(state)); storageError = ""; }
    catch (e) { storageError = "marks cannot be saved in this browser (download them)"; }
  }

  // ------------------------------------------------------------ the page's paragraphs
  var severityOf = {};
  $$("input[name=flag]", tools).forEach(function (box) {
    severityOf[box.value] = box.getAttribute("data-severity") || "info";
  });
  var paras = blocks.map(function (block, index) {
    var renderings = $$("[data-rendering]", block).map(function (r) {
      return { el: r, key: r.getAttribute("data-rendering"), label: r.getAttribute("data-label") || r.getAttribute("data-rendering"), text: r.getAttribute("data-text") || "" };
    });
    return {
      el: block, index: index, id: block.getAttribute("data-paragraph"),
      preset: block.getAttribute("data-suggested") || "",
      kinds: (block.getAttribute("data-flags") || "").split(/\s+/).filter(Boolean),
      section: block.getAttribute("data-section") || "",
      sectionEl: block.closest("section[data-section]"),
      uncertainty: num(block.getAttribute("data-uncertainty")),
      agreement: num(block.getAttribute("data-agreement")),
      renderings: renderings,
      chips: $$(".flag[data-kind]", block).map(function (c) {
        return { el: c, kind: c.getAttribute("data-kind"), text: c.getAttribute("data-text") || "" };
      }),
      haystack: (block.getAttribute("data-paragraph") + " " + renderings.map(function (r) { return r.text; }).join(" ") + " " + block.getAttribute("data-flags")).toLowerCase(),
      marker: document.createComment(" paragraph " + index + " ")
    };
  });
  var byId = {};
  paras.forEach(function (p) { byId[p.id] = p; });
  var sections = $$("section[data-section]").map(function (s) {
    return { el: s, title: s.getAttribute("data-title") || "", paras: paras.filter(function (p) { return p.sectionEl === s; }) };
  });
  function flagKey(p, chip) { return p.id + SEP + chip.kind + SEP + chip.text; }

  // ------------------------------------------------------------ controls
  function control(name) { return tools.querySelector("[name=" + name + "]"); }
  var search = control("q");
  var versionSelect = control("version");
  var labels = [];
  paras.forEach(function (p) {
    p.renderings.forEach(function (r) {
      if (r.key !== "original" && labels.indexOf(r.label) < 0) labels.push(r.label);
    });
  });
  labels.forEach(function (label) { versionSelect.appendChild(el("option", { value: label }, "original + " + label)); });

  function filters() {
    return {
      kinds: $$("input[name=flag]:checked", tools).map(function (b) { return b.value; }),
      severity: control("severity").value,
      section: control("section").value,
      version: versionSelect.value,
      sort: control("sort").value,
      q: search.value.trim().toLowerCase(),
      hideDone: control("hide-done").checked,
      unreviewed: control("unreviewed").checked
    };
  }
  function kindsOf(p, f) {
    if (!f.unreviewed) return p.kinds;
    var open = [];
    p.chips.forEach(function (c) {
      if (!state.reviewed[flagKey(p, c)] && open.indexOf(c.kind) < 0) open.push(c.kind);
    });
    return open;
  }
  function matches(p, f, ignoreKinds) {
    var kinds = kindsOf(p, f);
    if (!ignoreKinds && f.kinds.length && !f.kinds.some(function (k) { return kinds.indexOf(k) >= 0; })) return false;
    if (f.severity && !kinds.some(function (k) { return RANK[severityOf[k] || "info"] >= RANK[f.severity]; })) return false;
    if (f.section && p.section !== f.section) return false;
    if (f.hideDone && state.done[p.id]) return false;
    if (f.q) {
      var choice = state.choices[p.id];
      var hay = p.haystack + (choice && choice.rendering === "edit" ? " " + choice.text.toLowerCase() : "");
      if (hay.indexOf(f.q) < 0) return false;
    }
    return true;
  }

  function apply() {
    var f = filters();
    var shown = 0;
    var flagged = 0;
    paras.forEach(function (p) {
      var ok = matches(p, f, false);
      p.el.hidden = !ok;
      if (ok) { shown += 1; if (kindsOf(p, f).length) flagged += 1; }
      p.renderings.forEach(function (r) {
        r.el.hidden = Boolean(f.version) && r.key !== "original" && r.label !== f.version;
      });
    });
    $$("input[name=flag]", tools).forEach(function (box) {
      var n = paras.filter(function (p) { return matches(p, f, true) && kindsOf(p, f).indexOf(box.value) >= 0; }).length;
      var out = tools.querySelector("[data-count=\"" + CSS.escape(box.value) + "\"]");
      if (out) out.textContent = "(" + n + ")";
    });
    sort(f.sort);
    var filtering = f.kinds.length || f.severity || f.section || f.q || f.hideDone;
    sections.forEach(function (s) {
      s.el.hidden = Boolean(filtering) && !f.sort && s.paras.length > 0 && s.paras.every(function (p) { return p.el.hidden; });
    });
    bar.querySelector(".px-status").textContent = "Showing " + shown + " of " + paras.length +
      " paragraphs (" + flagged + " flagged)";
    triageStatus();
  }

  // ------------------------------------------------------------ order
  function sort(mode) {
    if (!mode) {
      if (!sortedBox) return;
      paras.forEach(function (p) { p.marker.parentNode.insertBefore(p.el, p.marker); p.marker.remove(); });
      sortedBox.remove();
      sortedBox = null;
      root.classList.remove("px-sorting");
      return;
    }
    if (!sortedBox) {
      sortedBox = el("div", { class: "px-sorted" });
      sortedBox.appendChild(el("h2", {}, ""));
      sortedBox.appendChild(el("p", { class: "px-sorted-note" }, "Sorted across sections; choose \u201carticle order\u201d to read them in place."));
      sections[0].el.parentNode.insertBefore(sortedBox, sections[0].el);
      paras.forEach(function (p) { p.el.parentNode.insertBefore(p.marker, p.el); });
      root.classList.add("px-sorting");
    }
    sortedBox.firstChild.textContent = mode === "uncertainty" ? "Paragraphs, most uncertain first" : "Paragraphs, least agreement first";
    var value = mode === "uncertainty" ? function (p) { return p.uncertainty === null ? null : -p.uncertainty; }
      : function (p) { return p.agreement; };
    paras.slice().sort(function (a, b) {
      var va = value(a), vb = value(b);
      if (va === null || vb === null) return (va === null) - (vb === null) || a.index - b.index;
      return va - vb || a.index - b.index;
    }).forEach(function (p) { sortedBox.appendChild(p.el); });
  }

  // ------------------------------------------------------------ keyboard navigation
  function visibleFlagged() {
    var f = filters();
    return $$("[data-paragraph]").filter(function (b) { return !b.hidden && kindsOf(byId[b.getAttribute("data-paragraph")], f).length; });
  }
  function go(step) {
    var list = visibleFlagged();
    var status = bar.querySelector(".px-status");
    if (!list.length) { status.textContent = "No flagged paragraph is shown"; return; }
    var i = list.indexOf(cursor);
    var next;
    if (i >= 0) next = list[i + step];
    else if (step > 0) next = list.find(function (b) { return b.getBoundingClientRect().top > bar.offsetHeight + 4; });
    else next = list.slice().reverse().find(function (b) { return b.getBoundingClientRect().top < -4; });
    if (!next) { status.textContent = step > 0 ? "That was the last flagged paragraph" : "That was the first flagged paragraph"; return; }
    cursor = next;
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: "start" });
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    var typing = t && t.closest && (t.closest("textarea, select, [contenteditable]") ||
      (t.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(t.type)));
    if (typing) {
      if (e.key === "Escape" && t === search) { search.value = ""; apply(); search.blur(); }
      return;
    }
    if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
    else if (e.key === "/") { search.focus(); e.preventDefault(); }
    else if (e.key === "d") {
      var current = document.activeElement && document.activeElement.closest ? document.activeElement.closest("[data-paragraph]") : null;
      current = current || cursor;
      if (current) { setDone(byId[current.getAttribute("data-paragraph")], !state.done[current.getAttribute("data-paragraph")]); e.preventDefault(); }
    }
  });
  root.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#']");
    if (!a) return;
    var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    var block = target && target.closest("[data-paragraph]");
    if (block && block.hidden) { reset(); cursor = block; }
  });

  // ------------------------------------------------------------ triage
  function setDone(p, on) {
    if (on) state.done[p.id] = true; else delete state.done[p.id];
    p.el.classList.toggle("done", Boolean(on));
    p.doneBox.checked = Boolean(on);
    save();
    apply();
  }
  function setReviewed(p, chip, on) {
    var key = flagKey(p, chip);
    if (on) state.reviewed[key] = true; else { delete state.reviewed[key]; delete state.notes[key]; }
    p.chips.forEach(function (c) {
      if (flagKey(p, c) !== key) return;
      c.el.classList.toggle("reviewed", Boolean(on));
      c.button.setAttribute("aria-pressed", on ? "true" : "false");
      c.note.hidden = !on;
      c.note.value = state.notes[key] || "";
    });
    save();
    apply();
  }
  function triageStatus() {
    var keys = {};
    paras.forEach(function (p) { p.chips.forEach(function (c) { keys[flagKey(p, c)] = true; }); });
    var total = Object.keys(keys).length;
    var reviewed = Object.keys(keys).filter(function (k) { return state.reviewed[k]; }).length;
    var done = paras.filter(function (p) { return state.done[p.id]; }).length;
    var picks = paras.filter(function (p) { var c = effective(p); return c && c.rendering !== "original"; }).length;
    tools.querySelector(".px-triage").textContent = "Reviewed " + reviewed + " of " + total +
      " flags \u00b7 " + done + " of " + paras.length + " paragraphs done \u00b7 " + picks +
      (picks === 1 ? " paragraph" : " paragraphs") + " changed from the original" +
      (storageError ? " \u00b7 " + storageError : "");
  }

  // ------------------------------------------------------------ choose a rendering / edit
  function defaultKey(p) {  // the suggested reading, preselected; else the original
    return p.preset && p.renderings.some(function (r) { return r.key === p.preset; }) ? p.preset : "original";
  }
  function effective(p) {  // the pick shown and exported: the reader's, else the preselected one
    var c = state.choices[p.id];
    if (c) return c;
    var key = defaultKey(p);
    if (key === "original") return null;
    var r = p.renderings.find(function (x) { return x.key === key; });
    return { rendering: key, label: r.label, text: r.text };
  }
  function chosenText(p) {
    var c = effective(p);
    if (c) return c.text;
    var original = p.renderings.find(function (r) { return r.key === "original"; });
    return original ? original.text : "";
  }
  function choose(p, key, text) {
    var r = p.renderings.find(function (x) { return x.key === key; });
    if (key === defaultKey(p) || (!r && key !== "edit")) delete state.choices[p.id];
    else if (key === "edit") state.choices[p.id] = { rendering: "edit", label: "edited", text: text };
    else state.choices[p.id] = { rendering: key, label: r.label, text: r.text };
    showChoice(p);
    save();
    triageStatus();
  }
  function showChoice(p) {
    var c = effective(p);
    var key = c ? c.rendering : "original";
    p.renderings.forEach(function (r) { r.el.classList.toggle("chosen", Boolean(c) && r.key === key); });
    p.radios.forEach(function (radio) { radio.checked = radio.value === key; });
    p.editor.hidden = key !== "edit";
    if (key === "edit" && p.editor.value !== c.text) p.editor.value = c.text;
  }

  function build(p) {
    var head = p.el.querySelector(".para-head") || p.el;
    p.el.setAttribute("tabindex", "-1");
    var doneLabel = el("label", { class: "px-done" });
    p.doneBox = el("input", { type: "checkbox", "aria-label": "paragraph " + p.id + " done" });
    p.doneBox.addEventListener("change", function () { setDone(p, p.doneBox.checked); });
    doneLabel.appendChild(p.doneBox);
    doneLabel.appendChild(document.createTextNode(" done"));
    head.appendChild(doneLabel);
    p.chips.forEach(function (c) {
      var what = c.kind + (c.text ? " \u201c" + c.text + "\u201d" : "");
      c.button = el("button", { type: "button", class: "px-rev", "aria-pressed": "false", title: "Mark this flag reviewed (acceptable)", "aria-label": "reviewed: " + what }, "reviewed");
      c.button.addEventListener("click", function () { setReviewed(p, c, c.button.getAttribute("aria-pressed") !== "true"); });
      c.note = el("input", { type: "text", class: "px-note", "aria-label": "note on " + what, placeholder: "note", size: "14" });
      c.note.hidden = true;
      c.note.addEventListener("input", function () {
        var key = flagKey(p, c);
        if (c.note.value) state.notes[key] = c.note.value; else delete state.notes[key];
        save();
      });
      c.el.after(c.button, c.note);
    });
    var set = el("fieldset", { class: "px-choose", "aria-label": "Keep for paragraph " + p.id });
    set.appendChild(el("legend", {}, "Keep"));
    var seen = {};
    p.radios = [];
    p.renderings.concat([{ key: "edit", label: "edit the text" }]).forEach(function (r) {
      seen[r.label] = (seen[r.label] || 0) + 1;
      var label = el("label");
      var radio = el("input", { type: "radio", name: "px-keep-" + p.index, value: r.key });
      radio.addEventListener("change", function () {
        if (radio.checked) choose(p, r.key, r.key === "edit" ? chosenText(p) : undefined);
        if (radio.checked && r.key === "edit") p.editor.focus();
      });
      p.radios.push(radio);
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + r.label + (seen[r.label] > 1 ? " (" + seen[r.label] + ")" : "")));
      set.appendChild(label);
    });
    p.editor = el("textarea", { class: "px-edit", "aria-label": "Edited text of paragraph " + p.id });
    p.editor.hidden = true;
    p.editor.addEventListener("input", function () { choose(p, "edit", p.editor.value); });
    var cols = p.el.querySelector(".cols");
    (cols || head).after(set, p.editor);
  }

  // ------------------------------------------------------------ export
  function mdText(text) {
    return text.replace(/[\\`*_\[\]<>|~&#!]/g, "\\$&").split("\n").map(function (line) {
      return line.replace(/^([ \t]*)([+=-]|[0-9]+[.)])/, function (m, lead, mark) {
        return lead + mark.slice(0, -1) + "\\" + mark.slice(-1);
      });
    }).join("\n");
  }
  function article(md) {
    var out = [];
    var title = tools.getAttribute("data-title");
    if (title) out.push(md ? "# " + mdText(title) : title);
    sections.forEach(function (s) {
      if (s.title) out.push(md ? "## " + mdText(s.title) : s.title);
      s.paras.forEach(function (p) { out.push(md ? mdText(chosenText(p)) : chosenText(p)); });
    });
    return out.join("\n\n") + "\n";
  }
  function choicesJson() {
    return JSON.stringify({
      schema: "parallax-choices/1",
      article: tools.getAttribute("data-article"),
      title: tools.getAttribute("data-title") || null,
      choices: paras.filter(function (p) { return effective(p); }).map(function (p) {
        var c = effective(p);
        return { paragraph: p.id, rendering: c.rendering, label: c.label, text: c.text };
      }),
      done: paras.filter(function (p) { return state.done[p.id]; }).map(function (p) { return p.id; })
    }, null, 2) + "\n";
  }
  function tomlString(s) {
    var named = { "\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f" };
    return "\"" + s.replace(/[\\"\u0000-\u001f\u007f]/g, function (c) {
      return named[c] || "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    }) + "\"";
  }
  function reviewToml() {
    var out = ["# Parallax review file: flags marked reviewed (acceptable) in the HTML report.",
      "# article sha256: " + tools.getAttribute("data-article"), ""];
    var written = {};
    paras.forEach(function (p) {
      p.chips.forEach(function (c) {
        var key = flagKey(p, c);
        if (!state.reviewed[key] || written[key]) return;
        written[key] = true;
        out.push("[[reviewed]]", "paragraph = " + tomlString(p.id), "kind = " + tomlString(c.kind),
          "text = " + tomlString(c.text));
        if (state.notes[key]) out.push("note = " + tomlString(state.notes[key]));
        out.push("");
      });
    });
    return out.join("\n");
  }
  function slug() {
    var s = (tools.getAttribute("data-title") || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
    return s || "article";
  }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a", { href: url, download: name });
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function reset() {
    $$("input[name=flag], input[name=hide-done], input[name=unreviewed]", tools).forEach(function (b) { b.checked = false; });
    ["severity", "section", "sort"].forEach(function (n) { control(n).value = ""; });
    versionSelect.value = "";
    search.value = "";
    apply();
  }

  // ------------------------------------------------------------ start
  load();
  paras.forEach(build);
  var stale = 0;
  paras.forEach(function (p) {
    var c = state.choices[p.id];
    if (c && (typeof c.text !== "string" || typeof c.rendering !== "string")) { delete state.choices[p.id]; c = null; }
    if (c && c.rendering !== "edit") {
      var r = p.renderings.find(function (x) { return x.key === c.rendering; });
      if (!r || r.text !== c.text) { state.choices[p.id] = { rendering: "edit", label: "edited", text: c.text }; stale += 1; }
    }
    showChoice(p);
    p.el.classList.toggle("done", Boolean(state.done[p.id]));
    p.doneBox.checked = Boolean(state.done[p.id]);
    p.chips.forEach(function (chip) {
      // reviewed in the review file (data-reviewed): start as reviewed here too
      if (chip.el.getAttribute("data-reviewed") === "true") state.reviewed[flagKey(p, chip)] = true;
      var on = Boolean(state.reviewed[flagKey(p, chip)]);
      chip.el.classList.toggle("reviewed", on);
      chip.button.setAttribute("aria-pressed", on ? "true" : "false");
      chip.note.hidden = !on;
      chip.note.value = state.notes[flagKey(p, chip)] || "";
    });
  });
  if (stale) storageError = stale + " saved pick(s) no longer match this report's texts and are kept as edits";
  tools.addEventListener("input", function (e) { if (e.target.closest("input, select")) apply(); });
  tools.addEventListener("change", function (e) { if (e.target.closest("input, select")) apply(); });
  tools.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-action]");
    if (!b) return;
    var action = b.getAttribute("data-action");
    if (action === "reset") reset();
    else if (action === "export-txt") download(slug() + ".txt", "text/plain;charset=utf-8", article(false));
    else if (action === "export-md") download(slug() + ".md", "text/markdown;charset=utf-8", article(true));
    else if (action === "export-choices") download(slug() + ".choices.json", "application/json", choicesJson());
    else if (action === "export-review") download("parallax.review.toml", "application/toml", reviewToml());
  });
  bar.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-action]");
    if (b) go(b.getAttribute("data-action") === "next" ? 1 : -1);
  });
  tools.hidden = false;
  bar.hidden = false;
  apply();
})();
