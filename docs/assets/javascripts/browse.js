/* Browse page filters. The page already lists every example; this script shows
   the form, filters the cards against browse/index.json (written at build time
   from the records) and keeps the selection in the address, so it can be shared
   and the back button steps through changes. AND across filter groups, OR
   within one; each box shows how many examples it would leave. Matching cards
   are shown a page at a time, in a list holding only those: restyling a list
   of thousands on every change takes seconds. On a narrow screen the form is a
   panel that the "Filters" button opens above the results and "Show N results"
   closes (the stylesheet keeps it open beside the results on a wide one). */
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
  var removeList = empty.querySelector(".pe-remove");
  var textBox = form.querySelector("#pe-words");
  var groups = Array.prototype.map.call(
    form.querySelectorAll("fieldset[data-filter]"),
    function (fieldset) {
      var boxes = Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]"));
      return {
        name: fieldset.getAttribute("data-filter"),
        legend: fieldset.querySelector("legend").textContent,
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
  var toggle = browse.querySelector(".pe-filters-toggle");
  var showResults = form.querySelector("[data-show-results]");
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

  function hasWords(example) {
    return wordMatches === null || wordMatches.has(example.position);
  }

  /* With words, the matching examples best first (wordMatches keeps search.js's ranking), unless the
     reader chose the section order; without words, every example in section order. */
  function inOrder() {
    if (wordMatches === null || order.value === "section") return examples;
    return Array.from(wordMatches, function (position) { return examples[position]; });
  }

  /* Look the box's words up, then update the view, unless the box has changed in the meantime;
     verbatim: as typed, without reading a misspelling as the nearest word. */
  function matchWords(verbatim) {
    var text = textBox.value;
    wordsAsked = text;
    return window.peSearch.examples(text, verbatim === true).then(function (found) {
      if (text !== wordsAsked) return;
      wordMatches = found;
      showCorrection(found && found.corrected, text);
      update();
    }, function () {
      if (text !== wordsAsked) return;
      wordMatches = null;
      update();
      status.textContent += " The words could not be looked up, so they are not applied.";
    });
  }

  /* "Showing results for naloxone; search instead for nalaxone", the second a button. */
  function showCorrection(words, text) {
    corrected.hidden = !words;
    corrected.textContent = "";
    if (!words) return;
    var searched = document.createElement("strong");
    searched.textContent = words;
    var instead = document.createElement("button");
    instead.type = "button";
    instead.className = "pe-search-instead";
    instead.textContent = text.trim();
    instead.addEventListener("click", function () {
      matchWords(true);
      textBox.focus();
    });
    corrected.append("Showing results for ", searched, "; search instead for ", instead);
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

  function update(keepLimit) {
    if (!keepLimit) limit = PAGE;
    var chosen = groups.map(function (group) { return selected(group); });
    var counts = groups.map(function () { return {}; });
    var matched = 0;
    var visible = [];
    order.parentNode.hidden = wordMatches === null;
    inOrder().forEach(function (example) {
      if (hasWords(example)) {
        var failed = [];
        chosen.forEach(function (values, index) {
          if (!values.length) return;
          var own = example.values[groups[index].name] || [];
          if (!own.some(function (value) { return values.indexOf(value) !== -1; })) failed.push(index);
        });
        // An example counts towards a group's boxes if it passes every other group.
        groups.forEach(function (group, index) {
          if (failed.length === 0 || (failed.length === 1 && failed[0] === index)) {
            (example.values[group.name] || []).forEach(function (value) {
              counts[index][value] = (counts[index][value] || 0) + 1;
            });
          }
        });
        if (failed.length === 0) {
          matched += 1;
          if (matched <= limit && cards[example.id]) visible.push(cards[example.id]);
        }
      }
    });
    list.replaceChildren.apply(list, visible);
    var shown = visible.length;
    groups.forEach(function (group, index) {
      group.boxes.forEach(function (box) {
        box.labels[0].querySelector("[data-count]").textContent = "(" + (counts[index][box.value] || 0) + ")";
      });
    });
    var active = groups.some(function (group, index) { return chosen[index].length; }) || wordMatches !== null;
    status.textContent = (active
      ? matched + " of " + examples.length + " examples match."
      : "All " + examples.length + " examples.") + (shown < matched ? " Showing the first " + shown + "." : "");
    more.hidden = shown >= matched;
    more.textContent = "Show " + Math.min(PAGE, matched - shown) + " more of the " + (matched - shown) + " not shown";
    describePanel(chosen, matched);
    showRemovals(matched === 0);
  }

  /* The panel's buttons say how many filters are set and how many examples they leave. */
  function describePanel(chosen, matched) {
    var set = chosen.reduce(function (total, values) { return total + values.length; }, 0) + (wordMatches !== null ? 1 : 0);
    toggle.textContent = "Filters (" + set + " selected)";
    showResults.textContent = "Show " + matched + (matched === 1 ? " result" : " results");
  }

  function openPanel(open) {
    if (open) form.setAttribute("data-open", "");
    else form.removeAttribute("data-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  /* Closing returns to the button that opened the panel, next to the count and just above the results. */
  function closePanel() {
    openPanel(false);
    toggle.focus();
    toggle.scrollIntoView({ block: "nearest" });
  }

  /* With no results, offer each active filter as a button that removes it. */
  function showRemovals(show) {
    empty.hidden = !show;
    removeList.textContent = "";
    if (!show) return;
    groups.forEach(function (group) {
      group.boxes.forEach(function (box) {
        if (box.checked) addRemoval(group.legend + ": " + labelOf(box), function () { box.checked = false; });
      });
    });
    if (textBox.value.trim()) addRemoval("Words: " + textBox.value.trim(), function () { textBox.value = ""; });
  }

  function addRemoval(label, undo) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "Remove " + label;
    button.addEventListener("click", function () {
      undo();
      lastChangeWasText = false;
      record(false);
      matchWords();
      textBox.focus();
    });
    item.appendChild(button);
    removeList.appendChild(item);
  }

  function start(index) {
    examples = index.examples;
    examples.forEach(function (example, position) { example.position = position; });
    form.hidden = false;
    toggle.hidden = false;
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
    toggle.addEventListener("click", function () { openPanel(!form.hasAttribute("data-open")); });
    showResults.addEventListener("click", closePanel);
    form.addEventListener("keydown", function (event) {
      // Escape in the words box clears the words instead; on a wide screen there is no panel to close.
      if (event.key === "Escape" && event.target !== textBox && toggle.offsetParent !== null) closePanel();
    });
    more.addEventListener("click", function () {
      var before = limit;
      limit += PAGE;
      update(true);
      // Move focus to the first newly shown card, so keyboard users carry on from there.
      var next = list.children[before];
      if (next) next.querySelector("a").focus();
    });
    form.querySelector("[data-clear]").addEventListener("click", function () {
      groups.forEach(function (group) { group.boxes.forEach(function (box) { box.checked = false; }); });
      textBox.value = "";
      record(false);
      matchWords();
      textBox.focus();
    });
    window.addEventListener("popstate", function () {
      lastChangeWasText = false;
      readAddress();
      matchWords();
    });
  }

  fetch(form.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(start)
    .catch(function () {
      browse.classList.add("pe-browse--without-filters");
      status.textContent = "The filters could not be loaded, so every example is listed below.";
    });
})();
