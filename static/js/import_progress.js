// The progress bar of a background employee import: asks the server every second, and shows the result when done.
(function () {
  const box = document.querySelector("[data-progress-url]");
  const script = document.getElementById("import-progress-script");
  if (!box || !script) return;
  const bar = box.querySelector("[data-progress-bar]");
  const text = box.querySelector("[data-progress-text]");
  const template = script.dataset.template;

  async function poll() {
    try {
      const reply = await fetch(box.dataset.progressUrl, {headers: {Accept: "application/json"}, cache: "no-store"});
      if (reply.ok) {
        const state = await reply.json();
        if (state.status !== "applying") {
          window.location.assign(box.dataset.doneUrl);
          return;
        }
        bar.max = Math.max(state.total, 1);
        bar.value = state.done;
        text.textContent = template.replace("%(done)s", state.done).replace("%(total)s", state.total);
      }
    } catch (error) {
      // The server may be restarting: ask again.
    }
    window.setTimeout(poll, 1000);
  }
  window.setTimeout(poll, 500);
})();
