/* The site's search, for the search box at the top of every page and the browse page's word box
   alike, so the two always find the same examples. The rules are set out in macros/pages/search.py,
   which writes the index: a manifest, word files and document files, each a script calling
   peSearch.file(), fetched only when a search needs them, so a first visit fetches none of them
   and a search fetches a small part of a large library. Scripts, unlike fetch(), also load from
   file://, so search works in the offline copy.

   Material's search dialog, its keyboard handling and its result list stay as they are: Material
   starts its search in a Web Worker, and this script answers it from the page instead (a Worker
   cannot start from file://), speaking the same messages. */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's search messages
  var PREFIX_ONLY = 0.6;  // a typed word that only starts a word counts for less than the whole word
  var EXAMPLE_BOOST = 1.5;  // practice examples come before the guide's own pages for the same words
  var TYPO_FROM = 5;  // typed words this long or longer that match nothing are read as the nearest word of the index
  var SHOWN = 30;  // results listed; each more can mean fetching one more document file
  var base = new URL("../../", document.currentScript.src);  // this file is assets/javascripts/search.js

  var files = {};  // name -> promise of its data
  var received = {};
  var version = null;

  function load(name) {
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("search/" + name + ".js", base) + (version ? "?v=" + version : "");
        script.onload = function () {
          script.remove();
          var file = received[name];
          if (!file) return reject(new Error("search: " + name + " did not load"));
          if (version && file.version !== version) return reject({ stale: file.version });
          version = file.version;
          resolve(file.data);
        };
        script.onerror = function () {
          script.remove();
          delete files[name];
          reject(new Error("search: " + name + " could not be fetched"));
        };
        document.head.appendChild(script);
      });
    }
    return files[name];
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  }

  /* The words search looks for: letters and digits, two or more of them. */
  function words(text) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).filter(function (word) { return word.length > 1; });
  }

  /* The query as units that must all match: a typed word, or typed words that spell an entry of
     a synonym group (each word as written, or with an s added, or as the word its shorthand stands
     for: missed appts), which match every entry of the group as a whole word or phrase. */
  function units(typed, manifest) {
    var found = [];
    for (var at = 0; at < typed.length;) {
      var best = null, bestGroup = null;
      manifest.synonyms.forEach(function (group) {
        group.forEach(function (entry) {
          var spelt = entry.every(function (word, index) {
            var own = typed[at + index];
            if (own === undefined) return false;
            return [own, manifest.respellings[own] || own].some(function (form) { return form === word || form === word + "s"; });
          });
          if (spelt && (!best || entry.length > best.length)) {
            best = entry;
            bestGroup = group;
          }
        });
      });
      var length = best ? best.length : 1;
      found.push({ typed: typed.slice(at, at + length), others: best ? bestGroup : [] });
      at += length;
    }
    return found;
  }

  function fileName(folder, key) {
    return folder + "/" + Array.prototype.map.call(new TextEncoder().encode(key), function (byte) {
      return (byte < 16 ? "0" : "") + byte.toString(16);
    }).join("");
  }

  /* The word files that can hold terms starting with prefix (whole: prefix itself, or with an s). */
  function wordFiles(prefix, whole, manifest) {
    var keys = manifest.keySet;
    var wanted = {};
    var forms = whole ? [prefix, prefix + "s"] : [prefix];
    forms.forEach(function (form) {
      for (var length = Math.min(form.length, 4); length >= 2; length--) {
        if (keys.has(form.slice(0, length))) {
          wanted[form.slice(0, length)] = true;
          break;
        }
      }
    });
    if (!whole) {
      manifest.keys.forEach(function (key) {
        if (key.length > prefix.length && key.lastIndexOf(prefix, 0) === 0) wanted[key] = true;
      });
    }
    return Object.keys(wanted).map(function (key) { return fileName("words", key); });
  }

  /* Documents holding a term, document number -> its score there: whole, the term itself (a word, or
     a phrase: its words in a row) or with an s; otherwise also the words it starts, which count for
     less, and, for a typed word ending in s, the word without it (overdoses finds overdose). */
  function documentsFor(term, whole, manifest) {
    return Promise.all(wordFiles(term, whole, manifest).map(load)).then(function (shards) {
      var singular = !whole && term.length > 3 && term.slice(-1) === "s" ? term.slice(0, -1) : null;
      var found = {};
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (entry) { found[entry] = shard[entry]; });
      });
      if (singular && !found[singular]) {
        // The singular may sit in a file of its own, keyed by fewer letters.
        return documentsFor(singular, true, manifest).then(function (more) {
          return merge(collect(found, term, whole, null), more);
        });
      }
      return collect(found, term, whole, singular);
    });
  }

  function collect(found, term, whole, singular) {
    var scores = new Map();
    Object.keys(found).forEach(function (entry) {
      var exact = entry === term || entry === singular || (whole && entry === term + "s");
      if (!exact && (whole || entry.indexOf(" ") !== -1 || entry.lastIndexOf(term, 0) !== 0)) return;
      var postings = found[entry], number = 0;
      for (var at = 0; at < postings.length; at += 2) {
        number += postings[at];
        var score = postings[at + 1] * (exact ? 1 : PREFIX_ONLY);
        if (!(scores.get(number) >= score)) scores.set(number, score);
      }
    });
    return scores;
  }

  function merge(scores, more) {
    more.forEach(function (score, number) {
      if (!(scores.get(number) >= score)) scores.set(number, score);
    });
    return scores;
  }

  /* Documents matching one unit of the query, document number -> { score, words }: its typed word
     (as typed, or the start of a word), or any entry of its synonym group as a whole word or phrase.
     Typed words that spell a phrase match only that phrase, not its words scattered. */
  function documentsForUnit(unit, manifest) {
    var entries = unit.others.map(function (entry) { return { term: entry.join(" "), words: entry, whole: true }; });
    if (unit.typed.length === 1) entries.push({ term: unit.typed[0], words: unit.typed, whole: false });
    return Promise.all(entries.map(function (entry) { return documentsFor(entry.term, entry.whole, manifest); })).then(function (found) {
      var scores = new Map();
      found.forEach(function (one, index) {
        one.forEach(function (score, number) {
          var best = scores.get(number);
          if (!best) scores.set(number, best = { score: 0, words: [] });
          best.score = Math.max(best.score, score);
          best.words = best.words.concat(entries[index].words);
        });
      });
      return scores;
    });
  }

  /* Damerau-Levenshtein distance (adjacent letters swapped count as one edit), or more than limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
        rows[i].push(value);
      }
    }
    return rows[a.length][b.length];
  }

  /* The word of the index nearest a typed word that matches nothing: within one edit for words of 5
     to 7 letters, two from 8; the word more documents hold if two are as near. Null if none. */
  function nearest(word, manifest) {
    var key = word.slice(0, 2);
    if (word.length < TYPO_FROM || manifest.vocabulary.indexOf(key) === -1) return Promise.resolve(null);
    return load(fileName("vocabulary", key)).then(function (known) {
      var limit = word.length >= 8 ? 2 : 1, best = null, bestDistance = limit + 1;
      Object.keys(known).forEach(function (candidate) {
        var away = distance(word, candidate, limit);
        if (away < bestDistance || (away === bestDistance && best && known[candidate] > known[best])) {
          best = candidate;
          bestDistance = away;
        }
      });
      return bestDistance <= limit ? best : null;
    });
  }

  /* Every document matching the query, with its score and the words that matched it; a typed word of
     TYPO_FROM letters or more that matches nothing is read as the nearest word of the index, unless
     verbatim, and the result says so (corrected: the words searched, instead of those typed). */
  function match(text, verbatim) {
    return load("manifest").then(function (manifest) {
      if (!manifest.keySet) manifest.keySet = new Set(manifest.keys);
      var typed = words(text);
      var query = units(typed, manifest);
      return Promise.all(query.map(function (unit) { return documentsForUnit(unit, manifest); })).then(function (perUnit) {
        if (verbatim) return { query: query, perUnit: perUnit, corrected: null };
        var fixes = query.map(function (unit, index) {
          return unit.others.length || perUnit[index].size ? null : nearest(unit.typed[0], manifest);
        });
        return Promise.all(fixes).then(function (fixed) {
          if (!fixed.some(Boolean)) return { query: query, perUnit: perUnit, corrected: null };
          var respelt = [];
          query.forEach(function (unit, index) { respelt = respelt.concat(fixed[index] ? [fixed[index]] : unit.typed); });
          var again = units(respelt, manifest);
          return Promise.all(again.map(function (unit) { return documentsForUnit(unit, manifest); })).then(function (found) {
            return { query: again, perUnit: found, corrected: respelt.join(" ") };
          });
        });
      }).then(function (searched) {
        var perUnit = searched.perUnit, matched = new Map();
        // Rare words count for more (BM25's inverse document frequency), so each unit weighs by how few documents it matches.
        var weights = perUnit.map(function (found) { return Math.log(1 + (manifest.documents - found.size + 0.5) / (found.size + 0.5)); });
        if (perUnit.length) {
          perUnit[0].forEach(function (first, number) {
            var score = 0, found = [];
            for (var index = 0; index < perUnit.length; index++) {
              var own = perUnit[index].get(number);
              if (!own) return;
              score += weights[index] * own.score;
              found = found.concat(own.words);
            }
            matched.set(number, { score: number < manifest.examples ? score * EXAMPLE_BOOST : score, words: found });
          });
        }
        return { manifest: manifest, query: searched.query, matched: matched, corrected: searched.corrected };
      });
    });
  }

  /* Best first: by score, then in an order fixed by each document's number but unrelated to its title. */
  function ranked(matched) {
    function mixed(number) { return Math.imul(number + 1, 2654435761) >>> 0; }
    return Array.from(matched.keys()).sort(function (a, b) {
      return matched.get(b).score - matched.get(a).score || mixed(a) - mixed(b);
    });
  }

  /* A match that found the index changed under it (a new version published while the page was
     open) starts again with the new version. */
  function fresh(run) {
    return run().catch(function (error) {
      if (!error || !error.stale) throw error;
      files = {};
      received = {};
      version = error.stale;
      return run();
    });
  }

  /* For the browse page: the positions (in its index) of the examples matching text, best first (a
     Set keeps that order), or null when text has no words to look for. The Set's corrected is the
     words searched instead of a misspelling, or null. */
  function examples(text, verbatim) {
    if (!words(text).length) return Promise.resolve(null);
    return fresh(function () { return match(text, verbatim); }).then(function (result) {
      var found = new Set();
      ranked(result.matched).forEach(function (number) {
        if (number < result.manifest.examples) found.add(number);
      });
      found.corrected = result.corrected;
      return found;
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (char) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[char];
    });
  }

  /* Plain text as HTML, each match marked: a phrase where its words stand in a row, a typed word
     where it starts a word. */
  function highlight(text, marks) {
    var tokens = [], pattern = /[\p{L}\p{N}\p{M}]+/gu, found;
    while ((found = pattern.exec(text))) {
      var folded = fold(found[0]);
      if (folded.replace(/\p{M}/gu, "").length > 1) tokens.push({ word: folded, start: found.index, end: found.index + found[0].length });
    }
    var marked = tokens.map(function () { return false; });
    marks.forEach(function (mark) {
      var size = mark.words.length;
      for (var at = 0; at + size <= tokens.length; at++) {
        var fits = mark.words.every(function (wanted, index) {
          var word = tokens[at + index].word;
          if (!mark.whole) return word.lastIndexOf(wanted, 0) === 0;
          return word === wanted || (index === size - 1 && word === wanted + "s");
        });
        if (fits) for (var index = 0; index < size; index++) marked[at + index] = true;
      }
    });
    var out = "", last = 0;
    tokens.forEach(function (token, index) {
      if (!marked[index]) return;
      out += escapeHtml(text.slice(last, token.start)) + "<mark>" + escapeHtml(text.slice(token.start, token.end)) + "</mark>";
      last = token.end;
    });
    return out + escapeHtml(text.slice(last));
  }

  /* Material's result list: one entry per example or page (a page with its matching parts), best
     first; at most SHOWN of them, so a search fetches the titles of those only. */
  function results(text, verbatim) {
    if (!words(text).length) return Promise.resolve({ items: [], total: 0, corrected: null });
    return fresh(function () { return match(text, verbatim); }).then(function (result) {
      var manifest = result.manifest, matched = result.matched;
      var groups = new Map();  // the example or page -> its matching documents, best first
      ranked(matched).forEach(function (number) {
        var parent = number < manifest.examples ? null : manifest.parents[number - manifest.examples];
        var page = parent === null ? number : parent;
        if (!groups.has(page)) groups.set(page, []);
        groups.get(page).push(number);
      });
      var shown = Array.from(groups.entries()).slice(0, SHOWN);
      return Promise.all(shown.map(function (group) {
        var page = group[0];
        var numbers = group[1].indexOf(page) === -1 ? group[1].concat([page]) : group[1];  // Material lists parts under their page
        return Promise.all(numbers.map(function (number) {
          return documentRow(number, manifest).then(function (row) { return item(row, matched.get(number), result.query); });
        }));
      })).then(function (items) {
        return { items: items, total: groups.size, corrected: result.corrected };
      });
    });
  }

  function documentRow(number, manifest) {
    return load("docs/" + Math.floor(number / manifest.perFile)).then(function (rows) {
      return rows[number % manifest.perFile];
    });
  }

  function item(row, matched, query) {
    var found = matched ? matched.words : [];
    var marks = [];
    query.forEach(function (unit) {
      if (unit.typed.length === 1) marks.push({ words: unit.typed, whole: false });
      unit.others.forEach(function (entry) {
        if (entry.every(function (word) { return found.indexOf(word) !== -1; })) marks.push({ words: entry, whole: true });
      });
    });
    var terms = {};
    found.forEach(function (word) { terms[word] = true; });
    // An example's section goes above its summary: as one of Material's tags it would be a
    // navigation landmark of its own in every result.
    var section = row[3] ? '<p class="pe-result-section">' + escapeHtml(row[3]) + "</p>" : "";
    return {
      location: row[0],
      title: highlight(row[1], marks),
      text: section + (row[2] ? "<p>" + highlight(row[2], marks) + "</p>" : ""),
      score: matched ? matched.score : 0,
      terms: terms
    };
  }

  /* A note of this script's in Material's result panel, made the first time it is wanted; null without the panel. */
  function resultNote(tag, className) {
    var container = document.querySelector("[data-md-component=search-result]");
    if (!container) return null;
    var note = container.querySelector("." + className);
    if (!note) {
      note = document.createElement(tag);
      note.className = className + " md-typeset";
      container.insertBefore(note, container.lastElementChild);
    }
    return note;
  }

  /* Under the result count when nothing matches: where else to look. */
  function noResultsNote(text, links) {
    var note = resultNote("div", "pe-search-none");
    if (!note) return;
    note.hidden = !text;
    if (!text) return;
    note.textContent = "";
    var first = document.createElement("p");
    first.textContent = "Nothing in the guide matches \u201c" + text.trim() + "\u201d. Check the spelling, use fewer or shorter words, or look for the topic another way:";
    var list = document.createElement("ul");
    [["browse", "Browse and filter the examples by topic, substance or group of people"], ["glossary", "Look the word up in the glossary"]].forEach(function (link) {
      if (!links[link[0]]) return;
      var entry = document.createElement("li");
      var anchor = document.createElement("a");
      anchor.href = new URL(links[link[0]], base).href;
      anchor.textContent = link[1];
      entry.appendChild(anchor);
      list.appendChild(entry);
    });
    note.append(first, list);
  }

  /* Above the results when a misspelling was searched as the nearest word: "Showing results for
     naloxone; search instead for nalaxone", the second a button that searches the words as typed. */
  function correctionNote(corrected, typed, searchTyped) {
    var note = resultNote("p", "pe-search-corrected");
    if (!note) return;
    note.hidden = !corrected;
    note.textContent = "";
    if (corrected) note.append.apply(note, correction(corrected, typed, searchTyped));
  }

  /* The words of that note, for the browse page's words box too. */
  function correction(corrected, typed, searchTyped) {
    var searched = document.createElement("strong");
    searched.textContent = corrected;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pe-search-instead";
    button.textContent = typed.trim();
    button.addEventListener("click", searchTyped);
    return ["Showing results for ", searched, "; search instead for ", button];
  }

  /* Stands in for Material's search worker: the same messages, answered in the page. */
  function SearchInPage() {
    var target = new EventTarget();
    var latest = 0;
    function reply(data) {
      target.dispatchEvent(new MessageEvent("message", { data: data }));
    }
    function answer(text, verbatim) {
      var asked = ++latest;
      results(text, verbatim).then(function (found) {
        if (asked !== latest) return;  // a later keystroke has overtaken this one
        reply({ type: RESULT, data: { items: found.items } });
        var meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
        if (meta && found.total > found.items.length) {
          meta.textContent = found.total + " matching documents; the best " + found.items.length + " are listed. Add a word to narrow the search.";
        }
        correctionNote(found.corrected, text, function () { answer(text, true); });
        if (found.total || !words(text).length) return noResultsNote("", {});
        return load("manifest").then(function (manifest) { noResultsNote(text, manifest.links); });
      }).catch(function (error) {
        if (asked !== latest) return;
        reply({ type: RESULT, data: { items: [] } });
        var meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
        if (meta) meta.textContent = "Search could not load its index. Reload the page to try again.";
        console.error(error);
      });
    }
    target.postMessage = function (message) {
      if (message.type === SETUP) {
        setTimeout(function () { reply({ type: READY }); });
      } else if (message.type === QUERY) {
        answer(message.data, false);
      }
    };
    target.terminate = function () {};
    return target;
  }

  var NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    if (/\/workers\/search\.[^/]*\.js$/.test(new URL(url, location.href).pathname)) return new SearchInPage();
    return new NativeWorker(url, options);
  };

  window.peSearch = {
    file: function (file) { received[file.file] = file; },
    examples: examples,
    results: results,
    correction: correction
  };
})();
