// Batch upload: send the files (with the sending progress), then follow the background
// job file by file. The job's address is kept in localStorage, so a reload of the page
// picks the progress up again instead of losing it.
(function () {
  "use strict";
  var zone = document.getElementById("dropzone");
  if (!zone) { return; }
  var input = document.getElementById("file-input");
  var status = document.getElementById("upload-status");
  var list = document.getElementById("upload-files");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var key = "cchc-upload-" + zone.dataset.round;

  function say(text) { status.textContent = text; }
  function save(state) { try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ } }
  function load() { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } }
  function forget() { try { localStorage.removeItem(key); } catch (e) { /* private mode */ } }

  // A file refused on arrival (state.refused, by position) gets its own refusal; the
  // others follow their job item, found by its position among the accepted (seq),
  // since items finish in any order.
  function draw(state, job) {
    var names = state.names, refused = state.refused || {}, k = -1, running = false;
    var byseq = {};
    ((job && job.results) || []).forEach(function (r) { byseq[r.seq] = r; });
    list.textContent = "";
    names.forEach(function (name, i) {
      var li = document.createElement("li");
      var bar = document.createElement("progress");
      bar.max = 1;
      var text = document.createElement("span");
      if (refused[i] !== undefined) {
        bar.value = 1;
        li.className = "failed";
        text.textContent = "bị từ chối: " + refused[i];
      } else {
        k += 1;
        var result = byseq[k];
        if (result) {
          bar.value = 1;
          li.className = result.ok ? "ok" : "failed";
          text.textContent = result.ok ? (result.status === "held" ? "chờ chọn đơn vị — " + result.reason
            : result.unit_reason ? "đã trích xuất — chưa khớp đơn vị trong lịch, cần chọn"
            : "đã trích xuất" + (result.unit ? " — " + result.unit : ""))
            : "lỗi: " + (result.error ? result.error.message : "không xử lý được");
        } else if (job && !running && job.status !== "queued") {
          running = true;
          bar.removeAttribute("value");  // indeterminate while the file is being read
          text.textContent = "đang trích xuất…";
        } else {
          bar.value = 0;
          text.textContent = job ? "đang chờ" : "đang gửi";
        }
      }
      bar.setAttribute("aria-label", name);
      li.appendChild(document.createTextNode(name + " "));
      li.appendChild(bar);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(text);
      list.appendChild(li);
    });
  }

  function refusedNote(state) {
    var n = Object.keys(state.refused || {}).length;
    return n ? "; " + n + " tệp bị từ chối" : "";
  }

  function finished(job) {
    return job.status === "done" || job.status === "done_with_errors" || job.status === "failed";
  }

  function poll(state) {
    fetch(state.url, { credentials: "same-origin" })
      .then(function (r) {
        if (r.status === 404) { forget(); say("Không còn thông tin về lần tải lên trước."); return null; }
        return r.json();
      })
      .then(function (job) {
        if (!job) { return; }
        draw(state, job);
        say("Đã xử lý " + job.done + "/" + job.total + " tệp" + refusedNote(state) + ".");
        if (finished(job)) {
          save({ url: state.url, names: state.names, refused: state.refused, shown: true });
          say("Xong " + job.done + "/" + job.total + " tệp. Đang tải lại danh sách…");
          window.location.reload();
        } else {
          setTimeout(function () { poll(state); }, 700);
        }
      })
      .catch(function () {
        say("Mất kết nối với máy chủ; tiến độ sẽ hiện lại khi tải lại trang.");
      });
  }

  function send(files) {
    if (!files || !files.length) { return; }
    var data = new FormData();
    var names = [];
    for (var i = 0; i < files.length; i++) { data.append("files", files[i]); names.push(files[i].name); }
    draw({ names: names }, null);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", zone.dataset.url);
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { say("Đang gửi " + names.length + " tệp: " + Math.round(100 * e.loaded / e.total) + "%"); }
    };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status >= 300) { say("Lỗi: " + (body.error ? body.error.message : xhr.status)); return; }
      var refused = {};
      (body.refused || []).forEach(function (r) { refused[r.index] = r.error ? r.error.message : "không nhận tệp"; });
      var state = { url: body.url, names: names, refused: refused };
      save(state);
      poll(state);
    };
    xhr.onerror = function () { say("Không gửi được tệp; hãy thử lại."); };
    say("Đang gửi " + names.length + " tệp…");
    xhr.send(data);
  }

  var previous = load();
  if (previous && previous.shown) {
    fetch(previous.url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) { if (job) { draw(previous, job); say("Lần tải lên trước: xong " + job.done + "/" + job.total + " tệp" + refusedNote(previous) + "."); } });
    forget();
  } else if (previous && previous.url) {
    say("Đang theo dõi lần tải lên trước…");
    poll(previous);
  }

  zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (e) {
    e.preventDefault(); zone.classList.remove("over"); send(e.dataTransfer.files);
  });
  input.addEventListener("change", function () { send(input.files); input.value = ""; });
}());
