// The planning board: drag a card to another column to change its status (HTML5 drag and
// drop, through PATCH /api/v1/plan/items/{id}/). Without JavaScript, or on a phone, each
// card's own select and "Move" button do the same through a form.
(function () {
  "use strict";
  var board = document.querySelector("[data-testid=plan-board]");
  if (!board) return;
  var api = board.getAttribute("data-api");
  var live = document.getElementById("plan-status");
  var dragged = null;

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function say(text) {
    if (live) live.textContent = text;
  }

  function count(column) {
    var tag = column.querySelector("h2 .tag");
    if (tag) tag.textContent = column.querySelectorAll("[data-item]").length;
  }

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-item]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-item"));
  });

  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    board.querySelectorAll(".drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
  });

  board.querySelectorAll("[data-status]").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", function () { column.classList.remove("drop-target"); });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("drop-target");
      var card = dragged;
      if (!card) return;
      var from = card.closest("[data-status]");
      var status = column.getAttribute("data-status");
      if (from === column) return;
      fetch(api + card.getAttribute("data-item") + "/", {
        method: "PATCH",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), Accept: "application/json" },
        body: JSON.stringify({ status: status }),
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (!result.ok) {
          say(result.body.detail || "");
          window.alert(result.body.detail || "");
          return;
        }
        var list = column.querySelector(".plan-cards");
        var empty = list.querySelector(".plan-empty");
        if (empty) empty.remove();
        list.appendChild(card);
        var select = card.querySelector("select[name=status]");
        if (select) select.value = status;
        count(column);
        count(from);
        say(result.body.status_label || "");
      }).catch(function () { say(""); });
    });
  });
})();
