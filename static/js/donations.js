// Progressive enhancement only: without this file the reference code and the IBANs are
// plain text that can be selected and copied by hand. Loaded on the thank-you page only.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy-value]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy-value")).then(function () {
        button.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
