/*
 * Sorting and filtering for the models table on /models/.
 *
 * Progressive enhancement: without this script the page is a plain, complete
 * table. Material's instant navigation swaps pages without re-running scripts,
 * so setup hangs on `document$` (which also fires for the first page) and marks
 * each table it has enhanced.
 */
(function () {
  "use strict";

  function sortKey(row, index, type) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    raw = raw.trim();
    if (raw === "") return null;
    if (type === "number") {
      var number = parseFloat(raw);
      return isNaN(number) ? null : number;
    }
    return raw.toLowerCase();
  }

  function compare(a, b, sign) {
    // Unknown values sort last in both directions: "not published" is not "zero".
    if (a.key === null || b.key === null) {
      if (a.key === b.key) return a.index - b.index;
      return a.key === null ? 1 : -1;
    }
    var order = typeof a.key === "number" ? a.key - b.key : a.key.localeCompare(b.key);
    return order !== 0 ? sign * order : a.index - b.index;
  }

  function matches(row, controls) {
    var data = row.dataset;
    for (var i = 0; i < controls.length; i++) {
      var control = controls[i];
      var wanted = control.type === "checkbox" ? control.checked : control.value.trim();
      if (!wanted) continue;
      switch (control.getAttribute("data-filter")) {
        case "text":
          if (data.search.indexOf(wanted.toLowerCase()) === -1) return false;
          break;
        case "org":
          if (data.org !== wanted) return false;
          break;
        case "status":
          if (data.status !== wanted) return false;
          break;
        case "year-min":
          if (!data.year || Number(data.year) < Number(wanted)) return false;
          break;
        case "context-min":
          if (!data.context || Number(data.context) < Number(wanted)) return false;
          break;
        case "price-max":
          if (!data.price || Number(data.price) > Number(wanted)) return false;
          break;
        case "open":
          if (data.open !== "true") return false;
          break;
      }
    }
    return true;
  }

  function enhance(root) {
    if (root.hasAttribute("data-mp-ready")) return;
    root.setAttribute("data-mp-ready", "");
    var table = root.querySelector("table");
    var form = root.querySelector("form");
    var count = root.querySelector(".mp-models-count");
    var empty = root.querySelector(".mp-models-empty");
    if (!table || !table.tBodies.length || !table.tHead) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    headers.forEach(function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mp-sort";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", direction);
        var sign = direction === "ascending" ? 1 : -1;
        var type = header.getAttribute("data-type");
        rows
          .map(function (row, position) {
            return { row: row, index: position, key: sortKey(row, index, type) };
          })
          .sort(function (a, b) { return compare(a, b, sign); })
          .forEach(function (item) { body.appendChild(item.row); });
      });
    });

    if (!form) return;
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row, controls);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (count) {
        count.textContent = shown === rows.length
          ? rows.length + " models"
          : shown + " of " + rows.length + " models";
      }
      if (empty) empty.hidden = shown !== 0;
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function setup() {
    document.querySelectorAll("[data-mp-models]").forEach(enhance);
  }

  if (typeof document$ !== "undefined" && document$ && document$.subscribe) {
    document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
