/* sphinx-modelterms: the filter box of indexes and tables.
 *
 * The build writes an empty div.mt-filter first in each index (.mt-index)
 * and table (.mt-table) that has a box, with data- attributes: what each
 * entry can be found by (title, aliases, short definition, in the order of
 * the entries) and the box's words in the page's language.  This script
 * builds the labelled search field and a polite live region in it; without
 * the script the div stays empty and every entry shows.
 *
 * Typing keeps the entries whose text holds every word typed, ignoring case
 * and accents; a group (the heading and list of a letter, category or
 * level, or a long table's heading row) with no entry left hides too, with
 * its link in the bar of initials.  Escape in the field clears it.  A classic script, so it works
 * from file://; entries are found by class name, not by nesting.
 */
(function () {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;
  try {
    MARKS = new RegExp("\\p{M}", "gu");
  } catch (e) {
    // an older browser: the common combining accents only
  }
  var ANNOUNCE_DELAY = 250; // ms of quiet typing before the count is read out

  function fold(text) {
    return String(text).normalize("NFKD").replace(MARKS, "").toLowerCase();
  }

  function keysOf(box, entries) {
    var keys = null;
    try {
      keys = JSON.parse(box.getAttribute("data-mt-filter-keys") || "null");
    } catch (e) {
      keys = null;
    }
    // the entries as written, should their number differ from the build's
    var written = !Array.isArray(keys) || keys.length !== entries.length;
    return entries.map(function (entry, i) {
      return fold(written ? entry.textContent : keys[i]);
    });
  }

  function headingOf(list) {
    // the group's heading: the closest element before its list that is one
    for (var el = list.previousElementSibling; el; el = el.previousElementSibling) {
      if (el.classList.contains("mt-index-group")) {
        return el;
      }
      if (el.classList.contains("mt-index-list")) {
        return null;
      }
    }
    return null;
  }

  function groupRowOf(row) {
    // a long table's heading row for ``row``: the closest one above it
    for (var el = row.previousElementSibling; el; el = el.previousElementSibling) {
      if (el.classList.contains("mt-table-group")) {
        return el;
      }
    }
    return null;
  }

  function linksTo(listing, ids, holder) {
    // the jump bar's links to a group, outside the group itself
    return Array.prototype.filter.call(
      listing.querySelectorAll("a[href^='#']"),
      function (link) {
        var target = decodeURIComponent(link.getAttribute("href").slice(1));
        return target && ids.indexOf(target) >= 0 && !holder.contains(link);
      }
    );
  }

  function partsOf(listing, holder) {
    // what hides with a group: its list (or heading row), its heading and
    // the links to it
    if (holder.classList.contains("mt-table-group")) {
      return [holder].concat(linksTo(listing, [holder.id], holder));
    }
    var heading = holder.classList.contains("mt-index-list") && headingOf(holder);
    if (!heading) {
      return [holder];
    }
    var ids = [heading.id].concat(
      Array.prototype.map.call(heading.querySelectorAll("[id]"), function (el) {
        return el.id;
      })
    );
    var prev = heading.previousElementSibling;
    if (prev && prev.id && !prev.textContent.trim()) {
      ids.push(prev.id); // an anchor of its own before the heading
    }
    return [holder, heading].concat(linksTo(listing, ids, holder));
  }

  function groupsOf(listing, entries) {
    var groups = [];
    entries.forEach(function (entry) {
      var holder =
        (entry.tagName === "TR" && groupRowOf(entry)) ||
        entry.closest(".mt-index-list, table") ||
        entry.parentElement;
      var last = groups[groups.length - 1];
      if (last && last.holder === holder) {
        last.entries.push(entry);
        return;
      }
      groups.push({ holder: holder, parts: partsOf(listing, holder), entries: [entry] });
    });
    return groups;
  }

  function setUp(box) {
    var listing = box.closest(".mt-index, .mt-table") || box.parentElement;
    var entries = Array.prototype.slice.call(
      // a long table's heading rows (mt-table-group) are not entries
      listing.querySelectorAll(
        ".mt-index-entry, .mt-term-table tbody > tr:not(.mt-table-group)"
      )
    );
    if (!entries.length) {
      return;
    }
    var keys = keysOf(box, entries);
    var groups = groupsOf(listing, entries);
    var statusText = box.getAttribute("data-mt-filter-status") || "{shown} / {total}";
    var noneText = box.getAttribute("data-mt-filter-none") || "";

    var label = document.createElement("label");
    label.className = "mt-filter-label";
    var words = document.createElement("span");
    words.className = "mt-filter-words";
    words.textContent = box.getAttribute("data-mt-filter-label") || "";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "mt-filter-input";
    input.autocomplete = "off";
    input.spellcheck = false;
    label.appendChild(words);
    label.appendChild(input);
    var status = document.createElement("p");
    status.className = "mt-filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    box.appendChild(label);
    box.appendChild(status);
    box.classList.add("mt-filter-ready");

    var timer = 0;
    function apply() {
      var wanted = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry, i) {
        var match = wanted.every(function (word) {
          return keys[i].indexOf(word) >= 0;
        });
        entry.hidden = !match;
        shown += match ? 1 : 0;
      });
      groups.forEach(function (group) {
        var empty = group.entries.every(function (entry) {
          return entry.hidden;
        });
        group.parts.forEach(function (part) {
          part.hidden = empty;
        });
      });
      var text = shown
        ? statusText
            .replace("{shown}", String(shown))
            .replace("{total}", String(entries.length))
        : noneText;
      box.classList.toggle("mt-filter-none", !shown);
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        status.textContent = text;
      }, ANNOUNCE_DELAY);
    }

    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault(); // the field is cleared here, not by the browser
        input.value = "";
        apply();
      }
    });
  }

  function start() {
    document.querySelectorAll("div.mt-filter").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
