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

  document.addEventListener("pointerover", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (lastPointer === "touch") return; // taps are handled on click
    var link = linkOf(event.target);
    if (link) {
      clearTimeout(hideTimer);
      if (link !== openLink) {
        clearTimeout(showTimer);
        showTimer = setTimeout(function () { show(link); }, SHOW_DELAY);
      }
    } else if (inTip(event.target)) {
      clearTimeout(hideTimer);
    }
  });

  document.addEventListener("pointerout", function (event) {
    if ((event.pointerType || "mouse") === "touch") return;
    var from = linkOf(event.target) || inTip(event.target);
    if (!from) return;
    var to = event.relatedTarget;
    if (to && (inTip(to) || (openLink && openLink.contains(to)))) return;
    if (!openTip) clearTimeout(showTimer);
    else hideSoon();
  });

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
