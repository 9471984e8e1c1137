// The calendar feed's address: one click selects all of it, ready to copy (no inline
// handler: the Content Security Policy runs scripts from static files only).
(function () {
  document.querySelectorAll("[data-select-on-click]").forEach(function (input) {
    input.addEventListener("click", function () { input.select(); });
  });
})();
