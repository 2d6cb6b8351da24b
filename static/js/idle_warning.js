// Warning before the idle timeout (sykefravaer.signin.middleware.SessionLimitsMiddleware), on pages with a form
// that saves itself: typing keeps the session alive (the autosave's requests reach the server), and a while
// before the timeout a banner offers "Stay signed in", which makes one request to the server.
(function () {
  "use strict";
  var banner = document.querySelector("[data-idle-warning]");
  if (!banner || !document.querySelector("form[data-autosave-url]")) { return; }
  var timeout = parseInt(banner.getAttribute("data-timeout"), 10) * 1000;
  var warnBefore = parseInt(banner.getAttribute("data-warn-before"), 10) * 1000;
  var url = banner.getAttribute("data-keepalive-url");
  var timer = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function schedule() {
    banner.hidden = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { banner.hidden = false; }, Math.max(timeout - warnBefore, 1000));
  }

  banner.querySelector("[data-idle-stay]").addEventListener("click", function () {
    fetch(url, {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrfToken()}})
      .then(function (response) { if (response.ok) { schedule(); } else { window.location.reload(); } });
  });
  // Typing in the form is activity: the autosave sends it to the server within seconds.
  document.addEventListener("input", schedule);
  schedule();
}());
