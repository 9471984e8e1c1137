// Live countdown beside the server's "Closes in …" sentence, in the final day only: the
// sentence already says "2 dagen en 3 uur", so a ticker beside it would say the same twice;
// on the last day the ticking hh:mm:ss adds what a sentence cannot.
(function () {
  var items = document.querySelectorAll("[data-closes-at]");
  if (!items.length) return;
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    items.forEach(function (el) {
      var left = Math.max(0, Math.floor((Date.parse(el.dataset.closesAt) - Date.now()) / 1000));
      var ticker = el.querySelector(".ticker");
      if (left >= 86400) {
        if (ticker) ticker.hidden = true;
        return;
      }
      if (!ticker) {
        ticker = document.createElement("span");
        ticker.className = "ticker";
        ticker.setAttribute("aria-hidden", "true");
        el.appendChild(document.createTextNode(" "));
        el.appendChild(ticker);
      }
      ticker.hidden = false;
      ticker.textContent = pad(Math.floor(left / 3600)) + ":" + pad(Math.floor(left / 60) % 60) + ":" + pad(left % 60);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
