// After a failed submit: move focus to the error summary (includes/error_summary.html),
// and let each of its links put the cursor in the field it names.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  document.querySelectorAll("[autofocus]").forEach(function (element) { element.removeAttribute("autofocus"); });
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-field]");
    var field = link && document.getElementById(link.getAttribute("data-field"));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
})();
