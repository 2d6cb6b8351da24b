// The self-certification form: ask the server what the rules allow as the dates change,
// and show the answer in the user's language. Without JavaScript the server answers on submit.
(function () {
  "use strict";

  var form = document.querySelector("form[data-assess-url]");
  if (!form) {
    return;
  }
  var start = form.querySelector("#id_start");
  var end = form.querySelector("#id_end");
  var box = document.getElementById("decision");
  var choice = document.getElementById("only-allowed");
  var choiceInput = document.getElementById("id_only_allowed_days");
  var choiceLabel = choice ? choice.querySelector("label") : null;
  var STATES = {
    ok: ["alert-success", "bi-check-circle"],
    capped: ["alert-warning", "bi-exclamation-triangle"],
    refused: ["alert-danger", "bi-x-circle"],
    invalid: ["alert-secondary", "bi-info-circle"]
  };
  var timer = null;
  var asked = 0;

  function part(name) {
    return box.querySelector('[data-field="' + name + '"]');
  }

  function showChoice(status, label) {
    if (!choice) {
      return;
    }
    choice.hidden = status !== "capped";
    if (status !== "capped" && choiceInput) {
      choiceInput.checked = false;
    }
    if (status === "capped" && choiceLabel && label) {
      choiceLabel.textContent = label;
    }
  }

  function show(status, data) {
    var state = STATES[status] || STATES.invalid;
    Object.keys(STATES).forEach(function (key) {
      box.classList.remove(STATES[key][0]);
    });
    box.classList.add(state[0]);
    box.dataset.status = status;
    box.dataset.reason = data.reason || data.code || "";
    part("icon").className = "bi " + state[1];
    part("headline").textContent = data.headline || data.detail || "";
    part("explanation").textContent = data.explanation || "";
    part("advice").textContent = data.advice || "";
    if (data.legal_basis) {
      part("legal").textContent = data.legal_basis;
    }
    showChoice(status, data.choice_label);
  }

  function ask() {
    if (!start.value || !end.value) {
      return;
    }
    var mine = ++asked;
    var query = new URLSearchParams({start: start.value, end: end.value});
    if (form.dataset.exclude) {
      query.set("exclude", form.dataset.exclude);
    }
    box.setAttribute("aria-busy", "true");
    fetch(form.dataset.assessUrl + "?" + query.toString(), {
      headers: {Accept: "application/json"},
      credentials: "same-origin"
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return {ok: response.ok, data: data};
        });
      })
      .then(function (result) {
        if (mine === asked) {  // an older answer must not overwrite a newer one
          show(result.ok ? result.data.status : "invalid", result.data);
        }
      })
      .catch(function () { /* keep the last answer; the server checks again on submit */ })
      .finally(function () {
        box.removeAttribute("aria-busy");
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 250);
  }

  start.addEventListener("change", function () {
    // A one-day absence is the usual case: keep the last day from falling before the first.
    if (start.value && (!end.value || end.value < start.value)) {
      end.value = start.value;
    }
    later();
  });
  end.addEventListener("change", later);
  end.addEventListener("input", later);
  showChoice(box.dataset.status);
})();
