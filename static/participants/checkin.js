// The check-in desk on any phone (secretariat/checkin.py). A typed short code, a scanned QR code or a tap on a
// person found by name is sent to the desk's JSON address; without a network the check-in waits in this browser's
// localStorage, with the time it was scanned, and is sent again every 15 seconds and when the network comes back.
// The camera is read with the browser's BarcodeDetector, or else with jsQR (static/vendor/jsqr/), loaded on demand.
(function () {
  "use strict";
  var root = document.getElementById("checkin");
  var form = document.getElementById("checkin-form");
  if (!root || !form) {
    return;
  }
  var input = document.getElementById("checkin-token");
  var statusLine = document.getElementById("checkin-status");
  var pendingLine = document.getElementById("checkin-pending");
  var countsLine = document.getElementById("checkin-counts");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var queueKey = "convene-checkin-queue-" + root.dataset.meeting;
  var sending = false;

  // Same rule as secretariat/checkin.py: a signed token has a colon; a short code has eight characters of
  // Crockford's base 32 (O, I and L read as 0, 1, 1; hyphens and spaces ignored) whose last is the check character
  // of the seven before it (Damm's algorithm over GF(32), participants/services.py): the whole code's interim value is
  // zero. Anything else is a name or a badge number.
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  function normaliseCode(text) {
    var code = text.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
    return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(code) ? code : null;
  }

  function timesTwo(value) {
    var doubled = value << 1;
    return doubled & 32 ? doubled ^ 37 : doubled;
  }

  function interim(code) {
    var value = 0;
    for (var position = 0; position < code.length; position += 1) {
      value = timesTwo(value) ^ ALPHABET.indexOf(code.charAt(position));
    }
    return value;
  }

  function isBadgeCode(text) {
    if (text.indexOf(":") >= 0) {
      return true;
    }
    var code = normaliseCode(text);
    return code !== null && interim(code) === 0;
  }

  function show(level, message) {
    statusLine.className = "checkin-status " + level;
    statusLine.textContent = message;
  }

  function readQueue() {
    try {
      return JSON.parse(window.localStorage.getItem(queueKey) || "[]");
    } catch (error) {
      return [];
    }
  }

  function writeQueue(queue) {
    window.localStorage.setItem(queueKey, JSON.stringify(queue));
    pendingLine.hidden = queue.length === 0;
    pendingLine.textContent = root.dataset.pending.replace("{n}", String(queue.length));
  }

  function showCounts(counts) {
    if (counts && countsLine) {
      countsLine.textContent = root.dataset.counts
        .replace("{attended}", counts.attended)
        .replace("{accredited}", counts.accredited);
    }
  }

  // Resolves with the desk's answer (ok or refused); rejects only when the answer never came (no network, server
  // down, session expired), in which case the check-in is worth sending again.
  function send(item) {
    var body = new FormData();
    body.append("token", item.token);
    body.append("scanned_at", item.scanned_at);
    return window
      .fetch(root.dataset.jsonUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if ((response.ok || response.status === 422) && type.indexOf("application/json") === 0) {
          return response.json();
        }
        throw new Error(String(response.status));
      });
  }

  function report(answer) {
    show(answer.ok ? answer.level : "error", answer.message);
    showCounts(answer.counts);
  }

  function flush() {
    var queue = readQueue();
    if (sending || !queue.length) {
      return;
    }
    sending = true;
    send(queue[0])
      .then(function (answer) {
        writeQueue(readQueue().slice(1));
        report(answer);
        sending = false;
        flush();
      })
      .catch(function () {
        sending = false;
      });
  }

  function checkIn(token) {
    var item = { token: token, scanned_at: new Date().toISOString() };
    return send(item)
      .then(function (answer) {
        report(answer);
        return answer;
      })
      .catch(function () {
        var queue = readQueue();
        queue.push(item);
        writeQueue(queue);
        show("warning", root.dataset.queued);
        return { ok: true, queued: true };
      });
  }

  form.addEventListener("submit", function (event) {
    var text = input.value.trim();
    if (!isBadgeCode(text) || form.dataset.lookUp === text) {
      return; // a name or a badge number: the page looks it up
    }
    event.preventDefault();
    input.value = "";
    checkIn(text).then(function (answer) {
      // Eight letters that pass the check yet are no badge's code may be a name: look it up instead.
      if (answer.refused === "unknown_code" && !/[0-9]/.test(text)) {
        input.value = text;
        form.dataset.lookUp = text;
        form.requestSubmit(form.querySelector("[name=check_in]"));
      }
    });
    input.focus();
  });

  Array.prototype.forEach.call(document.querySelectorAll(".checkin-one-tap"), function (oneTap) {
    oneTap.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = oneTap.querySelector("button");
      button.disabled = true;
      checkIn(oneTap.querySelector("[name=token]").value).then(function (answer) {
        if (answer.ok) {
          button.textContent = "✓ " + root.dataset.done;
        } else {
          button.disabled = false;
        }
      });
    });
  });

  writeQueue(readQueue());
  flush();
  window.addEventListener("online", flush);
  window.setInterval(flush, 15000);

  // The camera ------------------------------------------------------------------------------------------------
  var button = document.getElementById("checkin-camera");
  var video = document.getElementById("checkin-video");
  if (!button || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  button.hidden = false;

  function loadDecoder() {
    if ("BarcodeDetector" in window) {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      return Promise.resolve(function (source) {
        return detector.detect(source).then(function (codes) {
          return codes.length ? codes[0].rawValue : null;
        });
      });
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root.dataset.jsqr;
      script.onload = function () {
        var canvas = document.createElement("canvas");
        var context = canvas.getContext("2d", { willReadFrequently: true });
        resolve(function (source) {
          canvas.width = source.videoWidth;
          canvas.height = source.videoHeight;
          if (!canvas.width) {
            return Promise.resolve(null);
          }
          context.drawImage(source, 0, 0);
          var image = context.getImageData(0, 0, canvas.width, canvas.height);
          var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
          return Promise.resolve(code ? code.data : null);
        });
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  button.addEventListener("click", function () {
    var lastCode = "";
    var lastAt = 0;
    Promise.all([loadDecoder(), navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })])
      .then(function (ready) {
        var decode = ready[0];
        video.srcObject = ready[1];
        video.style.display = "block";
        button.hidden = true;
        return video.play().then(function () {
          function scan() {
            decode(video)
              .then(function (code) {
                // The same badge held in front of the camera is checked in once, not at every frame.
                if (code && (code !== lastCode || Date.now() - lastAt > 5000)) {
                  lastCode = code;
                  lastAt = Date.now();
                  checkIn(code);
                }
                window.setTimeout(scan, 200);
              })
              .catch(function () {
                window.setTimeout(scan, 500);
              });
          }
          scan();
        });
      })
      .catch(function () {
        show("error", root.dataset.noCamera);
      });
  });
})();
