// Parallax batch index: filter articles by flag kind, site, text; sort columns (table-sort.js).
// Rows are tr[data-row] with data-flags (kinds, space-separated), data-site and data-search;
// flag filters are input[type=checkbox][name=flag][value=KIND], as in the reports.
(function () {
  parallaxSortableTables(document);
  var tools = document.getElementById("px-tools");
  if (!tools) return;
  var rows = Array.from(document.querySelectorAll("tr[data-row]"));
  var site = tools.querySelector("[name=site]");
  function apply() {
    var kinds = Array.from(tools.querySelectorAll("input[name=flag]:checked")).map(function (b) { return b.value; });
    var q = tools.querySelector("[name=q]").value.trim().toLowerCase();
    var flagged = tools.querySelector("[name=flagged]").checked;
    var shown = 0;
    rows.forEach(function (row) {
      var has = (row.getAttribute("data-flags") || "").split(/\s+/).filter(Boolean);
      var ok = (!kinds.length || kinds.some(function (k) { return has.indexOf(k) >= 0; })) &&
        (!flagged || has.length > 0) &&
        (!site || !site.value || row.getAttribute("data-site") === site.value) &&
        (!q || (row.getAttribute("data-search") || "").toLowerCase().indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    tools.querySelector(".px-status").textContent = "Showing " + shown + " of " + rows.length + " articles";
  }
  tools.addEventListener("input", apply);
  tools.addEventListener("change", apply);
  tools.hidden = false;
  apply();
})();
