// Reads a badge's QR code with the browser's own BarcodeDetector (no outside script); hidden where unsupported.
(function () {
  "use strict";
  var button = document.getElementById("checkin-camera");
  var video = document.getElementById("checkin-video");
  var input = document.getElementById("checkin-token");
  var form = document.getElementById("checkin-lookup");
  if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.style.display = "block";
        return video.play().then(function () {
          function scan() {
            detector
              .detect(video)
              .then(function (codes) {
                if (codes.length) {
                  stream.getTracks().forEach(function (track) { track.stop(); });
                  input.value = codes[0].rawValue;
                  var lookup = document.createElement("input");
                  lookup.type = "hidden";
                  lookup.name = "lookup";
                  lookup.value = "1";
                  form.appendChild(lookup);
                  form.submit();
                } else {
                  window.requestAnimationFrame(scan);
                }
              })
              .catch(function () { window.requestAnimationFrame(scan); });
          }
          scan();
        });
      })
      .catch(function (error) {
        button.textContent = error.message;
      });
  });
})();
