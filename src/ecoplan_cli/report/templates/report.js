"use strict";
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.matrix tr.unit"));
  var nameInput = document.getElementById("filter-name");
  var statusSelect = document.getElementById("filter-status");
  var shown = document.getElementById("shown");
  function apply() {
    var needle = nameInput.value.trim().toLowerCase();
    var wanted = statusSelect.value;
    var count = 0;
    rows.forEach(function (row) {
      var worst = row.getAttribute("data-worst");
      var byName = !needle || row.getAttribute("data-name").toLowerCase().indexOf(needle) >= 0;
      var byStatus = !wanted || (wanted === "g" ? worst === "g" : wanted.indexOf(worst) >= 0);
      row.hidden = !(byName && byStatus);
      if (!row.hidden) { count += 1; }
    });
    shown.textContent = count + " / " + rows.length;
    if (needle || wanted) {
      document.querySelectorAll("details.group").forEach(function (group) {
        group.open = group.querySelector("tr.unit:not([hidden])") !== null;
      });
    }
  }
  var RANK = { g: 1, r: 0, o: 2, a: 3 };
  function value(cell) {  // the share met (matrix cells carry it as text: "△3/4"); others carry data-v
    var given = cell.getAttribute("data-v");
    if (given !== null) { return given; }
    var kind = cell.classList.length > 1 ? cell.classList[1] : "n";
    if (kind === "y") {
      var parts = cell.textContent.slice(1).split("/");
      return String(Number(parts[0]) / Number(parts[1]));
    }
    return String(kind in RANK ? RANK[kind] : 9);
  }
  nameInput.addEventListener("input", apply);
  statusSelect.addEventListener("change", apply);
  document.querySelectorAll("table.matrix th.sortable").forEach(function (header) {
    header.addEventListener("click", function () {
      var table = header.closest("table");
      var body = table.tBodies[0];
      var column = Number(header.getAttribute("data-col"));
      var ascending = !header.classList.contains("sorted-asc");
      table.querySelectorAll("th.sortable").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
      header.classList.add(ascending ? "sorted-asc" : "sorted-desc");
      var items = Array.prototype.slice.call(body.rows);
      items.sort(function (a, b) {
        var x = value(a.cells[column]), y = value(b.cells[column]);
        var nx = Number(x), ny = Number(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return ascending ? order : -order;
      });
      items.forEach(function (row) { body.appendChild(row); });
    });
  });
  function unfoldTarget() {  // a link to a folded unit opens it
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    var body = target ? target.querySelector("details.unit-body") : null;
    if (body) { body.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", unfoldTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  apply();
  unfoldTarget();
})();
