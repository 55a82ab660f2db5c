// Passkeys page (staff/templates/staff/passkeys.html): once django-otp-webauthn's script has
// registered a passkey, send its name with the form that names passkeys, and show the list.
(function () {
  "use strict";
  document.addEventListener("otp_webauthn.register_complete", function (event) {
    var form = document.querySelector("[data-staff-passkey-new]");
    if (!form || !event.detail || !event.detail.id) {
      return;
    }
    form.querySelector("input[name='passkey']").value = event.detail.id;
    form.submit();
  });
})();
