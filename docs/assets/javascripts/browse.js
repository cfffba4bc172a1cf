/* Browse page filters. The page already lists every example; this script shows
   the form, filters the cards against browse/index.json (written at build time
   from the records) and keeps the selection in the address, so it can be shared
   and the back button steps through changes. AND across filter groups, OR
   within one; each box shows how many examples it would leave. Matching cards
   are shown a page at a time, in a list holding only those: restyling a list
   of thousands on every change takes seconds. Each group of boxes is a <details>
   whose summary counts the boxes ticked in it: closed on a phone, opened here on a
   wide screen, where the form sits beside the results. The chosen filters are
   listed above the results as buttons that remove them. */
(function () {
  "use strict";

  /* Old links carried the words as ?q=, which Material's search also reads on every page and
     would open its overlay over this one. This script runs before Material's, so it moves them
     to the page's own name first. */
  var address = new URLSearchParams(window.location.search);
  if (address.has("q")) {
    if (!address.has("words")) address.set("words", address.get("q"));
    address.delete("q");
    var kept = address.toString();
    history.replaceState(null, "", (kept ? "?" + kept : window.location.pathname) + window.location.hash);
  }

  var form = document.getElementById("pe-filters");
  if (!form) return;
  var status = document.getElementById("pe-status");
  var empty = document.getElementById("pe-empty");
  var chips = document.querySelector(".pe-chosen");
  var textBox = form.querySelector("#pe-words");
  var groups = Array.prototype.map.call(
    form.querySelectorAll("[data-filter]"),
    function (details) {
      var boxes = Array.prototype.slice.call(details.querySelectorAll("input[type=checkbox]"));
      return {
        name: details.getAttribute("data-filter"),
        details: details,
        tally: details.querySelector("[data-tally]"),
        boxes: boxes
      };
    }
  );
  var list = document.querySelector(".pe-results .pe-cards");
  if (!list) return;  // no examples yet
  var cards = {};
  Array.prototype.forEach.call(list.querySelectorAll("[data-example-id]"), function (card) {
    cards[card.getAttribute("data-example-id")] = card;
  });
  var more = document.getElementById("pe-more");
  var browse = form.parentNode;
  var resultsHeading = document.getElementById("pe-results");
  var PAGE = 60;
  var limit = PAGE;
  var examples = [];
  var lastChangeWasText = false;

  function labelOf(box) {
    return box.labels[0].firstChild.textContent.trim();
  }

  function selected(group) {
    return group.boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }

  /* The words box asks the site's search (search.js), so it finds exactly the examples the search
     box at the top of the page finds. wordMatches holds the positions of the matching examples in
     the index, or null while the box has no words to look for. */
  var wordMatches = null;
  var wordsAsked = null;
  var order = document.getElementById("pe-order");
  var corrected = document.querySelector(".pe-corrected");

  /* Sets of examples as bitsets over their positions in the index: each box's examples, made once,
     the words' matches and every example. A change then ANDs and ORs a few thousand 32-bit words
     and counts their bits, instead of walking every example's values for every group. */
  var size = 0;  // 32-bit words in a set
  var everyExample = null;
  var wordBits = null;  // the words' matches; null while the box has no words to look for

  function makeSets() {
    size = Math.ceil(examples.length / 32);
    everyExample = new Uint32Array(size).fill(0xffffffff);
    if (examples.length % 32) everyExample[size - 1] = (1 << (examples.length % 32)) - 1;
    groups.forEach(function (group) {
      var byValue = {};
      group.boxes.forEach(function (box) {
        box.examples = byValue[box.value] = new Uint32Array(size);
        box.countNode = box.labels[0].querySelector("[data-count]");
      });
      examples.forEach(function (example, position) {
        (example.values[group.name] || []).forEach(function (value) {
          if (byValue[value]) byValue[value][position >>> 5] |= 1 << (position & 31);
        });
      });
    });
  }

  function setOf(positions) {
    var set = new Uint32Array(size);
    positions.forEach(function (position) { set[position >>> 5] |= 1 << (position & 31); });
    return set;
  }

  function intersect(into, other) {
    for (var i = 0; i < size; i++) into[i] &= other[i];
  }

  function bits(word) {
    word -= (word >>> 1) & 0x55555555;
    word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
    return Math.imul((word + (word >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }

  function sizeOf(set, within) {
    var total = 0;
    for (var i = 0; i < size; i++) total += bits(set[i] & within[i]);
    return total;
  }

  /* The examples of a group's ticked boxes (any of them), or null when none is ticked. */
  function groupSet(group) {
    var set = null;
    group.boxes.forEach(function (box) {
      if (!box.checked) return;
      if (!set) set = box.examples.slice();
      else for (var i = 0; i < size; i++) set[i] |= box.examples[i];
    });
    return set;
  }

  /* The cards of the first `limit` examples in matching: with words, best first (wordMatches keeps
     search.js's ranking), unless the reader chose the section order; otherwise in section order,
     read off the set's bits. */
  function firstCards(matching) {
    var found = [];
    function add(position) {
      var card = cards[examples[position].id];
      if (card) found.push(card);
    }
    if (wordMatches !== null && order.value !== "section") {
      for (var position of wordMatches) {
        if (found.length >= limit) break;
        if (matching[position >>> 5] & (1 << (position & 31))) add(position);
      }
      return found;
    }
    for (var i = 0; i < size && found.length < limit; i++) {
      for (var word = matching[i]; word && found.length < limit; word &= word - 1) {
        add(i * 32 + 31 - Math.clz32(word & -word));  // the lowest bit left
      }
    }
    return found;
  }

  /* Puts exactly these cards in the list, in this order, leaving where they are the cards that stay:
     a card put in is styled and laid out afresh, about half a millisecond each. So a change puts in
     the first FIRST_SCREEN new cards (more than fill a screen at any size) at once, and at least
     the first `upTo` cards, and the rest just after the frame showing them is drawn, the list
     marked aria-busy meanwhile; a later change cancels what an earlier one left to do. */
  var FIRST_SCREEN = 12;
  var showing = 0;
  function showCards(visible, upTo) {
    var wanted = new Set(visible);
    Array.prototype.slice.call(list.children).forEach(function (card) {
      if (!wanted.has(card)) card.remove();
    });
    var mine = ++showing;
    var placed = placeCards(visible, 0, upTo, FIRST_SCREEN);
    if (placed === visible.length) {
      list.removeAttribute("aria-busy");
      return;
    }
    list.setAttribute("aria-busy", "true");
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (mine !== showing) return;
        placeCards(visible, placed, visible.length, Infinity);
        list.removeAttribute("aria-busy");
      }, 0);
    });
  }

  /* Places visible[from...] after the cards before it, until past upTo and `budget` cards have been put in;
     returns the position it stopped at. */
  function placeCards(visible, from, upTo, budget) {
    var next = from ? visible[from - 1].nextElementSibling : list.firstElementChild;
    var put = 0;
    for (var i = from; i < visible.length; i++) {
      if (i >= upTo && put >= budget) return i;
      var card = visible[i];
      if (card === next) next = next.nextElementSibling;
      else {
        list.insertBefore(card, next);
        put++;
      }
    }
    return visible.length;
  }

  /* Look the box's words up, then update the view, unless the box has changed in the meantime;
     verbatim: as typed, without reading a misspelling as the nearest word. */
  function matchWords(verbatim) {
    var text = textBox.value;
    wordsAsked = text;
    return window.peSearch.examples(text, verbatim === true).then(function (found) {
      if (text !== wordsAsked) return;
      wordMatches = found;
      wordBits = found === null ? null : setOf(found);
      showCorrection(found && found.corrected, text);
      update();
    }, function () {
      if (text !== wordsAsked) return;
      wordMatches = null;
      wordBits = null;
      update();
      status.textContent += " The words could not be looked up, so they are not applied.";
    });
  }

  /* "Showing results for naloxone; search instead for nalaxone", the second a button. */
  function showCorrection(words, text) {
    corrected.hidden = !words;
    corrected.textContent = "";
    if (!words) return;
    corrected.append.apply(corrected, window.peSearch.correction(words, text, function () {
      matchWords(true);
      textBox.focus();
    }));
  }

  /* The form's state as a query string, groups and values in page order. */
  function queryString() {
    var params = new URLSearchParams();
    groups.forEach(function (group) {
      selected(group).forEach(function (value) { params.append(group.name, value); });
    });
    if (textBox.value.trim()) params.set("words", textBox.value.trim());
    if (textBox.value.trim() && order.value === "section") params.set("order", "section");
    var query = params.toString();
    return query ? "?" + query : window.location.pathname;
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    groups.forEach(function (group) {
      var wanted = params.getAll(group.name);
      group.boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
    });
    textBox.value = params.get("words") || "";
    order.value = params.get("order") === "section" ? "section" : "relevance";
  }

  function record(isText) {
    var url = queryString();
    if (url === window.location.search || (url === window.location.pathname && !window.location.search)) return;
    // Typing replaces one history entry; each other change adds one.
    if (isText && lastChangeWasText) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
    lastChangeWasText = isText;
  }

  /* Only what changed is written to the page: the cards shown, and counts, summaries and chips that differ. */
  function update(keepLimit) {
    if (!keepLimit) limit = PAGE;
    var sets = groups.map(groupSet);
    var matching = (wordBits || everyExample).slice();
    sets.forEach(function (set) { if (set) intersect(matching, set); });
    order.parentNode.hidden = wordMatches === null;
    // A box's count: the examples carrying it among those that pass every other group and the words.
    groups.forEach(function (group, index) {
      var others = (wordBits || everyExample).slice();
      sets.forEach(function (set, other) { if (set && other !== index) intersect(others, set); });
      group.boxes.forEach(function (box) {
        var count = sizeOf(box.examples, others);
        if (box.shownCount !== count) box.countNode.textContent = "(" + count + ")";
        box.shownCount = count;
      });
    });
    var matched = sizeOf(matching, matching);
    var visible = firstCards(matching);
    showCards(visible, keepLimit ? limit - PAGE + 1 : 0);  // "Show more" moves focus to the first card it adds
    var shown = visible.length;
    var active = sets.some(Boolean) || wordMatches !== null;
    status.textContent = (active
      ? matched + " of " + examples.length + " examples match."
      : "All " + examples.length + " examples.") + (shown < matched ? " Showing the first " + shown + "." : "");
    more.hidden = shown >= matched;
    more.textContent = "Show " + Math.min(PAGE, matched - shown) + " more of the " + (matched - shown) + " not shown";
    empty.hidden = matched !== 0;
    groups.forEach(function (group) {
      var total = group.boxes.length;
      var ticked = group.boxes.filter(function (box) { return box.checked; }).length;
      var tally = "(" + total + (total === 1 ? " filter" : " filters") + (ticked ? ", " + ticked + " chosen" : "") + ")";
      if (group.tally.textContent !== tally) group.tally.textContent = tally;
    });
    showChips();
  }

  /* Each ticked box, and the words, as a button that removes it, then one that clears them all;
     rebuilt only when they change, so a focused chip keeps its focus. */
  var chipsShown = "";

  function showChips() {
    var ticked = [];
    groups.forEach(function (group) {
      group.boxes.forEach(function (box) { if (box.checked) ticked.push(box); });
    });
    var words = textBox.value.trim();
    var key = ticked.map(function (box) { return box.id; }).join(" ") + "\n" + words;
    if (key === chipsShown) return;
    chipsShown = key;
    var items = ticked.map(function (box) { return chip(labelOf(box), box.id); });
    if (words) items.push(chip("\u201c" + words + "\u201d", textBox.id));
    if (items.length) {
      var clear = chip("Clear all", "");
      clear.firstChild.setAttribute("data-clear", "");
      items.push(clear);
    }
    chips.replaceChildren.apply(chips, items);
    chips.hidden = !items.length;
  }

  function chip(label, control) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pe-chosen__chip";
    if (control) {
      button.setAttribute("data-remove", control);
      var hidden = document.createElement("span");
      hidden.className = "pe-visually-hidden";
      hidden.textContent = "Remove filter: ";
      var cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = " \u00d7";
      button.append(hidden, label, cross);
    } else {
      button.textContent = label;
    }
    item.appendChild(button);
    return item;
  }

  /* Removing a chip unticks its box (or empties the words box); focus moves to the chip that takes its
     place, else the one before, else to the results, so the keyboard stays where the reader was. */
  function removeChip(button) {
    var all = Array.prototype.slice.call(chips.querySelectorAll("[data-remove]"));
    var position = all.indexOf(button);
    var control = button.getAttribute("data-remove");
    if (control === textBox.id) textBox.value = "";
    else document.getElementById(control).checked = false;
    lastChangeWasText = false;
    record(false);
    showChips();
    var left = chips.querySelectorAll("[data-remove]");
    (left[Math.min(position, left.length - 1)] || resultsHeading).focus();
    if (control === textBox.id) matchWords();
    else update();
  }

  function clearAll() {
    groups.forEach(function (group) { group.boxes.forEach(function (box) { box.checked = false; }); });
    textBox.value = "";
    lastChangeWasText = false;
    record(false);
    matchWords();
    resultsHeading.focus();
  }

  function start(index) {
    examples = index.examples;
    makeSets();
    if (window.matchMedia("(min-width: 60em)").matches) {
      groups.forEach(function (group) { group.details.open = true; });
    }
    form.hidden = false;
    readAddress();
    matchWords();
    form.addEventListener("change", function (event) {
      if (event.target.type !== "checkbox") return;
      record(false);
      update();
    });
    order.addEventListener("change", function () {
      record(false);
      update();
    });
    textBox.addEventListener("input", function () {
      record(true);
      matchWords();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    chips.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-clear")) clearAll();
      else removeChip(button);
    });
    more.addEventListener("click", function () {
      var before = limit;
      limit += PAGE;
      update(true);
      // Move focus to the first newly shown card, so keyboard users carry on from there.
      var next = list.children[before];
      if (next) next.querySelector("a").focus();
    });
    window.addEventListener("popstate", function () {
      lastChangeWasText = false;
      readAddress();
      matchWords();
    });
  }

  // The words box uses search.js, which loads at the end of the page, after this script.
  var parsed = new Promise(function (resolve) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });
  fetch(form.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (index) { return parsed.then(function () { start(index); }); })
    .catch(function () {
      browse.classList.add("pe-browse--without-filters");
      status.textContent = "The filters could not be loaded, so every example is listed below.";
    });
})();
