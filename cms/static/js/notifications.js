// Keeps the unread badge in the header live over ws/notifications/; reconnects with backoff.
(function () {
  var badge = document.getElementById("unread-count");
  if (!badge || !window.WebSocket) return;
  var delay = 1000;
  // Level-ups, badges and promotions pop up as toasts wherever the member is.
  var TOASTS = ["level_reached", "badge_awarded", "role_promoted", "course_completed", "prize_won"];
  function toast(item) {
    var box = document.getElementById("toasts");
    if (!box) {
      box = document.createElement("div");
      box.id = "toasts";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    var link = document.createElement(item.url ? "a" : "div");
    link.className = "toast";
    link.textContent = item.title;
    if (item.url) link.href = item.url;
    box.appendChild(link);
    setTimeout(function () { link.remove(); }, 8000);
  }
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/notifications/");
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (typeof data.unread === "number") {
        badge.textContent = data.unread;
        badge.hidden = data.unread === 0;
      }
      if (data.latest && TOASTS.indexOf(data.latest.kind) !== -1) toast(data.latest);
    };
    socket.onclose = function (event) {
      if (event.code === 4401) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
