/* sphinx-modelterms: term tooltips.
 *
 * Progressive enhancement of the markup the build writes: every term link
 * (a.mt-ref) names its tooltip with aria-describedby, and the tooltip
 * (div[role=tooltip], hidden) sits at the end of the page.  This script only
 * shows, places and hides them.  A classic script (no modules, no fetch), so
 * it works from file://; a few listeners on the document, nothing per link.
 *
 * Behaviour (WCAG 2.2 SC 1.4.13): opens after a short hover and at once on
 * keyboard focus; stays while the pointer is on the link or the tooltip;
 * closes on Escape, on blur, and shortly after the pointer leaves both.
 * While the pointer travels from the link towards its open tooltip, other
 * links it crosses on the way neither open nor close anything (a safe
 * triangle from where it left the link to the tooltip's near edge); once it
 * leaves that triangle or stops getting closer for the hide delay, the
 * usual rules take over again.
 * On touch, a first tap shows the tooltip and a second tap follows the link.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  function setting(name, fallback) {
    var value = script && parseInt(script.getAttribute(name), 10);
    return value >= 0 ? value : fallback;
  }
  var SHOW_DELAY = setting("data-mt-show-delay", 300);
  var HIDE_DELAY = setting("data-mt-hide-delay", 200);
  var GAP = 8; // px between link and tooltip, and from the viewport's edges

  var openLink = null; // the link whose tooltip is open
  var openTip = null;
  var showTimer = 0;
  var hideTimer = 0;
  var lastPointer = "mouse";
  var lastX = NaN; // where the pointer last moved, in viewport coordinates
  var lastY = NaN;
  // the pointer on its way from openLink to openTip: {x, y} where it left
  // the link, how close it has come to the tooltip, and a timer
  var grace = null;
  var waiting = null; // a link the pointer is on while the grace holds it back
  var waitingSince = 0;
  var SLACK = 4; // px of tolerance around the safe triangle

  function linkOf(target) {
    var el = target && target.closest ? target.closest("a.mt-ref[aria-describedby]") : null;
    return el && el.getAttribute("aria-describedby").indexOf("mt-tip-") === 0 ? el : null;
  }

  function tipOf(link) {
    return document.getElementById(link.getAttribute("aria-describedby"));
  }

  function inTip(target) {
    return !!(openTip && target && openTip.contains(target));
  }

  function clearTimers() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    dropGrace();
  }

  function place(link, tip) {
    var view = document.documentElement;
    var width = view.clientWidth;
    var height = view.clientHeight;
    var box = link.getBoundingClientRect(); // all lines of a wrapped link
    var first = link.getClientRects()[0] || box; // its first line, for left
    // the window without its scroll bar (100vw in the stylesheet counts it),
    // and never wider than the width the stylesheet sets
    var room = Math.max(120, width - 2 * GAP) + "px";
    tip.style.maxWidth = "min(var(--mt-tooltip-width), " + room + ")";
    var tipBox = tip.getBoundingClientRect();
    var below = box.bottom + GAP;
    var above = box.top - GAP - tipBox.height;
    var top = below;
    if (below + tipBox.height > height - GAP && above >= GAP) top = above;
    else if (below + tipBox.height > height - GAP) {
      // room on neither side: the side with more room, clamped inside
      top = box.top > height - box.bottom ? Math.max(GAP, above) : below;
    }
    var left = Math.min(first.left, width - GAP - tipBox.width);
    left = Math.max(GAP, left);
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
    tip.setAttribute("data-mt-side", top === below ? "below" : "above");
  }

  function show(link) {
    clearTimers();
    var tip = tipOf(link);
    if (!tip) return;
    if (openTip && openTip !== tip) hide();
    if (tip.parentNode !== document.body) document.body.appendChild(tip);
    tip.hidden = false;
    tip.classList.add("mt-tooltip-open");
    openLink = link;
    openTip = tip;
    place(link, tip);
  }

  function hide() {
    clearTimers();
    if (openTip) {
      openTip.hidden = true;
      openTip.classList.remove("mt-tooltip-open");
    }
    openLink = null;
    openTip = null;
  }

  function hideSoon() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function showSoon(link, delay) {
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, delay);
  }

  // -- the way from a link to its tooltip ---------------------------------

  // How far (x, y) is from the open tooltip's near edge, along the way out
  // of the link: 0 at the edge, 1 at the grace's start, NaN off the path.
  // The path is the triangle from (ax, ay) to the ends of that edge, a few
  // pixels wider all round.
  function alongPath(ax, ay, x, y) {
    var box = openTip.getBoundingClientRect();
    var edge = openTip.getAttribute("data-mt-side") === "above" ? box.bottom : box.top;
    var span = edge - ay;
    if (Math.abs(span) < 1) return NaN;
    var t = (y - ay) / span; // 0 where the pointer left the link, 1 at the edge
    if (t < 0 || t > 1) return NaN;
    var left = ax + (box.left - ax) * t - SLACK;
    var right = ax + (box.right - ax) * t + SLACK;
    return x >= left && x <= right ? 1 - t : NaN;
  }

  function startGrace(x, y) {
    var ax = isNaN(lastX) ? x : lastX; // the last point on the link
    var ay = isNaN(lastY) ? y : lastY;
    var rest = alongPath(ax, ay, x, y);
    if (isNaN(rest)) return false;
    grace = { x: ax, y: ay, rest: rest, timer: 0 };
    grace.timer = setTimeout(endGrace, HIDE_DELAY, false);
    return true;
  }

  function dropGrace() {
    if (grace) clearTimeout(grace.timer);
    grace = null;
    waiting = null;
  }

  // The pointer left the path, or stopped getting closer (timed out): the
  // link it is on opens after what is left of the usual delay, else the
  // open tooltip closes, at once if the pointer has rested long enough.
  function endGrace(left) {
    var link = waiting;
    var since = waitingSince;
    dropGrace();
    if (link) showSoon(link, Math.max(0, SHOW_DELAY - (Date.now() - since)));
    else if (left) hideSoon();
    else hide();
  }

  function followGrace(x, y) {
    var rest = alongPath(grace.x, grace.y, x, y);
    if (isNaN(rest)) endGrace(true);
    else if (rest < grace.rest) {
      // closer to the tooltip than ever: the grace runs on
      grace.rest = rest;
      clearTimeout(grace.timer);
      grace.timer = setTimeout(endGrace, HIDE_DELAY, false);
    }
  }

  document.addEventListener("pointerover", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (lastPointer === "touch") return; // taps are handled on click
    var link = linkOf(event.target);
    if (link && event.relatedTarget && link.contains(event.relatedTarget)) return;
    if (grace && link && link !== openLink) {
      waiting = link; // crossed on the way to the open tooltip: not yet
      waitingSince = Date.now();
    } else if (link) {
      dropGrace();
      clearTimeout(hideTimer);
      if (link !== openLink) showSoon(link, SHOW_DELAY);
    } else if (inTip(event.target)) {
      dropGrace();
      clearTimeout(hideTimer);
    }
  });

  document.addEventListener("pointerout", function (event) {
    if ((event.pointerType || "mouse") === "touch") return;
    var link = linkOf(event.target);
    if (!link && !inTip(event.target)) return;
    var to = event.relatedTarget;
    if (link && to && link.contains(to)) return; // within one link
    if (link && link !== openLink) {
      // whatever it leaves for, a link left before its delay never opens
      clearTimeout(showTimer);
      if (link === waiting) waiting = null;
    }
    if (grace || !openTip) return;
    if (to && (inTip(to) || openLink.contains(to))) return;
    if (link === openLink && startGrace(event.clientX, event.clientY)) return;
    hideSoon();
  });

  document.addEventListener("pointermove", function (event) {
    if (grace && event.pointerType !== "touch") {
      followGrace(event.clientX, event.clientY);
    }
    lastX = event.clientX;
    lastY = event.clientY;
  }, { passive: true });

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (openTip && !inTip(event.target) && !linkOf(event.target)) hide();
  });

  document.addEventListener("click", function (event) {
    if (lastPointer !== "touch") return;
    var link = linkOf(event.target);
    if (link && link !== openLink) {
      event.preventDefault(); // first tap: show; the next one follows the link
      show(link);
    }
  });

  document.addEventListener("focusin", function (event) {
    var link = linkOf(event.target);
    if (link && lastPointer !== "touch") show(link);
  });

  document.addEventListener("focusout", function (event) {
    if (openLink && event.target === openLink) hide();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && openTip) {
      hide();
    }
  });

  function reposition() {
    if (openLink && openTip) place(openLink, openTip);
  }
  window.addEventListener("resize", reposition, { passive: true });
  window.addEventListener("scroll", reposition, { passive: true });
})();
