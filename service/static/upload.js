// Drag-and-drop upload: send the files, then follow the background job until done.
(function () {
  "use strict";
  var zone = document.getElementById("dropzone");
  if (!zone) { return; }
  var input = document.getElementById("file-input");
  var status = document.getElementById("upload-status");
  var bar = document.getElementById("progress");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;

  function say(text) { status.textContent = text; }

  function poll(url) {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (job) {
        bar.max = job.total || 1; bar.value = job.done || 0;
        say("Đã xử lý " + job.done + "/" + job.total + " tệp…");
        if (job.status === "done" || job.status === "done_with_errors" ||
            job.status === "failed") {
          say("Xong " + job.done + "/" + job.total + " tệp. Đang tải lại trang…");
          window.location.reload();
        } else if (job.error) {
          say(job.error.message);
        } else {
          setTimeout(function () { poll(url); }, 500);
        }
      })
      .catch(function () { say("Mất kết nối với máy chủ; hãy tải lại trang."); });
  }

  function send(files) {
    if (!files || !files.length) { return; }
    var data = new FormData();
    for (var i = 0; i < files.length; i++) { data.append("files", files[i]); }
    bar.hidden = false; bar.value = 0;
    say("Đang gửi " + files.length + " tệp…");
    fetch(zone.dataset.url, { method: "POST", body: data, credentials: "same-origin",
                              headers: { "X-CSRF-Token": csrf } })
      .then(function (r) { return r.json().then(function (body) { return [r, body]; }); })
      .then(function (pair) {
        var r = pair[0], body = pair[1];
        if (!r.ok) { say("Lỗi: " + (body.error ? body.error.message : r.status)); return; }
        poll(body.url);
      })
      .catch(function () { say("Không gửi được tệp; hãy thử lại."); });
  }

  zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (e) {
    e.preventDefault(); zone.classList.remove("over"); send(e.dataTransfer.files);
  });
  input.addEventListener("change", function () { send(input.files); });
}());
