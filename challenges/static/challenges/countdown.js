// Live countdown next to the server's "Closes in …": days and hh:mm:ss until closing, the
// days in the page's language with its plural ("2 dagen 03:04:05", "1 day 03:04:05").
(function () {
  var items = document.querySelectorAll("[data-closes-at]");
  if (!items.length) return;
  var lang = document.documentElement.lang || undefined;
  var dayFormat;
  try {
    dayFormat = new Intl.NumberFormat(lang, { style: "unit", unit: "day", unitDisplay: "long" });
  } catch (e) {
    dayFormat = { format: function (n) { return n + " d"; } };
  }
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
      ticker.textContent = (days ? dayFormat.format(days) + " " : "") +
        pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor(rest / 60) % 60) + ":" + pad(rest % 60);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
