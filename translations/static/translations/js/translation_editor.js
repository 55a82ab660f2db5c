// wagtail-localize's translation editor titles its texts "Türkmençe to Русский translation",
// English words that its catalogues cannot translate (they are not marked for translation).
// Show "Türkmençe → Русский" instead, the same in every admin language.
(() => {
  const editor = document.querySelector(".js-translation-editor");
  if (!(editor instanceof HTMLElement) || !editor.dataset.props) {
    return;
  }
  let props;
  try {
    props = JSON.parse(editor.dataset.props);
  } catch {
    return;
  }
  const source = props.sourceLocale?.displayName;
  const target = props.locale?.displayName;
  if (!source || !target) {
    return;
  }
  const untranslated = `${source} to ${target} translation`;
  const title = `${source} → ${target}`;

  const retitle = () => {
    for (const heading of editor.querySelectorAll("h3")) {
      if (heading.textContent === untranslated) {
        heading.textContent = title;
      }
    }
  };
  // The editor is drawn by React after this script runs, and again when tabs change.
  new MutationObserver(retitle).observe(editor, { childList: true, subtree: true });
  retitle();
})();
