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
      document.documentElement.classList.add("pe-drawer-used");  // guide.css: closing now waits for the slide
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        menu.focus();
      }
    });
    document.documentElement.classList.add("pe-drawer-button");
    drawerLevels(document.querySelector(".md-nav--primary"));
  }

  /* Inside the drawer, Material shows one level at a time (the top, then "Sections", then a page's contents), each
     opened and closed by a <label> for a hidden checkbox: Tab reached neither the label that opens a level nor the
     back arrow and heading that close it, and it did reach the links of levels out of sight. Here each such label
     is a button to Tab to (Enter or Space), and every level but the one showing is inert while the nav is a drawer. */
  function drawerLevels(root) {
    if (!root || !window.matchMedia) return;
    var narrow = window.matchMedia("(max-width: 76.234375em)");  // Material's drawer breakpoint
    var toggles = root.querySelectorAll("input.md-nav__toggle");
    var labels = root.querySelectorAll("label.md-nav__link[for], nav.md-nav > label.md-nav__title[for]:not([for='__drawer'])");
    labels.forEach(function (label) {
      var toggle = document.getElementById(label.getAttribute("for"));
      if (!toggle || !root.contains(toggle)) return;
      label.addEventListener("keydown", function (event) {
        if (!narrow.matches || (event.key !== "Enter" && event.key !== " ")) return;
        event.preventDefault();
        event.stopPropagation();  // Material clicks a focused label on Enter too, which would undo this click
        var opening = !toggle.checked;
        label.click();
        // Focus follows: into the level just opened (its back arrow), or back to what opened the level just closed.
        var level = toggle.parentElement.querySelector(":scope > nav.md-nav");
        var target = opening ? level && level.querySelector(":scope > label.md-nav__title")
                             : toggle.parentElement.querySelector(":scope > label.md-nav__link");
        if (target) target.focus();
      });
    });
    function update() {
      root.querySelectorAll("[data-pe-inert]").forEach(function (element) {
        element.inert = false;
        element.removeAttribute("data-pe-inert");
      });
      // Buttons only in the drawer: wider, Material shows every level at once and the labels are headings.
      labels.forEach(function (label) {
        if (!narrow.matches) {
          ["tabindex", "role", "aria-expanded"].forEach(function (name) { label.removeAttribute(name); });
          return;
        }
        label.tabIndex = 0;
        label.setAttribute("role", "button");
        if (label.classList.contains("md-nav__link")) label.setAttribute("aria-expanded", String(document.getElementById(label.getAttribute("for")).checked));
      });
      if (!narrow.matches) return;
      function hide(element) {
        if (element.inert) return;
        element.inert = true;
        element.setAttribute("data-pe-inert", "");
      }
      // The level showing: the nav of the deepest open toggle, or the top.
      var current = root;
      toggles.forEach(function (toggle) {
        var level = toggle.parentElement.querySelector(":scope > nav.md-nav");
        if (toggle.checked && level && current.contains(level)) current = level;
      });
      for (var node = current; node !== root; node = node.parentElement) {
        Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
          if (sibling !== node) hide(sibling);
        });
      }
      current.querySelectorAll("input.md-nav__toggle:not(:checked) ~ nav.md-nav").forEach(hide);
    }
    // Focus moved into a level while it still slides in makes the browser scroll the drawer sideways, leaving the
    // level half out of sight for good; the drawer never scrolls sideways by design, so that scroll is undone.
    var wrap = root.closest(".md-sidebar__scrollwrap");
    if (wrap) wrap.addEventListener("scroll", function () { if (wrap.scrollLeft) wrap.scrollLeft = 0; });
    toggles.forEach(function (toggle) { toggle.addEventListener("change", update); });
    narrow.addEventListener("change", update);
    update();
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
