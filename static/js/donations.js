// Progressive enhancement only. Without this file the reference code and the IBANs are plain
// text that can be selected and copied by hand, and a suggested amount is a link that reloads
// the form with the amount filled in.
(function () {
  // A suggested amount fills the form in place, without reloading the page.
  var list = document.querySelector("[data-suggested-amounts]");
  var amount = document.getElementById("id_amount");
  var currency = document.getElementById("id_currency");
  if (list && amount) {
    list.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-amount]");
      if (!link) return;
      event.preventDefault();
      amount.value = link.getAttribute("data-amount");
      if (currency) currency.value = link.getAttribute("data-currency");
      list.querySelectorAll("a[aria-current]").forEach(function (other) {
        other.removeAttribute("aria-current");
      });
      link.setAttribute("aria-current", "true");
      amount.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }
})();

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
