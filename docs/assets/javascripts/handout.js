/* Handouts: an "Add to handout" button on each card of the browse page and of section pages,
   on each example of a section pack and on each example page, a tray that counts the chosen
   examples and opens the handout, and the handout page itself (/handout/?ids=a,b,c&title=...,
   or in short /handout/?h=<codes>&t=...), which shows each example in full, in the order given,
   to reorder, remove (with undo) and print in full or compact. The choice is kept in this
   browser only (localStorage, under a key naming this guide's published address); the handout's
   own address carries it, so it can be shared, and its short form is printed with a QR code.

   Each example's data is a script, examples/<id>/handout.js, calling peHandout.register: a
   page opened from a folder (the offline copy) may load scripts but not fetch files. Text is
   inserted as text; the only HTML inserted is each example's own page content, made and sanitised at build time. */
(function () {
  "use strict";

  var script = document.currentScript;
  var handoutPage = script.getAttribute("data-handout");
  // Every page opened from a folder shares one storage: the key names this guide, by its published
  // address, so another guide or page there neither reads nor overwrites this one's choice by accident.
  var KEY = "pe-handout " + script.getAttribute("data-site");
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;  // an example id, as the schema allows it
  var CODE = /^[0-9a-hjkmnp-tv-z]{4}$/;  // an example's code in a short address (macros/base/ids.py)
  var TITLE_LENGTH = 80;  // a trainer's title, kept short so the short address fits a printed line
  var SHOWN_LENGTH = 40;  // an unknown id or code is named only this far

  function isId(value) { return typeof value === "string" && ID.test(value); }

  function chosen() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(isId) : [];
    } catch (error) {
      return [];
    }
  }

  function keep(ids) {
    try { window.localStorage.setItem(KEY, JSON.stringify(ids)); } catch (error) { /* private mode: the tray still counts this page */ }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var node = element("a", null, text);
    node.href = href;
    return node;
  }

  function plural(count) { return count + (count === 1 ? " example" : " examples"); }

  /* ---- Choosing examples: buttons and the tray ---- */

  var status = element("p", "pe-visually-hidden");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  function announce(message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  var controls = [];  // {id, title, button}
  var tray = null;

  function titleOf(holder) {
    var heading = (holder.closest(".pe-pack-example") || holder).querySelector("h3") || document.querySelector("article h1");
    return heading ? heading.textContent.replace(/\s+/g, " ").trim() : holder.getAttribute("data-example-id");
  }

  function addControl(holder, place) {
    var id = holder.getAttribute("data-example-id");
    if (!isId(id)) return;
    var button = element("button", "pe-handout-add");
    button.type = "button";
    var control = {id: id, title: titleOf(holder), button: button};
    button.addEventListener("click", function () {
      var ids = chosen();
      var at = ids.indexOf(id);
      if (at === -1) ids.push(id); else ids.splice(at, 1);
      keep(ids);
      refresh();
      announce((at === -1 ? "Added “" + control.title + "” to the handout: " : "Removed “" + control.title + "” from the handout: ") +
        plural(ids.length) + " chosen.");
    });
    controls.push(control);
    place.appendChild(document.createTextNode(" "));
    place.appendChild(button);
    holder.hidden = false;
  }

  function makeTray() {
    var box = element("aside", "pe-handout-tray pe-screen-only");
    box.setAttribute("aria-label", "Handout");
    var count = element("span", "pe-handout-tray__count");
    var open = link(handoutPage, "Open the handout");
    open.className = "md-button md-button--primary pe-handout-tray__open";
    // Clear sits at the far end of the row from Open, never under it, and can be undone.
    var clear = element("button", "md-button pe-handout-tray__clear", "Clear");
    clear.appendChild(element("span", "pe-visually-hidden", " the handout"));
    clear.type = "button";
    var undo = element("button", "md-button pe-handout-tray__undo", "Undo");
    undo.appendChild(element("span", "pe-visually-hidden", ": put back the examples just cleared"));
    undo.type = "button";
    var cleared = null;  // the list as it was before Clear, until Undo or another choice
    clear.addEventListener("click", function () {
      cleared = chosen();
      keep([]);
      refresh();
      undo.focus();
      announce("The handout is empty. Undo puts back " + plural(cleared.length) + ".");
    });
    undo.addEventListener("click", function () {
      if (!cleared) return;
      keep(cleared);
      announce("Put back " + plural(cleared.length) + ": " + plural(cleared.length) + " chosen.");
      cleared = null;
      refresh();
      open.focus();
    });
    var line = element("p");
    var buttons = element("span", "pe-handout-tray__buttons");
    buttons.append(open, clear, undo);
    line.append(count, buttons);
    box.appendChild(line);
    return {box: box, count: count, open: open, clear: clear, undo: undo, hasUndo: function () {
      if (cleared && chosen().length) cleared = null;  // a new choice ends the chance to undo
      return Boolean(cleared);
    }};
  }

  function refresh() {
    var ids = chosen();
    controls.forEach(function (control) {
      var added = ids.indexOf(control.id) !== -1;
      control.button.textContent = "";
      control.button.append(added ? "Remove from handout" : "Add to handout",
        element("span", "pe-visually-hidden", ": " + control.title));
      control.button.classList.toggle("pe-handout-add--added", added);
    });
    if (!tray) return;
    var canUndo = tray.hasUndo();
    tray.box.hidden = !ids.length && !tray.alwaysShown && !canUndo;  // other pages show it once something is chosen
    tray.count.textContent = ids.length
      ? "Handout: " + plural(ids.length) + " chosen."
      : canUndo ? "Handout cleared." : "Handout: none chosen yet. Use “Add to handout” to choose examples to print together.";
    tray.open.hidden = !ids.length;
    tray.clear.hidden = !ids.length;
    tray.undo.hidden = !canUndo;
    tray.open.href = handoutPage + "?ids=" + ids.join(",");
  }

  function setUpChoosing() {
    var choosable = ".pe-browse .pe-card[data-example-id], .pe-cards--choosable > .pe-card[data-example-id]";
    Array.prototype.forEach.call(document.querySelectorAll(choosable), function (card) {
      addControl(card, card);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".pe-page-actions[data-example-id], .pe-handout-choice[data-example-id]"), function (row) {
      addControl(row, row);
    });
    if (!controls.length) return;
    tray = makeTray();
    // Under the example page's own buttons; elsewhere, under the page's title.
    var actions = document.querySelector(".pe-page-actions[data-example-id]");
    var article = document.querySelector("article.md-content__inner");
    var heading = article.querySelector("h1");
    var place = document.querySelector("[data-handout-tray]");  // kept for it by the page, so nothing moves
    if (place) place.replaceWith(tray.box);
    else if (actions) actions.after(tray.box); else if (heading) heading.after(tray.box); else article.prepend(tray.box);
    tray.alwaysShown = Boolean(document.querySelector(".pe-browse"));
    document.body.appendChild(status);
    refresh();
    window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(); });
  }

  /* ---- The handout page ---- */

  function renderExample(slot, data) {
    slot.textContent = "";
    var heading = element("h2", null, data.title);
    heading.tabIndex = -1;  // focus lands here when an undo puts the example back
    var where = element("div", "pe-example-address");
    var qr = element("img", "pe-qr");
    qr.src = data.qr;
    qr.alt = "QR code of the example's web address";
    qr.width = 90;
    qr.height = 90;
    var online = element("p");
    online.append(element("strong", null, "Online: "), link(data.url, data.address));
    where.append(qr, online);
    slot.appendChild(heading);
    // The example's own page content, made and sanitised at build time (macros/pages/handout.py); never text from the address.
    slot.insertAdjacentHTML("beforeend", data.html);
    slot.insertBefore(where, slot.querySelector(".pe-summary"));  // under its title, section, evidence status and any overdue notice
    // What compact print leaves out, said on the paper itself.
    slot.appendChild(element("p", "pe-small pe-handout-compact-note", "Take-aways, sources and review dates: on this example’s page, at the address above."));
  }

  /* The address as a quoted CSS string: every character but a few safe ones escaped, so nothing
     in a title or id (a quote, a newline, a form feed) can end the string (as printed.css_string). */
  function cssString(text) {
    return '"' + text.replace(/[^A-Za-z0-9 .\/:\-_?=&%#,~+@]/g, function (ch) {
      return "\\" + ("000000" + ch.charCodeAt(0).toString(16)).slice(-6);
    }) + '"';
  }

  function shortened(text) {
    return text.length > SHOWN_LENGTH ? text.slice(0, SHOWN_LENGTH) + "…" : text;
  }

  /* A QR code of text as an SVG image, black on white with the quiet zone scanners need. */
  function qrSource(text) {
    var code = window.qrcode(0, "M");
    code.addData(text);
    code.make();
    var count = code.getModuleCount();
    var path = "";
    for (var row = 0; row < count; row += 1) {
      for (var column = 0; column < count; column += 1) {
        if (code.isDark(row, column)) path += "M" + (column + 4) + " " + (row + 4) + "h1v1h-1z";
      }
    }
    var size = count + 8;
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + size + " " + size + '" shape-rendering="crispEdges">' +
      '<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="' + path + '"/></svg>';
    return "data:image/svg+xml," + encodeURIComponent(svg);
  }

  function assembleHandout() {
    var page = document.getElementById("pe-handout");
    if (!page) return;
    var root = page.getAttribute("data-handout-root");
    var table = JSON.parse(page.getAttribute("data-codes"));  // {current: {code: id}, former: {code: id}}
    var codeOf = {};
    Object.keys(table.current).forEach(function (code) { codeOf[table.current[code]] = code; });
    var params = new URLSearchParams(window.location.search);
    var unknown = [];  // what the address names that no example has, as the reader would recognise it
    var wanted;
    if (params.has("h")) {
      wanted = (params.get("h").toLowerCase().match(/.{1,4}/g) || []).map(function (code) {
        var id = CODE.test(code) && (table.current[code] || table.former[code]);
        if (!id) unknown.push("code " + code);
        return id;
      }).filter(Boolean);
    } else {
      wanted = (params.get("ids") || "").split(",").map(function (id) { return id.trim(); }).filter(Boolean);
    }
    var order = wanted.filter(function (id, index) { return wanted.indexOf(id) === index; });  // each once, first place kept
    var title = (params.get("t") || params.get("title") || "").replace(/\s+/g, " ").trim().slice(0, TITLE_LENGTH);
    var examplesBox = document.getElementById("pe-handout-examples");
    var unknownBox = document.getElementById("pe-handout-unknown");
    var pageStatus = document.getElementById("pe-handout-status");
    var heading = document.querySelector("article h1");
    var browse = document.querySelector("#pe-handout-nojs a").getAttribute("href");
    var published = document.querySelector("script[data-address]").getAttribute("data-address");
    var siteTitle = document.title.slice(document.title.indexOf(" - "));  // " - <site name>"
    document.getElementById("pe-handout-nojs").hidden = true;
    page.hidden = false;
    document.body.appendChild(status);  // what moving and removing do is announced
    var slots = {};  // id -> {node, done, title}

    /* The short address: each example's code in order, and the title with spaces as "+". */
    function address() {
      var codes = order.map(function (id) { return codeOf[id] || ""; }).join("");
      return published + "?h=" + codes + (title ? "&t=" + encodeURIComponent(title).replace(/%20/g, "+") : "");
    }

    // The trainer's title is shown as theirs, under the guide's own heading, never as the heading.
    var ownTitle = element("p", "pe-handout-own-title");
    ownTitle.id = "pe-handout-own-title";
    var ownTitleText = element("strong");
    ownTitle.append(element("span", "pe-handout-own-title__label", "Title given by whoever made this handout: "), ownTitleText);
    heading.after(ownTitle);

    // On the first printed sheet: the handout's own short address and its QR code.
    var where = element("div", "pe-handout-address");
    var qr = element("img", "pe-qr pe-qr--handout");
    qr.alt = "QR code of this handout's web address";
    qr.width = 120;
    qr.height = 120;
    qr.hidden = true;  // until the QR code generator has loaded
    var addressText = element("span", "pe-address");
    var online = element("p");
    online.append(element("strong", null, "This handout online: "), addressText);
    var how = element("p", "pe-small", "Scan the code or type the address to open this handout again, with the same examples in the same order and its title.");
    var words = element("div");
    words.append(online, how);
    where.append(qr, words);
    page.insertBefore(where, page.firstChild);
    var generator = document.createElement("script");
    generator.src = root + "assets/javascripts/vendor/qrcode-generator.js";
    generator.onload = function () { showAddress(); };
    document.body.appendChild(generator);

    function showAddress(byReader) {
      var here = address();
      addressText.textContent = here;
      if (window.qrcode) {
        qr.src = qrSource(here);
        qr.hidden = false;
      }
      // The address printed at the foot of every sheet is this handout's, with its examples.
      var css = document.querySelector("style[media=print]");
      if (css) css.textContent = "@page { @bottom-left { content: " + cssString(here) + "; } }";
      Array.prototype.forEach.call(document.querySelectorAll(".pe-print-footer .pe-cite"), function (cite) {
        var name = cite.querySelector("cite");
        var accessed = cite.querySelector("[data-pe-accessed]");
        var span = element("span", "pe-address", here);
        cite.textContent = "";
        cite.append(element("strong", null, "Cite this page:"), " “" + (title || "Handout") + "”, ", name, ", ", span, accessed, ".");
      });
      // What the reader changes, the address bar follows, so a reload or bookmark keeps it.
      if (byReader) window.history.replaceState(null, "", "?" + here.split("?")[1]);
    }

    function showTitle(byReader) {
      ownTitleText.textContent = title;
      ownTitle.hidden = !title;
      document.title = (title ? "Handout: “" + title + "”" : "Handout") + siteTitle;
      showAddress(byReader);
    }

    // Screen-only tools: the title, the print layout, printing, the link and clearing.
    var tools = element("div", "pe-handout-tools pe-screen-only");
    var label = element("label", null, "Handout title ");
    var titleBox = element("input");
    titleBox.type = "text";
    titleBox.id = "pe-handout-title";
    titleBox.maxLength = TITLE_LENGTH;
    titleBox.value = title;
    label.htmlFor = titleBox.id;
    titleBox.addEventListener("input", function () {
      title = titleBox.value.replace(/\s+/g, " ").trim();
      showTitle(true);
    });
    var print = element("button", "md-button md-button--primary", "Print this handout");
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    var copy = window.peCopy ? window.peCopy.button("this handout") : null;
    if (copy) copy.addEventListener("click", function () { window.peCopy.link(address(), copy); });
    var line = element("p");
    line.append(label, titleBox, " ", print);
    if (copy) line.append(" ", copy);
    // The print layout: in full, or compact (one A4 side for a typical example).
    var layout = element("fieldset", "pe-handout-layout");
    layout.appendChild(element("legend", null, "Print layout"));
    [["full", "Each example in full"],
     ["compact", "Compact: a typical example on one A4 side, in smaller type (9 pt) and two columns. Leaves out each example’s take-aways, sources, review dates and the web addresses of the reports it quotes (each part still names its report), all on the example’s own page, whose address and QR code are printed."]]
      .forEach(function (choice, index) {
        var option = element("label", "pe-handout-layout__option");
        var radio = element("input");
        radio.type = "radio";
        radio.name = "pe-handout-layout";
        radio.value = choice[0];
        radio.id = "pe-handout-layout-" + choice[0];
        radio.checked = index === 0;
        radio.addEventListener("change", function () { page.classList.toggle("pe-handout--compact", radio.value === "compact" && radio.checked); });
        option.append(radio, " " + choice[1]);
        layout.appendChild(option);
      });
    var clearLine = element("p", "pe-handout-clear-line");
    var clear = element("button", "md-button pe-handout-clear", "Clear the handout");
    clear.type = "button";
    clearLine.appendChild(clear);
    tools.append(line, layout, clearLine);
    page.insertBefore(tools, page.firstChild);

    /* ---- Shaping: move up and down, remove, clear, and undo the last removal ---- */

    var undoBox = null;  // the note, with its Undo button, where the last removal was

    function dropUndo() {
      if (undoBox) undoBox.remove();
      undoBox = null;
    }

    function count() {
      pageStatus.textContent = order.length ? plural(order.length) + " in this handout." :
        "No examples are chosen yet. Use “Add to handout” on Browse and filter, on section pages, packs or any example page, then open the handout from there.";
    }

    function changed(byReader) {
      order.forEach(function (id) { examplesBox.appendChild(slots[id].node); });
      if (undoBox && undoBox.parentNode) examplesBox.insertBefore(undoBox, undoBox.before ? slots[undoBox.before].node : null);
      order.forEach(function (id, index) {
        var tools = slots[id].tools;
        tools.up.setAttribute("aria-disabled", String(index === 0));
        tools.down.setAttribute("aria-disabled", String(index === order.length - 1));
      });
      if (byReader) keep(order.slice());  // a handout the reader shapes becomes this browser's choice too
      count();
      showAddress(byReader);
    }

    function offerUndo(message, before, restore) {
      dropUndo();
      undoBox = element("div", "pe-handout-removed pe-screen-only");
      undoBox.before = before;
      var note = element("p", null, message + " ");
      var undo = element("button", "md-button pe-handout-undo", "Undo");
      undo.type = "button";
      undo.addEventListener("click", function () {
        dropUndo();
        restore();
      });
      note.appendChild(undo);
      undoBox.appendChild(note);
      examplesBox.insertBefore(undoBox, before ? slots[before].node : null);
      undo.focus();
    }

    function move(id, by, button) {
      var at = order.indexOf(id);
      var to = at + by;
      if (to < 0 || to >= order.length) {
        announce("“" + slots[id].title + "” is already " + (by < 0 ? "first." : "last."));
        return;
      }
      order.splice(at, 1);
      order.splice(to, 0, id);
      dropUndo();
      changed(true);
      button.focus();
      announce("Moved “" + slots[id].title + "” " + (by < 0 ? "up" : "down") + ": now " + (to + 1) + " of " + order.length + ".");
    }

    function remove(id) {
      var before = order.slice();
      var at = order.indexOf(id);
      order.splice(at, 1);
      slots[id].node.remove();
      changed(true);
      offerUndo("Removed “" + slots[id].title + "”: " + plural(order.length) + " left.", order[at], function () {
        order = before;
        changed(true);
        slots[id].node.querySelector("h2").focus();
        announce("Put back “" + slots[id].title + "”: " + plural(order.length) + " in this handout.");
      });
      announce("Removed “" + slots[id].title + "” from this handout: " + plural(order.length) + " left. Undo puts it back.");
    }

    clear.addEventListener("click", function () {
      if (!order.length) return;
      var before = order.slice();
      order.forEach(function (id) { slots[id].node.remove(); });
      order = [];
      changed(true);
      offerUndo("Cleared the handout: " + plural(before.length) + " taken out.", undefined, function () {
        order = before;
        changed(true);
        slots[order[0]].node.querySelector("h2").focus();
        announce("Put back " + plural(order.length) + ".");
      });
      announce("Cleared the handout. Undo puts back " + plural(before.length) + ".");
    });

    function arrangeTools(id) {
      var name = slots[id].title;
      var box = element("div", "pe-handout-arrange pe-screen-only");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Arrange “" + name + "”");
      function button(text, className, action) {
        var made = element("button", "pe-handout-arrange__button " + className, text);
        made.type = "button";
        made.appendChild(element("span", "pe-visually-hidden", ": " + name));
        made.addEventListener("click", function () {
          if (made.getAttribute("aria-disabled") === "true") {
            announce("“" + name + "” is already " + (className === "pe-handout-up" ? "first." : "last."));
            return;
          }
          action(made);
        });
        box.appendChild(made);
        return made;
      }
      var tools = {box: box};
      tools.up = button("Move up", "pe-handout-up", function (made) { move(id, -1, made); });
      tools.down = button("Move down", "pe-handout-down", function (made) { move(id, 1, made); });
      tools.remove = button("Remove", "pe-handout-remove", function () { remove(id); });
      return tools;
    }

    showTitle();
    if (!order.length && !unknown.length) {
      count();
      return;
    }
    var pending = order.length;
    var requested = order.slice();

    function settled() {
      pending -= 1;
      if (pending > 0) return;
      order = order.filter(function (id) { return slots[id].done === "shown"; });
      unknown = unknown.concat(requested.filter(function (id) { return slots[id].done === "missing"; }));  // in the address's order
      order.forEach(function (id) {
        var tools = arrangeTools(id);
        slots[id].tools = tools;
        slots[id].node.insertBefore(tools.box, slots[id].node.firstChild.nextSibling);  // under its heading
      });
      count();
      changed();
      if (unknown.length) {
        var named = unknown.slice(0, 10).map(shortened).join(", ") + (unknown.length > 10 ? " and " + (unknown.length - 10) + " more" : "");
        unknownBox.textContent = "";
        unknownBox.append(
          element("p", null, "No example has " + (unknown.length === 1 ? "this id" : "these ids") + ", so " +
            (unknown.length === 1 ? "it is" : "they are") + " left out: " + named + "."),
          element("p", null, "Check the handout's address, or find the examples on ")
        );
        unknownBox.lastChild.append(link(browse, "Browse and filter"), ".");
        unknownBox.hidden = false;
      }
    }

    window.peHandout = {
      register: function (data) {
        var slot = slots[data.id];
        if (!slot || slot.done) return;
        slot.done = "shown";
        slot.title = data.title;
        renderExample(slot.node, data);
        settled();
      }
    };

    if (!order.length) {
      pending = 1;
      settled();
      return;
    }
    order.forEach(function (id) {
      var node = element("article", "pe-handout-example");
      node.setAttribute("data-example-id", id);
      examplesBox.appendChild(node);
      slots[id] = {node: node, done: false};
      function missing() {
        if (slots[id].done) return;
        slots[id].done = "missing";
        node.remove();
        settled();
      }
      if (!isId(id)) return missing();
      var script = document.createElement("script");
      script.src = root + "examples/" + id + "/handout.js";
      script.onerror = missing;
      script.onload = function () { if (!slots[id].done) missing(); };  // loaded but registered nothing
      document.body.appendChild(script);
    });
  }

  setUpChoosing();
  assembleHandout();
})();
