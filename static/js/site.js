// Progressive enhancement only: every page works without this file.
// A refused form: the answer's address ends in #form-errors, so the browser has scrolled to
// the message already; move the focus there too, so that it is read out and Tab goes on from it.
(function () {
  var summary = document.getElementById("form-errors");
  if (summary) summary.focus();
})();

// Click-to-load video: nothing from YouTube loads until the visitor clicks.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-video-src]");
  if (!link) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = link.getAttribute("data-video-src");
  frame.title = link.closest("figure").querySelector("figcaption").textContent;
  frame.allow = "autoplay; encrypted-media; picture-in-picture";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "no-referrer";
  link.replaceWith(frame);
});

// Copy link: without JavaScript the link is simply the page's address.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    link.textContent = link.getAttribute("data-copied");
  });
});

// The main menu is open on wide screens. Browsers without CSS ::details-content would keep it
// folded there; open it for them (phones keep the "Menu" button).
(function () {
  var fold = document.querySelector("[data-main-menu]");
  if (!fold || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 48rem)");
  function follow() {
    if (wide.matches) fold.open = true;
  }
  follow();
  if (wide.addEventListener) wide.addEventListener("change", follow);
})();

// Reading counts (readership/): one same-origin beacon per page view, holding nothing; the
// address names only the page and its language. A page being prerendered is counted only
// once the visitor actually opens it. Without JavaScript the <noscript> image counts instead.
(function () {
  var url = document.body && document.body.getAttribute("data-count-url");
  if (!url || !navigator.sendBeacon) return;
  function send() {
    navigator.sendBeacon(url);
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
