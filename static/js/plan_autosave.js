// Autosave of the follow-up plan draft: the form posts itself in the background a few
// seconds after typing stops, and when a field loses focus. The status line says when
// it was last saved. Without JavaScript the Save button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form) { return; }
  var status = form.querySelector("[data-autosave-status]");
  var revision = form.querySelector("input[name=revision]");
  var url = form.getAttribute("data-autosave-url");
  var DELAY_MS = 3000;
  var timer = null;
  var dirty = false;
  var inFlight = null;

  function say(text, state) {
    if (!status) { return; }
    status.textContent = text;
    status.setAttribute("data-state", state);
    status.classList.toggle("text-danger", state === "error");
    status.classList.toggle("text-body-secondary", state !== "error");
  }

  function clearErrors() {
    form.querySelectorAll(".is-invalid[data-autosave-error]").forEach(function (el) {
      el.classList.remove("is-invalid");
      el.removeAttribute("data-autosave-error");
    });
  }

  function markErrors(errors) {
    Object.keys(errors || {}).forEach(function (name) {
      var field = form.querySelector("[name=" + CSS.escape(name) + "]");
      if (field) {
        field.classList.add("is-invalid");
        field.setAttribute("data-autosave-error", "");
      }
    });
  }

  function save() {
    timer = null;
    if (!dirty) { return Promise.resolve(); }
    if (inFlight) { return inFlight.then(save); }
    dirty = false;
    say(form.getAttribute("data-msg-saving"), "saving");
    inFlight = fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      clearErrors();
      if (result.ok && result.data.saved) {
        if (revision) { revision.value = result.data.revision; }
        say(result.data.message, "saved");
      } else {
        markErrors(result.data.errors);
        say(result.data.message, "error");
      }
    }).catch(function () {
      dirty = true;
      say(form.getAttribute("data-msg-failed"), "error");
    }).finally(function () {
      inFlight = null;
    });
    return inFlight;
  }

  function changed() {
    dirty = true;
    say(form.getAttribute("data-msg-unsaved"), "dirty");
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, DELAY_MS);
  }

  // A field that only matters when a box is ticked (or not ticked) is shown only then;
  // without JavaScript every field is shown.
  function toggleDependents() {
    form.querySelectorAll("[data-shown-by], [data-hidden-by]").forEach(function (wrapper) {
      var shownBy = wrapper.getAttribute("data-shown-by");
      var box = document.getElementById(shownBy || wrapper.getAttribute("data-hidden-by"));
      if (box) { wrapper.hidden = shownBy ? !box.checked : box.checked; }
    });
  }
  toggleDependents();
  form.addEventListener("change", toggleDependents);

  form.addEventListener("input", changed);
  form.addEventListener("change", function () { dirty = true; save(); });
  form.addEventListener("focusout", function () { if (dirty) { save(); } });
  form.addEventListener("submit", function (event) {
    if (timer) { clearTimeout(timer); }
    dirty = false;
    // A save started by leaving the last field must finish first, or the two would collide.
    if (inFlight) {
      event.preventDefault();
      inFlight.then(function () { form.submit(); });
    }
  });
  // Leaving the page with unsaved text: send it on the way out.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && dirty && navigator.sendBeacon) {
      dirty = false;
      navigator.sendBeacon(url, new FormData(form));
    }
  });
}());
