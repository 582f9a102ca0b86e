(function () {
  "use strict";
  // Reads only data- attributes that claimgraph generates (indices, fixed names); never record text.
  document.documentElement.classList.add("js");  // toggles work: show them
  var palette = JSON.parse(document.body.getAttribute("data-palette") || "[]");
  var fallback = palette[palette.length - 1] || "#e5e7eb";

  function stripes(colours) {
    if (colours.length === 0) { return "none"; }
    if (colours.length === 1) { return colours[0]; }
    var n = colours.length;
    return "linear-gradient(180deg," + colours.map(function (c, k) {
      return c + " " + Math.round(100 * k / n) + "% " + Math.round(100 * (k + 1) / n) + "%";
    }).join(",") + ")";
  }

  function paint(rec, text) {
    var on = !text.classList.contains("hide-techniques");
    var hidden = {};
    rec.querySelectorAll("input[data-tech]").forEach(function (box) {
      if (!box.checked) { hidden[box.getAttribute("data-tech")] = true; }
    });
    text.querySelectorAll(".m-tech").forEach(function (seg) {
      var colours = [];
      if (on) {
        seg.getAttribute("data-t").split(" ").forEach(function (i) {
          if (i !== "" && !hidden[i]) { colours.push(palette[Number(i)] || fallback); }
        });
      }
      seg.style.background = stripes(colours);
    });
  }

  document.querySelectorAll("section.record").forEach(function (rec) {
    var text = rec.querySelector(".text");
    if (!text) { return; }
    rec.querySelectorAll("input[data-layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
        paint(rec, text);
      });
    });
    rec.querySelectorAll("input[data-tech]").forEach(function (box) {
      box.addEventListener("change", function () { paint(rec, text); });
    });
    rec.querySelectorAll("[data-ref]").forEach(function (row) {
      var refs = row.getAttribute("data-ref").split(" ").filter(function (r) { return /^[a-z][0-9]+$/.test(r); });
      function marked() {
        var out = [];
        refs.forEach(function (r) {
          text.querySelectorAll('[data-refs~="' + r + '"]').forEach(function (s) { out.push(s); });
        });
        return out;
      }
      row.addEventListener("mouseenter", function () {
        marked().forEach(function (s) { s.classList.add("focus"); });
      });
      row.addEventListener("mouseleave", function () {
        marked().forEach(function (s) { s.classList.remove("focus"); });
      });
      row.addEventListener("click", function () {
        var segs = marked();
        if (segs.length) { segs[0].scrollIntoView({ behavior: "smooth", block: "center" }); }
      });
    });
  });
})();
