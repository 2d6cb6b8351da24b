// Small behaviours that would otherwise be inline script or style attributes, which the
// Content-Security-Policy forbids (script-src and style-src 'self'): the markup says what, this file does it.
(function () {
  "use strict";
  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }
  function percent(value) {
    var number = parseFloat(value);
    return isNaN(number) ? null : Math.max(0, Math.min(100, number)) + "%";
  }
  function apply() {
    // Positions on a bar, in percent of its width: data-width="42.50", data-left="12.00".
    each("[data-width]", function (el) { var p = percent(el.dataset.width); if (p) { el.style.width = p; } });
    each("[data-left]", function (el) { var p = percent(el.dataset.left); if (p) { el.style.left = p; } });
    // A read-only field whose whole text is selected on a click (an API key to copy).
    each("[data-select-on-click]", function (el) {
      el.addEventListener("click", function () { el.select(); });
    });
    // A switch that saves its form when changed (a button in <noscript> does it without script).
    each("[data-submit-on-change]", function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
