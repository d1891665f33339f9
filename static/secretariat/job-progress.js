// A job's page (templates/admin/secretariat/job/job.html): asks the job's status every second and moves the progress
// bar; when the job finishes, reloads the page, which then shows the download link or the reason it failed.
(function () {
  "use strict";
  var page = document.querySelector("[data-status-url]");
  if (!page || page.dataset.finished === "1") {
    return;
  }
  var bar = page.querySelector("[data-job=progress]");
  var count = page.querySelector("[data-job=count]");
  var status = page.querySelector("[data-job=status]");
  var message = page.querySelector("[data-job=message]");

  function show(job) {
    if (job.total) {
      bar.max = job.total;
      bar.value = job.done;
      bar.textContent = job.percent + " %";
      count.textContent = job.done + " / " + job.total;
    }
    status.textContent = job.status_label;
    message.textContent = job.message;
  }

  function poll() {
    fetch(page.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 500);
})();
