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

  /* Narrower than 76.25em Material's nav is a drawer, opened by a <label> that Tab never
     reaches, while the drawer's links stay in the Tab order when it is closed and off screen.
     A real button takes the label's place, and guide.css hides the closed drawer (it asks
     for the class below, so without this script nothing is hidden). */
  var drawer = document.getElementById("__drawer");
  var opener = document.querySelector(".md-header label[for='__drawer']");
  if (drawer && opener) {
    var menu = document.createElement("button");
    menu.type = "button";
    menu.className = opener.className + " pe-menu-button";
    menu.setAttribute("aria-label", "Menu");
    menu.setAttribute("aria-expanded", "false");
    menu.setAttribute("aria-controls", "__drawer_nav");
    menu.innerHTML = opener.innerHTML;  // Material's icon
    opener.replaceWith(menu);
    var nav = document.querySelector(".md-sidebar--primary");
    if (nav) nav.id = "__drawer_nav";
    menu.addEventListener("click", function () { drawer.click(); });
    drawer.addEventListener("change", function () {
      menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        menu.focus();
      }
    });
    document.documentElement.classList.add("pe-drawer-button");
  }

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
