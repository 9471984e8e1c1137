// Live leaderboard: the server pushes the new top N at most about once a second per board.
// On (re)connect it sends the current state, so a dropped client simply resynchronises.
(function () {
  var table = document.querySelector("table.leaderboard[data-live='1']");
  if (!table || !window.WebSocket) return;
  var board = table.dataset.board;
  var body = table.querySelector("tbody");
  var delay = 1000;
  // Numbers as the page's language writes them (no grouping, as the server renders them).
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { useGrouping: false });
  function render(results) {
    var rows = document.createDocumentFragment();
    results.forEach(function (row) {
      var tr = document.createElement("tr");
      if (row.member.id !== null && String(row.member.id) === document.body.dataset.member) tr.className = "me";
      [row.rank, row.member.name, row.points].forEach(function (value, i) {
        var td = document.createElement("td");
        if (i !== 1) td.className = "num";
        td.textContent = typeof value === "number" ? numbers.format(value) : value;
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
    if (results.length) { body.replaceChildren(rows); }
  }
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/leaderboards/" + board + "/");
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "board.update") render(data.results);
    };
    socket.onclose = function (event) {
      if (event.code === 4401 || event.code === 4404) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
