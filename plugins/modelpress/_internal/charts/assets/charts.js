/*
 * Modelpress charts: draws the `chart` fences of a page with plotly.js.
 *
 * Loaded on every page because it is tiny; plotly.js itself (the 1.2 MB basic
 * bundle: bar and scatter are the only traces drawn) is
 * injected only when a page has a chart, after the text has painted, and each
 * chart is drawn when it scrolls into view. Setup hangs on Material's
 * `document$`, which emits after every instant navigation as well as on the
 * first load, and the charts follow the light/dark palette switch.
 */
(function () {
  "use strict";

  var CONFIGURED_URL = "__MODELPRESS_PLOTLY_URL__"; // set at build; empty: the bundled copy
  var own = document.currentScript;
  var plotlyUrl = CONFIGURED_URL || new URL("plotly-basic.min.js", own ? own.src : location.href).href;
  var SELECTOR = "[data-modelpress-chart]";
  // Okabe-Ito: distinguishable with the common colour-vision deficiencies, on light and dark.
  var COLORWAY = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];

  var loading = null;
  var observer = null;
  var drawn = [];
  var watchedBody = null;
  var narrowNow = null;

  document.documentElement.classList.add("modelpress-js");

  // Compiling plotly.js takes the main thread for a while: start only once the page is
  // loaded and its text has painted, so a chart page paints as fast as any other page.
  // The paint is observed, not assumed: on a busy machine "load" can come first.
  function loaded() {
    return new Promise(function (resolve) {
      if (document.readyState === "complete") resolve();
      else window.addEventListener("load", function () { resolve(); }, { once: true });
    });
  }

  function firstContentfulPaint() {
    return new Promise(function (resolve) {
      var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
      if (types.indexOf("paint") < 0) { resolve(); return; }
      var observer = new PerformanceObserver(function (list) {
        if (list.getEntriesByName("first-contentful-paint").length) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe({ type: "paint", buffered: true });
    });
  }

  function afterFirstPaint() {
    return Promise.all([loaded(), firstContentfulPaint()]).then(function () {
      return new Promise(function (resolve) {
        requestAnimationFrame(function () { setTimeout(resolve, 0); });
      });
    });
  }

  function injectPlotly() {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = plotlyUrl;
      tag.async = true;
      tag.onload = function () { resolve(window.Plotly); };
      tag.onerror = function () {
        loading = null;
        reject(new Error("modelpress: could not load plotly.js from " + plotlyUrl));
      };
      document.body.appendChild(tag);
    });
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) loading = afterFirstPaint().then(injectPlotly);
    return loading;
  }

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.body).getPropertyValue(name).trim();
    return value || fallback;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // Deep merge: the figure's own layout wins over the theme, key by key.
  function merge(base, over) {
    var out = {};
    Object.keys(base).forEach(function (key) { out[key] = base[key]; });
    Object.keys(over).forEach(function (key) {
      out[key] = isObject(out[key]) && isObject(over[key]) ? merge(out[key], over[key]) : over[key];
    });
    return out;
  }

  function theme(narrow) {
    var fg = cssVar("--md-default-fg-color", "#000000");
    var faint = cssVar("--md-default-fg-color--lightest", "rgba(0,0,0,0.07)");
    var axis = {
      gridcolor: faint, linecolor: faint, zerolinecolor: faint,
      automargin: true, title: { font: { size: narrow ? 11 : 13 } }
    };
    return {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: { family: cssVar("--md-text-font-family", "sans-serif"), color: fg, size: narrow ? 11 : 13 },
      colorway: COLORWAY,
      margin: { l: narrow ? 8 : 12, r: 8, t: 8, b: 8 },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      hoverlabel: { bgcolor: cssVar("--md-default-bg-color", "#ffffff"), bordercolor: fg, font: { color: fg } },
      xaxis: axis,
      yaxis: merge(axis, {})
    };
  }

  // The build writes what repeats once (see modelpress/charts/figures.py); spell it out per trace.
  function expand(spec) {
    var strings = spec.s || [];
    var defaults = spec.td || {};
    return JSON.parse(JSON.stringify(spec.data || [])).map(function (trace) {
      Object.keys(defaults).forEach(function (key) {
        if (trace[key] === undefined) trace[key] = defaults[key];
      });
      if (trace.x === undefined && spec.x) trace.x = spec.x.slice();
      if (trace.customdata === undefined && spec.ids) trace.customdata = spec.ids.slice();
      if (trace.hovertemplate === undefined && spec.ht) trace.hovertemplate = spec.ht;
      if (trace.h) {
        trace.hovertext = trace.h.map(function (lines) {
          return (lines || []).map(function (i) { return strings[i]; }).join("<br>");
        });
        delete trace.h;
      }
      if (trace.yrep !== undefined) {
        var value = trace.yrep;
        trace.y = (trace.x || []).map(function () { return value; });
        delete trace.yrep;
      }
      return trace;
    });
  }

  function figureFor(el, spec) {
    var narrow = el.clientWidth < 520;
    var fg = cssVar("--md-default-fg-color", "#000000");
    var layout = merge(theme(narrow), spec.layout || {});
    (layout.annotations || []).forEach(function (note) { note.font = { color: fg }; });
    var data = expand(spec);
    data.forEach(function (trace) {
      if (trace.marker && trace.marker.line) trace.marker.line.color = fg;
      if (trace.error_y) trace.error_y.color = fg;
      if (trace.type === "scatter" && trace.textfont === undefined) trace.textfont = { color: fg };
    });
    return { data: data, layout: layout, narrow: narrow };
  }

  function navigate(el, point) {
    var link = el._modelpressSpec.link;
    if (!link || !point || typeof point.customdata !== "string") return;
    // A real link, clicked: Material's instant navigation intercepts it like any other.
    var anchor = document.createElement("a");
    anchor.href = link[0] + encodeURIComponent(point.customdata) + link[1];
    anchor.hidden = true;
    el.parentNode.appendChild(anchor);
    anchor.click();
    anchor.remove();
  }

  function draw(el) {
    if (el._modelpressSpec) return;
    var spec;
    try {
      spec = JSON.parse(el.getAttribute("data-modelpress-chart"));
    } catch (error) {
      console.warn("modelpress: chart data is not JSON", error);
      return;
    }
    el._modelpressSpec = spec;
    loadPlotly().then(function (Plotly) {
      var fig = figureFor(el, spec);
      return Plotly.newPlot(el, fig.data, fig.layout, {
        responsive: true, displayModeBar: false, scrollZoom: false
      }).then(function () {
        el._modelpressNarrow = fig.narrow;
        el.classList.add("modelpress-chart__plot--drawn");
        var details = el.parentNode.querySelector(".modelpress-chart__data");
        if (details) details.removeAttribute("open");
        el.on("plotly_click", function (event) { navigate(el, event.points && event.points[0]); });
        drawn.push(el);
      });
    }).catch(function (error) {
      el._modelpressSpec = null;
      el.classList.add("modelpress-chart__plot--failed");
      console.warn(error && error.message ? error.message : error);
    });
  }

  function restyleAll() {
    if (!window.Plotly) return;
    drawn = drawn.filter(function (el) { return el.isConnected; });
    drawn.forEach(function (el) {
      var fig = figureFor(el, el._modelpressSpec);
      el._modelpressNarrow = fig.narrow;
      window.Plotly.react(el, fig.data, fig.layout);
    });
  }

  function watchPalette() {
    if (watchedBody === document.body) return;
    watchedBody = document.body;
    new MutationObserver(restyleAll).observe(document.body, {
      attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-primary"]
    });
  }

  function onResize() {
    var narrow = window.innerWidth < 600;
    if (narrow !== narrowNow) {
      narrowNow = narrow;
      restyleAll();
    }
  }

  function setup() {
    var charts = document.querySelectorAll(SELECTOR);
    drawn = drawn.filter(function (el) {
      if (el.isConnected) return true;
      if (window.Plotly) window.Plotly.purge(el);
      return false;
    });
    if (!charts.length) return;
    watchPalette();
    if (!("IntersectionObserver" in window)) {
      charts.forEach(draw);
      return;
    }
    if (observer) observer.disconnect();
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    charts.forEach(function (el) { observer.observe(el); });
  }

  narrowNow = window.innerWidth < 600;
  window.addEventListener("resize", onResize);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
