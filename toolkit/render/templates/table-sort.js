// Parallax: sortable tables. Every <table data-sortable> gets a button in each header cell
// (except <th data-nosort>); a cell sorts by its data-sort attribute, else by its text. Columns
// whose values are all numbers sort numerically (first click: largest first, or as <th data-first=
// "ascending|descending"> says); empty values last.
"use strict";

function parallaxSortableTables(scope) {
  scope.querySelectorAll("table[data-sortable]").forEach(function (table) {
    if (!table.tHead || !table.tHead.rows.length || !table.tBodies.length) return;
    var heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var body = table.tBodies[0];
        var numeric = parallaxColumnIsNumeric(body, col);
        var current = th.getAttribute("aria-sort");
        var first = th.getAttribute("data-first") || (numeric ? "descending" : "ascending");
        var dir = current === "none" ? first
          : current === "ascending" ? "descending" : "ascending";
        heads.forEach(function (other) {
          if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", dir);
        parallaxSortRows(body, col, dir === "ascending" ? 1 : -1, numeric);
        table.dispatchEvent(new CustomEvent("parallax:sorted", { bubbles: true }));
      });
    });
  });
}

function parallaxCellValue(row, col) {
  var cell = row.cells[col];
  if (!cell) return "";
  return (cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent).trim();
}

function parallaxColumnIsNumeric(body, col) {
  var values = Array.from(body.rows).map(function (r) { return parallaxCellValue(r, col); })
    .filter(function (v) { return v !== ""; });
  return values.length > 0 && values.every(function (v) { return isFinite(Number(v)); });
}

function parallaxSortRows(body, col, sign, numeric) {
  var rows = Array.from(body.rows).map(function (row, i) {
    return { row: row, i: i, v: parallaxCellValue(row, col) };
  });
  rows.sort(function (a, b) {
    if (a.v === "" || b.v === "") return (a.v === "") - (b.v === "") || a.i - b.i;
    var d = numeric ? Number(a.v) - Number(b.v) : a.v.localeCompare(b.v, undefined, { numeric: true });
    return sign * d || a.i - b.i;
  });
  rows.forEach(function (r) { body.appendChild(r.row); });
}
