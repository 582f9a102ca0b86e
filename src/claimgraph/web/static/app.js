(function () {
  "use strict";
  // Served by the app (CSP script-src 'self'). Reads only data- attributes the app generates
  // (fixed class names, numeric indices, reference ids); record text is shown with textContent.
  var PALETTE = null;

  function techniqueColours() {
    if (PALETTE) { return PALETTE; }
    PALETTE = {};
    document.querySelectorAll("input[data-tech]").forEach(function (box) {
      var swatch = box.parentNode.querySelector(".swatch");
      var i = box.getAttribute("data-tech");
      if (swatch && /^[0-9]+$/.test(i)) { PALETTE[i] = getComputedStyle(swatch).backgroundColor; }
    });
    return PALETTE;
  }

  function paint(text) {
    var colours = techniqueColours();
    var on = !text.classList.contains("hide-techniques");
    var hidden = {};
    document.querySelectorAll("input[data-tech]").forEach(function (box) {
      if (!box.checked) { hidden[box.getAttribute("data-tech")] = true; }
    });
    text.querySelectorAll(".m-tech").forEach(function (seg) {
      var list = [];
      if (on) {
        (seg.getAttribute("data-t") || "").split(" ").forEach(function (i) {
          if (i !== "" && !hidden[i] && colours[i]) { list.push(colours[i]); }
        });
      }
      if (list.length === 0) { seg.style.background = "none"; return; }
      if (list.length === 1) { seg.style.background = list[0]; return; }
      var n = list.length;
      seg.style.background = "linear-gradient(180deg," + list.map(function (c, k) {
        return c + " " + Math.round(100 * k / n) + "% " + Math.round(100 * (k + 1) / n) + "%";
      }).join(",") + ")";
    });
  }

  function validRefs(value) {
    return (value || "").split(" ").filter(function (r) { return /^[a-z][0-9]+$/.test(r); });
  }

  function segmentsOf(text, refs) {
    var out = [];
    refs.forEach(function (r) {
      text.querySelectorAll('[data-refs~="' + r + '"]').forEach(function (s) { out.push(s); });
    });
    return out;
  }

  function clearFocus(text) {
    text.querySelectorAll(".focus").forEach(function (s) { s.classList.remove("focus"); });
    document.querySelectorAll("tr.focus").forEach(function (r) { r.classList.remove("focus"); });
  }

  function actorRefs(actorRef) {
    // an actor, what it says (statements it speaks) and what it does (events it is the source of)
    var refs = [actorRef];
    document.querySelectorAll('tr[data-speaker="' + actorRef + '"], tr[data-source="' + actorRef + '"]')
      .forEach(function (row) { refs = refs.concat(validRefs(row.getAttribute("data-ref"))); });
    return refs;
  }

  function showDetails(seg) {
    var box = document.getElementById("details");
    if (!box) { return; }
    var pre = box.querySelector(".note");
    var empty = box.querySelector(".empty");
    pre.textContent = seg.getAttribute("data-note") || "";
    pre.hidden = false;
    if (empty) { empty.hidden = true; }
  }

  function setupRecord(text) {
    document.querySelectorAll("input[data-layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
        paint(text);
      });
    });
    document.querySelectorAll("input[data-tech]").forEach(function (box) {
      box.addEventListener("change", function () { paint(text); });
    });
    function activate(seg) {
      text.querySelectorAll(".selected").forEach(function (s) { s.classList.remove("selected"); });
      seg.classList.add("selected");
      showDetails(seg);
      var actor = validRefs(seg.getAttribute("data-refs")).filter(function (r) { return r.charAt(0) === "a"; })[0];
      clearFocus(text);
      if (actor) { segmentsOf(text, actorRefs(actor)).forEach(function (s) { s.classList.add("focus"); }); }
    }
    text.addEventListener("click", function (ev) {
      var seg = ev.target.closest ? ev.target.closest(".seg") : null;
      if (seg) { activate(seg); }
    });
    text.addEventListener("keydown", function (ev) {
      if ((ev.key === "Enter" || ev.key === " ") && ev.target.classList && ev.target.classList.contains("seg")) {
        ev.preventDefault();
        activate(ev.target);
      }
    });
    document.querySelectorAll("tr[data-ref]").forEach(function (row) {
      var refs = validRefs(row.getAttribute("data-ref"));
      var actor = row.getAttribute("data-actor");
      if (actor && /^a[0-9]+$/.test(actor)) { refs = actorRefs(actor); }
      function go() {
        clearFocus(text);
        row.classList.add("focus");
        var segs = segmentsOf(text, refs);
        segs.forEach(function (s) { s.classList.add("focus"); });
        if (segs.length) { segs[0].scrollIntoView({ block: "center" }); showDetails(segs[0]); }
      }
      row.addEventListener("click", function (ev) { if (!ev.target.closest("a")) { go(); } });
      row.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(); } });
    });
    paint(text);
  }

  function setupProgress() {
    document.querySelectorAll("form[data-progress]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var p = form.querySelector(".progress");
        var button = form.querySelector("button[type=submit]");
        if (p) { p.hidden = false; }
        if (button) { button.disabled = true; }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("text");
    if (text && text.classList.contains("text")) { setupRecord(text); }
    setupProgress();
  });
})();
