// Live countdown next to the server's "Closes in …": days and hh:mm:ss until closing.
(function () {
  var items = document.querySelectorAll("[data-closes-at]");
  if (!items.length) return;
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    items.forEach(function (el) {
      var left = Math.max(0, Math.floor((Date.parse(el.dataset.closesAt) - Date.now()) / 1000));
      var ticker = el.querySelector(".ticker");
      if (!ticker) {
        ticker = document.createElement("span");
        ticker.className = "ticker";
        ticker.setAttribute("aria-hidden", "true");
        el.appendChild(document.createTextNode(" "));
        el.appendChild(ticker);
      }
      var days = Math.floor(left / 86400);
      var rest = left % 86400;
      ticker.textContent = (days ? days + " × 24h + " : "") +
        pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor(rest / 60) % 60) + ":" + pad(rest % 60);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
