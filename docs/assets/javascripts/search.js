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
  var WEIGHTS = [1, 3, 10];  // a word in the text, in the section, tags or summary, in the title
  var PREFIX_ONLY = 0.6;  // a typed word that only starts a word counts for less than the whole word
  var EXAMPLE_BOOST = 1.5;  // practice examples come before the guide's own pages for the same words
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
     a synonym group (each word as written, or with an s added), which also match every entry of
     the group as whole words. */
  function units(text, manifest) {
    var typed = words(text);
    var found = [];
    for (var at = 0; at < typed.length;) {
      var best = null, bestGroup = null;
      manifest.synonyms.forEach(function (group) {
        group.forEach(function (entry) {
          var spelt = entry.every(function (word, index) {
            return typed[at + index] === word || typed[at + index] === word + "s";
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

  /* The word files that can hold words starting with prefix (whole: prefix itself, or with an s). */
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
    return Object.keys(wanted).map(function (key) {
      return "words/" + Array.prototype.map.call(new TextEncoder().encode(key), function (byte) {
        return (byte < 16 ? "0" : "") + byte.toString(16);
      }).join("");
    });
  }

  /* Documents holding one word: typed (matching the start of words) or whole (the word, or with an s);
     document number -> score. */
  function documentsFor(word, whole, manifest) {
    return Promise.all(wordFiles(word, whole, manifest).map(load)).then(function (shards) {
      var scores = new Map();
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (entry) {
          var exact = entry === word || (whole && entry === word + "s");
          if (!exact && (whole || entry.lastIndexOf(word, 0) !== 0)) return;
          var number = 0;
          shard[entry].forEach(function (code) {
            number += Math.floor(code / 4);
            var score = WEIGHTS[code % 4] * (exact ? 1 : PREFIX_ONLY);
            if (!(scores.get(number) >= score)) scores.set(number, score);
          });
        });
      });
      return scores;
    });
  }

  /* Documents holding every word of an entry; each scores by its least well placed word. */
  function documentsForEntry(entry, whole, manifest) {
    return Promise.all(entry.map(function (word) { return documentsFor(word, whole, manifest); })).then(function (each) {
      var scores = each[0];
      each.slice(1).forEach(function (next) {
        var both = new Map();
        scores.forEach(function (score, number) {
          if (next.has(number)) both.set(number, Math.min(score, next.get(number)));
        });
        scores = both;
      });
      return scores;
    });
  }

  /* Every document matching the query, with its score and the words that matched it. */
  function match(text) {
    return load("manifest").then(function (manifest) {
      if (!manifest.keySet) manifest.keySet = new Set(manifest.keys);
      var query = units(text, manifest);
      return Promise.all(query.map(function (unit) {
        var entries = [{ words: unit.typed, whole: false }].concat(unit.others.map(function (entry) { return { words: entry, whole: true }; }));
        return Promise.all(entries.map(function (entry) { return documentsForEntry(entry.words, entry.whole, manifest); })).then(function (found) {
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
      })).then(function (perUnit) {
        var matched = new Map();
        if (!perUnit.length) return { manifest: manifest, query: query, matched: matched };
        perUnit[0].forEach(function (first, number) {
          var score = 0, found = [];
          for (var index = 0; index < perUnit.length; index++) {
            var own = perUnit[index].get(number);
            if (!own) return;
            score += own.score;
            found = found.concat(own.words);
          }
          matched.set(number, { score: number < manifest.examples ? score * EXAMPLE_BOOST : score, words: found });
        });
        return { manifest: manifest, query: query, matched: matched };
      });
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

  /* For the browse page: the positions (in its index) of the examples matching text, or null when
     text has no words to look for. */
  function examples(text) {
    if (!words(text).length) return Promise.resolve(null);
    return fresh(function () { return match(text); }).then(function (result) {
      var found = new Set();
      result.matched.forEach(function (_, number) {
        if (number < result.manifest.examples) found.add(number);
      });
      return found;
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (char) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[char];
    });
  }

  /* Plain text as HTML, each word that matched marked. */
  function highlight(text, matchedWords) {
    var out = "", last = 0, pattern = /[\p{L}\p{N}\p{M}]+/gu, found;
    while ((found = pattern.exec(text))) {
      var word = fold(found[0]);
      var hit = matchedWords.some(function (wanted) {
        return word.lastIndexOf(wanted.word, 0) === 0 && (!wanted.whole || word === wanted.word || word === wanted.word + "s");
      });
      if (!hit) continue;
      out += escapeHtml(text.slice(last, found.index)) + "<mark>" + escapeHtml(found[0]) + "</mark>";
      last = found.index + found[0].length;
    }
    return out + escapeHtml(text.slice(last));
  }

  /* Material's result list: one entry per example or page (a page with its matching parts), best
     first; at most SHOWN of them, so a search fetches the titles of those only. */
  function results(text) {
    if (!words(text).length) return Promise.resolve({ items: [], total: 0 });
    return fresh(function () { return match(text); }).then(function (result) {
      var manifest = result.manifest, matched = result.matched;
      var groups = new Map();  // the example or page -> its matching documents, best first
      Array.from(matched.keys()).sort(function (a, b) {
        return matched.get(b).score - matched.get(a).score || a - b;
      }).forEach(function (number) {
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
        return { items: items, total: groups.size };
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
      unit.typed.forEach(function (word) { marks.push({ word: word, whole: false }); });
      unit.others.forEach(function (entry) {
        entry.forEach(function (word) { if (found.indexOf(word) !== -1) marks.push({ word: word, whole: true }); });
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

  /* Under the result count when nothing matches: where else to look. */
  function noResultsNote(text, links) {
    var container = document.querySelector("[data-md-component=search-result]");
    if (!container) return;
    var note = container.querySelector(".pe-search-none");
    if (!note) {
      note = document.createElement("div");
      note.className = "pe-search-none md-typeset";
      container.insertBefore(note, container.lastElementChild);
    }
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

  /* Stands in for Material's search worker: the same messages, answered in the page. */
  function SearchInPage() {
    var target = new EventTarget();
    var latest = 0;
    function reply(data) {
      target.dispatchEvent(new MessageEvent("message", { data: data }));
    }
    target.postMessage = function (message) {
      if (message.type === SETUP) {
        setTimeout(function () { reply({ type: READY }); });
      } else if (message.type === QUERY) {
        var asked = ++latest;
        results(message.data).then(function (found) {
          if (asked !== latest) return;  // a later keystroke has overtaken this one
          reply({ type: RESULT, data: { items: found.items } });
          var meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
          if (meta && found.total > found.items.length) {
            meta.textContent = found.total + " matching documents; the best " + found.items.length + " are listed. Add a word to narrow the search.";
          }
          if (found.total || !words(message.data).length) return noResultsNote("", {});
          return load("manifest").then(function (manifest) { noResultsNote(message.data, manifest.links); });
        }).catch(function (error) {
          if (asked !== latest) return;
          reply({ type: RESULT, data: { items: [] } });
          var meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
          if (meta) meta.textContent = "Search could not load its index. Reload the page to try again.";
          console.error(error);
        });
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
    results: results
  };
})();
