// Scans check-in QR codes with the phone camera (BarcodeDetector, no external library);
// browsers without it use the manual code form on the same page.
(function () {
  const root = document.getElementById("scanner");
  if (!root) return;
  const status = document.getElementById("scan-status");
  const video = document.getElementById("camera");
  const csrf = document.querySelector("#manual-code input[name=csrfmiddlewaretoken]").value;
  const seen = new Set();

  function say(text) { status.textContent = text; }

  async function checkIn(code) {
    const response = await fetch(root.dataset.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ registration: code }),
    });
    const data = await response.json().catch(() => ({}));
    say(response.ok ? "✓ " + data.member + (data.already_checked_in ? " (✓✓)" : "") : "✗ " + (data.detail || response.status));
  }

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { say(root.dataset.unsupported); return; }
  const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then((stream) => {
    video.srcObject = stream;
    video.hidden = false;
    video.play();
    const tick = async () => {
      try {
        const codes = await detector.detect(video);
        for (const code of codes) {
          const value = (code.rawValue || "").trim();
          if (value && !seen.has(value)) { seen.add(value); checkIn(value); }
        }
      } catch (e) { /* a frame that cannot be read: try the next one */ }
      setTimeout(tick, 400);
    };
    tick();
  }).catch(() => say(root.dataset.noCamera));
})();
