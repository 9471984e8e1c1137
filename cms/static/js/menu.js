// The phone menu: at narrow widths the main menu folds behind the "Menu" button. Without
// this script the button stays hidden and the menu simply shows (nothing is out of reach).
(function () {
  var button = document.querySelector(".menu-toggle");
  var nav = document.getElementById("main-nav");
  if (!button || !nav) return;
  button.hidden = false;
  nav.classList.add("collapsible");
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("open", open);
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var group = document.querySelector(".nav-group details[open]");
    if (group) {
      group.open = false;
      group.querySelector("summary").focus();
    } else if (button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
  // One group open at a time; a click elsewhere closes it.
  var groups = nav.querySelectorAll(".nav-group details");
  groups.forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      groups.forEach(function (other) { if (other !== details) other.open = false; });
    });
  });
  document.addEventListener("click", function (event) {
    groups.forEach(function (details) { if (!details.contains(event.target)) details.open = false; });
  });
})();
