// Polls a ledger import while it is queued or running, then reloads to show the outcome.
(function () {
  "use strict";
  var box = document.getElementById("ledger-job");
  if (!box) { return; }
  var state = box.getAttribute("data-status");
  if (state !== "queued" && state !== "running") { return; }
  var url = box.getAttribute("data-status-url");
  function poll() {
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (job) {
      var bar = document.getElementById("ledger-job-bar");
      document.getElementById("ledger-job-status").textContent = job.status_display;
      if (bar) { bar.max = job.total_rows || 1; bar.value = job.rows_done; }
      if (job.status === "queued" || job.status === "running") { window.setTimeout(poll, 1000); }
      else { window.location.reload(); }
    });
  }
  window.setTimeout(poll, 500);
}());
