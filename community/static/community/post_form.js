// The image picker of the reply and new-thread forms: more files than a post may carry are
// refused before the form is sent (the server checks again, with the same limit).
(function () {
  var inputs = document.querySelectorAll('input[type="file"][data-max]');
  Array.prototype.forEach.call(inputs, function (input) {
    input.addEventListener("change", function () {
      var max = parseInt(input.getAttribute("data-max"), 10);
      input.setCustomValidity(input.files.length > max ? input.getAttribute("data-too-many") : "");
      input.reportValidity();
    });
  });
})();
