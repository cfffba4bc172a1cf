/* Repairs to markup that Material for MkDocs makes in the browser. Loaded before Material's
   own script, so its toggles start closed and its search results are watched from the start. */
(function () {
  "use strict";

  /* The drawer and search toggles are checkboxes that Firefox would restore open after a
     reload; Material stops that with autocomplete="off", which HTML does not allow on a
     checkbox, so the build drops it and this closes them instead. */
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) toggle.checked = false;
  });

  /* Each search result lists its tags in a <nav>: a landmark with no name, repeated once per
     result. The tags are not links, so they are no navigation: role none keeps them as text. */
  var results = document.querySelector("[data-md-component=search-result]");
  if (!results || !window.MutationObserver) return;
  new MutationObserver(function () {
    results.querySelectorAll("nav.md-tags:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }).observe(results, { childList: true, subtree: true });
})();
