// The caseworkers' keys and sealed requests, in the browser only (WebCrypto, no libraries).
//
// - Key set-up: an ECDH P-256 key pair is made here. The server gets the public key and the
//   private key wrapped twice with AES-GCM: under a key that PBKDF2-SHA256 (600,000 rounds,
//   random salt) derives from the passphrase, and under a random 256-bit recovery key that
//   is shown once to print. The passphrase and the recovery key never leave this page.
// - Unlocking keeps the private key in this page's memory only (no storage of any kind):
//   leaving or reloading the page locks it again.
// - A request's content key K is wrapped per caseworker key: ECDH with the ephemeral key,
//   HKDF-SHA256 (salt: the ephemeral public key, info "hhd help request v1"), AES-GCM.
//   K opens the request (AES-256-GCM) and encrypts and decrypts the internal notes.
// - Sharing with a colleague: K is opened here and wrapped again for the colleague's key.
(function () {
  "use strict";

  var subtle = window.crypto && window.crypto.subtle;
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var INFO = encoder.encode("hhd help request v1");
  var KEY_AAD = encoder.encode("hhd caseworker key v1");
  var ITERATIONS = 600000;
  var MIN_PASSPHRASE = 12;
  var CURVE = { name: "ECDH", namedCurve: "P-256" };
  // The reference codes' alphabet: no 0/O, 1/I/L. 52 characters carry 257 bits.
  var ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  var RECOVERY_LENGTH = 52;
  var BATCH = 200; // envelopes per request when sharing

  var texts = document.getElementById("caseworker-messages");
  function t(name) {
    return (texts && texts.dataset[name]) || "";
  }

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function fromBase64(text) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary);
  }

  function randomBytes(length) {
    return window.crypto.getRandomValues(new Uint8Array(length));
  }

  // --- Recovery key: 32 random bytes as 52 unambiguous characters in groups of four ---------

  function recoveryToText(bytes) {
    var number = 0n;
    bytes.forEach(function (byte) {
      number = (number << 8n) | BigInt(byte);
    });
    var characters = [];
    for (var i = 0; i < RECOVERY_LENGTH; i++) {
      characters.push(ALPHABET[Number(number % 31n)]);
      number = number / 31n;
    }
    var text = characters.reverse().join("");
    return text.match(/.{1,4}/g).join(" ");
  }

  function recoveryFromText(text) {
    var compact = text.toUpperCase().replace(/[^0-9A-Z]/g, "");
    if (compact.length !== RECOVERY_LENGTH) return null;
    var number = 0n;
    for (var i = 0; i < compact.length; i++) {
      var value = ALPHABET.indexOf(compact[i]);
      if (value < 0) return null;
      number = number * 31n + BigInt(value);
    }
    if (number >= 1n << 256n) return null;
    var bytes = new Uint8Array(32);
    for (var j = 31; j >= 0; j--) {
      bytes[j] = Number(number & 255n);
      number = number >> 8n;
    }
    return bytes;
  }

  // --- Primitives -------------------------------------------------------------------------

  function passphraseKey(passphrase, salt, iterations) {
    return subtle
      .importKey("raw", encoder.encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return subtle.deriveKey(
          { name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: iterations },
          base,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"]
        );
      });
  }

  function aesKey(bytes, usages) {
    return subtle.importKey("raw", bytes, { name: "AES-GCM" }, false, usages);
  }

  function keyEncryptionKey(shared, ephemeralPublic, usages) {
    return subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]).then(function (material) {
      return subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: ephemeralPublic, info: INFO },
        material,
        { name: "AES-GCM", length: 256 },
        false,
        usages
      );
    });
  }

  // The private key from its wrapped copy: {privateKey, pkcs8}. Rejects a wrong secret.
  async function unwrapPrivateKey(keyData, secret) {
    var wrappingKey, nonce, wrapped;
    if (secret.recovery) {
      var recovery = recoveryFromText(secret.recovery);
      if (!recovery) throw new Error("recovery key malformed");
      wrappingKey = await aesKey(recovery, ["decrypt"]);
      nonce = fromBase64(keyData.recovery_nonce);
      wrapped = fromBase64(keyData.recovery_wrapped_private_key);
    } else {
      wrappingKey = await passphraseKey(
        secret.passphrase,
        fromBase64(keyData.passphrase_salt),
        keyData.passphrase_iterations
      );
      nonce = fromBase64(keyData.passphrase_nonce);
      wrapped = fromBase64(keyData.wrapped_private_key);
    }
    var pkcs8 = await subtle.decrypt({ name: "AES-GCM", iv: nonce, additionalData: KEY_AAD }, wrappingKey, wrapped);
    var privateKey = await subtle.importKey("pkcs8", pkcs8, CURVE, false, ["deriveBits"]);
    return { privateKey: privateKey, pkcs8: pkcs8 };
  }

  async function wrapPrivateKey(pkcs8, passphrase) {
    var salt = randomBytes(16);
    var nonce = randomBytes(12);
    var key = await passphraseKey(passphrase, salt, ITERATIONS);
    var wrapped = await subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: KEY_AAD }, key, pkcs8);
    return {
      wrapped_private_key: toBase64(wrapped),
      passphrase_salt: toBase64(salt),
      passphrase_nonce: toBase64(nonce),
      passphrase_iterations: String(ITERATIONS),
    };
  }

  // The content key K of a request from the envelope for this caseworker's key.
  async function openEnvelope(privateKey, envelope) {
    var ephemeralPublic = fromBase64(envelope.ephemeral_public);
    var ephemeral = await subtle.importKey("raw", ephemeralPublic, CURVE, false, []);
    var shared = await subtle.deriveBits({ name: "ECDH", public: ephemeral }, privateKey, 256);
    var kek = await keyEncryptionKey(shared, ephemeralPublic, ["decrypt"]);
    var contentKey = await subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(envelope.nonce) },
      kek,
      fromBase64(envelope.wrapped_key)
    );
    return new Uint8Array(contentKey);
  }

  // K wrapped for a colleague's public key (SPKI, base64), with a fresh ephemeral key.
  async function sealFor(contentKey, publicKey) {
    var recipient = await subtle.importKey("spki", fromBase64(publicKey), CURVE, false, []);
    var ephemeral = await subtle.generateKey(CURVE, true, ["deriveBits"]);
    var ephemeralPublic = new Uint8Array(await subtle.exportKey("raw", ephemeral.publicKey));
    var shared = await subtle.deriveBits({ name: "ECDH", public: recipient }, ephemeral.privateKey, 256);
    var kek = await keyEncryptionKey(shared, ephemeralPublic, ["encrypt"]);
    var nonce = randomBytes(12);
    var wrapped = await subtle.encrypt({ name: "AES-GCM", iv: nonce }, kek, contentKey);
    return {
      ephemeral_public: toBase64(ephemeralPublic),
      nonce: toBase64(nonce),
      wrapped_key: toBase64(wrapped),
    };
  }

  async function decryptText(key, nonce, ciphertext, associatedData) {
    var plain = await subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(nonce), additionalData: encoder.encode(associatedData) },
      key,
      fromBase64(ciphertext)
    );
    return decoder.decode(plain);
  }

  async function encryptText(key, text, associatedData) {
    var nonce = randomBytes(12);
    var ciphertext = await subtle.encrypt(
      { name: "AES-GCM", iv: nonce, additionalData: encoder.encode(associatedData) },
      key,
      encoder.encode(text)
    );
    return { nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
  }

  // --- Page helpers -------------------------------------------------------------------------

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, body, json) {
    var headers = { Accept: "application/json" };
    if (json) {
      headers["Content-Type"] = "application/json";
      headers["X-CSRFToken"] = csrfToken();
      body = JSON.stringify(body);
    }
    return fetch(url, { method: "POST", body: body, headers: headers, credentials: "same-origin" }).then(
      function (response) {
        if (response.ok) return response.json();
        // A refusal carries the server's reasons ({"errors": {field: [{message}]}}) when it has any.
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (answer) {
            var error = new Error("HTTP " + response.status);
            error.reasons = Object.values(answer.errors || {})
              .flat()
              .map(function (reason) {
                return reason.message;
              });
            throw error;
          });
      }
    );
  }

  function reasonsOf(error) {
    return (error && error.reasons && error.reasons.join(" ")) || "";
  }

  function say(element, text) {
    if (element) element.textContent = text;
  }

  // The unlock form: calls onUnlocked({privateKey, pkcs8}) once the secret opens the key.
  function setUpUnlock(keyData, onUnlocked) {
    var form = document.getElementById("unlock-form");
    var status = document.getElementById("unlock-status");
    if (!form || !keyData) return;
    if (!subtle) {
      say(status, t("noCrypto"));
      return;
    }
    form.hidden = false;
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var passphrase = document.getElementById("unlock-passphrase");
      var recovery = document.getElementById("unlock-recovery");
      var secret =
        recovery && recovery.value.trim() ? { recovery: recovery.value } : { passphrase: passphrase.value };
      say(status, t("unlocking"));
      var unlocked;
      try {
        unlocked = await unwrapPrivateKey(keyData, secret);
      } catch {
        say(status, t("wrongSecret"));
        return;
      }
      passphrase.value = "";
      if (recovery) recovery.value = "";
      form.hidden = true;
      try {
        await onUnlocked(unlocked);
        say(status, t("unlocked"));
      } catch {
        say(status, t("cannotOpen"));
      }
    });
  }

  // --- The case page ------------------------------------------------------------------------

  function casePage() {
    var caseData = readJson("case-data");
    var keyData = readJson("caseworker-key");
    if (!caseData || !keyData || !caseData.envelope || !caseData.document) return;
    var contentKey = null;

    async function showNotes() {
      var notes = document.querySelectorAll("[data-note]");
      for (var i = 0; i < notes.length; i++) {
        var target = notes[i].querySelector("[data-note-text]");
        try {
          target.textContent = await decryptText(
            contentKey,
            notes[i].dataset.nonce,
            notes[i].dataset.ciphertext,
            "note:" + caseData.reference
          );
        } catch {
          target.textContent = t("cannotOpen");
        }
      }
      var noteForm = document.querySelector("[data-note-form]");
      if (noteForm) noteForm.hidden = false;
    }

    setUpUnlock(keyData, async function (unlocked) {
      var rawKey = await openEnvelope(unlocked.privateKey, caseData.envelope);
      contentKey = await aesKey(rawKey, ["encrypt", "decrypt"]);
      var documentText = await decryptText(
        contentKey,
        caseData.document.nonce,
        caseData.document.ciphertext,
        "request:" + caseData.reference
      );
      var fields = JSON.parse(documentText);
      var content = document.getElementById("case-content");
      content.querySelectorAll("[data-field]").forEach(function (element) {
        var name = element.dataset.field;
        var value = fields[name] || "";
        if (name === "contact_channel") value = caseData.channels[value] || value;
        element.textContent = value || t("notGiven");
      });
      content.hidden = false;
      await showNotes();
    });

    // With the key unlocked, actions are sent without leaving the page (which would lock it).
    document.addEventListener("submit", async function (event) {
      var form = event.target.closest("form[data-case-action]");
      if (!form || !contentKey) return;
      event.preventDefault();
      if (form.hasAttribute("data-note-form")) {
        var text = document.getElementById("note-text");
        if (!text.value.trim()) {
          say(form.querySelector("[data-action-status]"), t("noteEmpty"));
          return;
        }
        var sealed = await encryptText(contentKey, text.value, "note:" + caseData.reference);
        form.elements.nonce.value = sealed.nonce;
        form.elements.ciphertext.value = sealed.ciphertext;
      }
      // The message goes beside the button that was pressed (its panel is drawn again).
      var panel = form.closest("[id^='case-']");
      say(form.querySelector("[data-action-status]"), t("saving"));
      try {
        var answer = await post(form.action, new FormData(form), false);
        Object.keys(answer.panels).forEach(function (id) {
          document.getElementById(id).innerHTML = answer.panels[id];
        });
        await showNotes();
        say(panel.querySelector("[data-action-status]"), answer.message);
      } catch {
        say(form.querySelector("[data-action-status]"), t("failed"));
      }
    });
  }

  // --- The key page -------------------------------------------------------------------------

  function readNewPassphrase(first, second, statusElement) {
    var passphrase = document.getElementById(first).value;
    if (passphrase.length < MIN_PASSPHRASE) {
      say(statusElement, t("passphraseShort"));
      return null;
    }
    if (passphrase !== document.getElementById(second).value) {
      say(statusElement, t("passphraseMismatch"));
      return null;
    }
    return passphrase;
  }

  function formData(fields) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    Object.keys(fields).forEach(function (name) {
      data.append(name, fields[name]);
    });
    return data;
  }

  function showRecovery(recovery) {
    var section = document.getElementById("recovery");
    document.getElementById("recovery-key").textContent = recoveryToText(recovery);
    // Only the recovery key stays on the page until it has been written down.
    document.querySelectorAll("[data-key-page] .case-section").forEach(function (other) {
      other.hidden = other !== section;
    });
    section.hidden = false;
    document.getElementById("print-recovery").addEventListener("click", function () {
      window.print();
    });
    var confirm = document.getElementById("recovery-confirm");
    confirm.addEventListener("change", function () {
      document.getElementById("recovery-done").hidden = !confirm.checked;
    });
    section.querySelector("h2").focus();
  }

  function keyPage() {
    var keyData = readJson("caseworker-key");
    var keyForm = document.getElementById("key-form");
    if (keyForm) {
      var keyStatus = keyForm.querySelector(".key-form__status");
      if (!subtle) {
        say(keyStatus, t("noCrypto"));
        return;
      }
      keyForm.addEventListener("submit", async function (event) {
        event.preventDefault();
        var passphrase = readNewPassphrase("key-passphrase", "key-passphrase-again", keyStatus);
        if (!passphrase) return;
        say(keyStatus, t("creating"));
        try {
          var pair = await subtle.generateKey(CURVE, true, ["deriveBits"]);
          var spki = await subtle.exportKey("spki", pair.publicKey);
          var pkcs8 = await subtle.exportKey("pkcs8", pair.privateKey);
          var wrapped = await wrapPrivateKey(pkcs8, passphrase);
          var recovery = randomBytes(32);
          var recoveryNonce = randomBytes(12);
          var recoveryWrapped = await subtle.encrypt(
            { name: "AES-GCM", iv: recoveryNonce, additionalData: KEY_AAD },
            await aesKey(recovery, ["encrypt"]),
            pkcs8
          );
          wrapped.public_key = toBase64(spki);
          wrapped.recovery_wrapped_private_key = toBase64(recoveryWrapped);
          wrapped.recovery_nonce = toBase64(recoveryNonce);
          var data = formData(wrapped);
          // The form's named fields: the confirmation of a replacement (the passphrases have no name).
          new FormData(keyForm).forEach(function (value, name) {
            data.append(name, value);
          });
          await post(keyForm.dataset.url, data, false);
          document.getElementById("key-passphrase").value = "";
          document.getElementById("key-passphrase-again").value = "";
          say(keyStatus, t("created"));
          showRecovery(recovery);
        } catch (error) {
          say(keyStatus, reasonsOf(error) || t("failed"));
        }
      });
    }

    var passphraseForm = document.getElementById("passphrase-form");
    if (passphraseForm && keyData) {
      var unlockedKey = null;
      var passphraseStatus = passphraseForm.querySelector(".key-form__status");
      setUpUnlock(keyData, async function (unlocked) {
        unlockedKey = unlocked;
        passphraseForm.hidden = false;
      });
      passphraseForm.addEventListener("submit", async function (event) {
        event.preventDefault();
        if (!unlockedKey) return;
        var passphrase = readNewPassphrase("new-passphrase", "new-passphrase-again", passphraseStatus);
        if (!passphrase) return;
        say(passphraseStatus, t("saving"));
        try {
          var wrapped = await wrapPrivateKey(unlockedKey.pkcs8, passphrase);
          wrapped.public_key = keyData.public_key;
          await post(passphraseForm.dataset.url, formData(wrapped), false);
          document.getElementById("new-passphrase").value = "";
          document.getElementById("new-passphrase-again").value = "";
          say(passphraseStatus, t("changed"));
        } catch {
          say(passphraseStatus, t("failed"));
        }
      });
    }
  }

  // --- Sharing with a colleague -------------------------------------------------------------

  function sharePage() {
    var keyData = readJson("caseworker-key");
    var colleagues = readJson("share-data") || [];
    var privateKey = null;
    setUpUnlock(keyData, async function (unlocked) {
      privateKey = unlocked.privateKey;
      document.querySelectorAll("[data-share-key]").forEach(function (button) {
        button.disabled = false;
      });
    });
    document.querySelectorAll("[data-share-key]").forEach(function (button) {
      button.addEventListener("click", async function () {
        if (!privateKey) return;
        var keyId = Number(button.dataset.shareKey);
        var colleague = colleagues.find(function (item) {
          return item.key_id === keyId;
        });
        var status = document.querySelector('[data-share-status="' + keyId + '"]');
        button.disabled = true;
        say(status, t("sharing"));
        try {
          var envelopes = [];
          for (var i = 0; i < colleague.cases.length; i++) {
            var contentKey = await openEnvelope(privateKey, colleague.cases[i]);
            var envelope = await sealFor(contentKey, colleague.public_key);
            envelope.case = colleague.cases[i].case;
            envelopes.push(envelope);
          }
          var shared = 0;
          for (var start = 0; start < envelopes.length; start += BATCH) {
            var answer = await post(colleague.url, { envelopes: envelopes.slice(start, start + BATCH) }, true);
            shared += answer.shared;
          }
          say(status, t("shared") + " " + shared);
          document.querySelector('[data-share-count="' + keyId + '"]').textContent = "0";
        } catch {
          button.disabled = false;
          say(status, t("failed"));
        }
      });
    });
  }

  if (document.querySelector("[data-case-page]")) casePage();
  if (document.querySelector("[data-key-page]")) keyPage();
  if (document.querySelector("[data-share-page]")) sharePage();
})();
