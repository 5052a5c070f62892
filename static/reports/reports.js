// Polls the PDF job of a report page while it is pending or running, then reloads.
(function () {
  "use strict";
  var box = document.getElementById("pdf-job");
  var status = document.getElementById("pdf-job-status");
  if (!box || !status) { return; }
  var url = box.getAttribute("data-status-url");
  function poll() {
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
      var job = data.pdf;
      if (!job) { return; }
      var bar = document.getElementById("pdf-job-bar");
      status.textContent = job.status_display;
      if (bar) { bar.value = job.progress; bar.textContent = job.progress + "%"; }
      if (job.status === "pending" || job.status === "running") { window.setTimeout(poll, 1500); }
      else { window.location.reload(); }
    });
  }
  if (box.querySelector("progress") && !box.querySelector("#pdf-job-error") && !box.querySelector("a[href$='.pdf']")) {
    window.setTimeout(poll, 1500);
  }
}());
