// The admin's autocomplete boxes (select2) put a search field in the page without a label,
// which screen readers announce as an unnamed edit box. Name each one after its field.
(function () {
  "use strict";
  function label(root) {
    root.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (field) {
      var container = field.closest(".select2-container");
      var select = container && container.previousElementSibling;
      var name = select && select.id ? document.querySelector("label[for='" + select.id + "']") : null;
      field.setAttribute("aria-label", "Search: " + (name ? name.textContent.replace(/:$/, "").trim() : "choose"));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    label(document);
    new MutationObserver(function () { label(document); }).observe(document.body, { childList: true, subtree: true });
  });
})();
