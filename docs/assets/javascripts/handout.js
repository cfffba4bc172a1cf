/* Handouts: an "Add to handout" button on each card of the browse page and on each example
   page, a tray that counts the chosen examples and opens the handout, and the handout page
   itself (/handout/?ids=a,b,c&title=...), which shows each example in full, in the order
   given. The choice is kept in this browser only (localStorage); the handout's own address
   carries it, so it can be shared.

   Each example's data is a script, examples/<id>/handout.js, calling peHandout.register: a
   page opened from a folder (the offline copy) may load scripts but not fetch files. Text is
   inserted as text; the only HTML inserted is the example's prose with its part labels, sanitised at build time. */
(function () {
  "use strict";

  var KEY = "pe-handout";
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;  // an example id, as the schema allows it
  var TITLE_LENGTH = 150;
  var handoutPage = document.currentScript.getAttribute("data-handout");

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
    var heading = holder.querySelector("h3") || document.querySelector("article h1");
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
    var clear = element("button", "md-button pe-handout-tray__clear", "Clear the handout");
    clear.type = "button";
    clear.addEventListener("click", function () {
      keep([]);
      refresh();
      announce("The handout is empty.");
    });
    var line = element("p");
    line.append(count, " ", open, " ", clear);
    box.appendChild(line);
    return {box: box, count: count, open: open, clear: clear};
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
    tray.box.hidden = !ids.length && !tray.alwaysShown;  // an example page shows it once something is chosen
    tray.count.textContent = ids.length
      ? "Handout: " + plural(ids.length) + " chosen."
      : "Handout: none chosen yet. Use “Add to handout” to choose examples to print together.";
    tray.open.hidden = !ids.length;
    tray.clear.hidden = !ids.length;
    tray.open.href = handoutPage + "?ids=" + ids.join(",");
  }

  function setUpChoosing() {
    Array.prototype.forEach.call(document.querySelectorAll(".pe-browse .pe-card[data-example-id]"), function (card) {
      addControl(card, card);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".pe-page-actions[data-example-id]"), function (row) {
      addControl(row, row);
    });
    if (!controls.length) return;
    tray = makeTray();
    // Under the example page's own buttons; on the browse page, under its title.
    var actions = document.querySelector(".pe-page-actions[data-example-id]");
    var article = document.querySelector("article.md-content__inner");
    var heading = article.querySelector("h1");
    var place = document.querySelector("[data-handout-tray]");  // kept for it by the page, so nothing moves
    if (place) place.replaceWith(tray.box);
    else if (actions) actions.after(tray.box); else if (heading) heading.after(tray.box); else article.prepend(tray.box);
    tray.alwaysShown = !actions;
    document.body.appendChild(status);
    refresh();
    window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(); });
  }

  /* ---- The handout page ---- */

  function section(parent, title, body) {
    parent.appendChild(element("h3", null, title));
    parent.appendChild(body);
  }

  function prose(html, base) {
    var holder = element("div", "pe-prose");
    holder.innerHTML = html;  // sanitised at build time (macros/load/markup.py); never text from the address
    // Links the contributor wrote relative to the example's own page still lead there.
    Array.prototype.forEach.call(holder.querySelectorAll("a[href]"), function (anchor) {
      var href = anchor.getAttribute("href");
      if (!/^([a-z][a-z0-9+.-]*:|#)/i.test(href)) anchor.href = new URL(href, base).href;
    });
    return holder;
  }

  function list(tag, items, base) {
    var node = element(tag, "pe-list");
    items.forEach(function (html) {
      var item = element("li");
      item.appendChild(prose(html, base));
      node.appendChild(item);
    });
    return node;
  }

  function renderExample(slot, data) {
    var base = new URL(data.url, window.location.href).href;
    slot.textContent = "";
    slot.appendChild(element("h2", null, data.title));
    var kicker = element("p", "pe-kicker");
    kicker.append(link(data.sectionUrl, data.section), " · ", element("span", "pe-badge pe-badge--" + data.provenanceKind, data.provenance),
      " ", link(data.evidenceUrl, data.evidence));
    kicker.lastChild.className = "pe-badge pe-badge--evidence";
    slot.appendChild(kicker);
    if (data.study) slot.appendChild(element("p", "pe-small", data.study));
    if (data.overdue.length) {
      var overdue = element("div", "pe-overdue");
      overdue.setAttribute("role", "note");
      data.overdue.forEach(function (sentence) { overdue.appendChild(element("p", null, sentence)); });
      slot.appendChild(overdue);
    }
    var where = element("div", "pe-example-address");
    var qr = element("img", "pe-qr");
    qr.src = data.qr;
    qr.alt = "QR code of the example's web address";
    qr.width = 90;
    qr.height = 90;
    var online = element("p");
    online.append(element("strong", null, "Online: "), link(data.url, data.address));
    where.append(qr, online);
    slot.appendChild(where);
    slot.appendChild(element("p", "pe-summary", data.summary));
    section(slot, "Context", prose(data.context, base));
    section(slot, "What was done", prose(data.whatWasDone, base));
    section(slot, "Why it works", prose(data.whyItWorks, base));
    // Tips and questions are the guide's own; a reported example says so in words.
    [["Practical tips", "ul", data.tips], ["Questions for reflection", "ol", data.questions]].forEach(function (part) {
      var body = element("div");
      if (data.guideLists) body.appendChild(element("p", "pe-part__label", data.guideLists));
      body.appendChild(list(part[1], part[2], base));
      section(slot, part[0], body);
    });
    var takeaways = element("ul", "pe-list");
    data.takeaways.forEach(function (takeaway) {
      var item = element("li");
      item.appendChild(link(takeaway.url, takeaway.text));
      takeaways.appendChild(item);
    });
    section(slot, "Take-aways it illustrates", takeaways);
    if (data.sources.length) {
      var sources = element("ul", "pe-list");
      data.sources.forEach(function (source) {
        var item = element("li");
        item.append(link(source.url, source.title), ", " + source.publisher + ", " + source.date);
        if (source.supports) item.append(element("br"), element("span", "pe-supports", "Supports: " + source.supports));
        sources.appendChild(item);
      });
      section(slot, data.sourcesHeading, sources);
    }
    slot.appendChild(element("p", "pe-small", data.dates));
  }

  function assembleHandout() {
    var page = document.getElementById("pe-handout");
    if (!page) return;
    var root = page.getAttribute("data-handout-root");
    var params = new URLSearchParams(window.location.search);
    var wanted = (params.get("ids") || "").split(",").map(function (id) { return id.trim(); }).filter(Boolean);
    var ids = wanted.filter(function (id, index) { return wanted.indexOf(id) === index; });  // each once, first place kept
    var title = (params.get("title") || "").replace(/\s+/g, " ").trim().slice(0, TITLE_LENGTH);
    var examplesBox = document.getElementById("pe-handout-examples");
    var unknownBox = document.getElementById("pe-handout-unknown");
    var pageStatus = document.getElementById("pe-handout-status");
    var heading = document.querySelector("article h1");
    var browse = document.querySelector("#pe-handout-nojs a").getAttribute("href");
    var published = document.querySelector("script[data-address]").getAttribute("data-address");
    var siteTitle = document.title.slice(document.title.indexOf(" - "));  // " - <site name>"
    document.getElementById("pe-handout-nojs").hidden = true;
    page.hidden = false;

    function address() {
      var query = "?ids=" + ids.join(",") + (title ? "&title=" + encodeURIComponent(title) : "");
      return published + query;
    }

    function showTitle() {
      heading.textContent = title || "Handout";
      document.title = (title || "Handout") + siteTitle;
      // The address printed at the foot of every sheet is this handout's, with its examples.
      var css = document.querySelector("style[media=print]");
      if (css) css.textContent = "@page { @bottom-left { content: \"" + address().replace(/[\\"]/g, "\\$&").replace(/[\n\r]/g, "") + "\"; } }";
      Array.prototype.forEach.call(document.querySelectorAll(".pe-print-footer .pe-address"), function (span) { span.textContent = address(); });
    }

    // Screen-only tools: the title, printing and the link.
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
      showTitle();
      window.history.replaceState(null, "", "?" + address().split("?")[1]);
    });
    var print = element("button", "md-button md-button--primary", "Print this handout");
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    var copy = window.peCopy ? window.peCopy.button("this handout") : null;
    if (copy) copy.addEventListener("click", function () { window.peCopy.link(address(), copy); });
    var line = element("p");
    line.append(label, titleBox, " ", print);
    if (copy) line.append(" ", copy);
    tools.appendChild(line);
    page.insertBefore(tools, page.firstChild);
    // The tray's Clear leaves this page as it is: the address, not the browser's list, makes the handout.
    showTitle();

    if (!ids.length) {
      pageStatus.textContent = "No examples are chosen yet. Use “Add to handout” on Browse and filter or on any example page, then open the handout from there.";
      return;
    }
    var slots = {};
    var unknown = [];
    var pending = ids.length;

    function settled() {
      pending -= 1;
      if (pending) return;
      var shown = ids.length - unknown.length;
      pageStatus.textContent = plural(shown) + " in this handout.";
      if (unknown.length) {
        unknown = ids.filter(function (id) { return unknown.indexOf(id) !== -1; });  // in the address's order
        unknownBox.textContent = "";
        unknownBox.append(
          element("p", null, "No example has " + (unknown.length === 1 ? "this id" : "these ids") + ", so " +
            (unknown.length === 1 ? "it is" : "they are") + " left out: " + unknown.join(", ") + "."),
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
        slot.done = true;
        renderExample(slot.node, data);
        settled();
      }
    };

    ids.forEach(function (id) {
      var node = element("article", "pe-handout-example");
      node.setAttribute("data-example-id", id);
      examplesBox.appendChild(node);
      slots[id] = {node: node, done: false};
      function missing() {
        if (slots[id].done) return;
        slots[id].done = true;
        node.remove();
        unknown.push(id);
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
