// Stacked tables on phones (.table-stack in css/app.css): give every cell without a
// data-label the text of its column header, so the card reads "Status: Overdue".
(function () {
  "use strict";
  document.querySelectorAll("table.table-stack").forEach(function (table) {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.replace(/\s+/g, " ").trim();
    });
    table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (!cell.hasAttribute("data-label") && headers[column] && !cell.hasAttribute("colspan")) {
          cell.setAttribute("data-label", headers[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  });
})();
