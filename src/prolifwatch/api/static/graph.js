// The graph explorer (/graph) and the small graphs of entity and case pages.
// cytoscape.js with the dagre layout; no inline script or style (the CSP forbids them):
// the first graph comes in the #graph element's data-graph attribute, the rest from
// /api/v1/entities/{id}/graph.  Labels are set as data and drawn on a canvas, so text
// from documents never becomes markup.
(function () {
  "use strict";

  var NODE_COLOURS = { entity: "#0b5cad", document: "#6b7785", case: "#b35c00" };
  var TYPE_COLOURS = { Country: "#2e8b57", Person: "#c2410c", Item: "#9d174d", Vessel: "#0e7490" };

  function label(node) {
    var text = node.name || node.title || node.id;
    return text.length > 40 ? text.slice(0, 38) + "…" : text;
  }

  function elements(graph) {
    var found = [];
    graph.nodes.forEach(function (node) {
      found.push({ group: "nodes", data: Object.assign({}, node, { label: label(node) }) });
    });
    graph.edges.forEach(function (edge) {
      found.push({ group: "edges",
                   data: Object.assign({}, edge, { id: edge.source + "\u0001" + edge.kind + "\u0001" + edge.target }) });
    });
    return found;
  }

  function styles() {
    return [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 9, "text-wrap": "wrap", "text-max-width": 120,
        "text-valign": "bottom", "text-margin-y": 3, "width": 18, "height": 18,
        "background-color": function (n) { return TYPE_COLOURS[n.data("type")] || NODE_COLOURS[n.data("kind")] || "#888"; },
        "shape": function (n) { return { document: "round-rectangle", "case": "diamond" }[n.data("kind")] || "ellipse"; } } },
      { selector: "node[depth = 0]", style: { "width": 28, "height": 28, "border-width": 3, "border-color": "#111" } },
      { selector: "node.expanded", style: { "border-width": 2, "border-color": "#444" } },
      { selector: "edge", style: {
        "width": 1.2, "line-color": "#b8c2cc", "target-arrow-color": "#b8c2cc", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "label": "data(kind)", "font-size": 7, "color": "#5b6672", "text-rotation": "autorotate" } },
      { selector: "edge[kind = 'mentioned_in']", style: { "line-style": "dotted", "label": "" } },
      { selector: ".filtered", style: { "display": "none" } }
    ];
  }

  function layout(cy) {
    cy.layout({ name: "dagre", rankDir: "LR", nodeSep: 12, rankSep: 90, animate: false, fit: true }).run();
  }

  function create(container, graph) {
    var cy = window.cytoscape({ container: container, elements: elements(graph), style: styles(),
                                minZoom: 0.1, maxZoom: 3 });
    layout(cy);
    return cy;
  }

  function fetchGraph(url) {
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.message || ("HTTP " + response.status)); }
        return body;
      });
    });
  }

  function neighbourhoodUrl(id, limit) {
    return "/api/v1/entities/" + encodeURIComponent(id) + "/graph?depth=1&limit=" + encodeURIComponent(limit);
  }

  function pageOf(data) {
    var id = encodeURIComponent(data.id);
    if (data.kind === "entity") { return "/entities/" + id; }
    if (data.kind === "case") { return "/cases/" + id; }
    return data.in_collection === false ? null : "/documents/" + id;
  }

  // Open a node's page on double tap, everywhere a graph is drawn.
  function openOnDoubleTap(cy) {
    cy.on("dbltap", "node", function (event) {
      var page = pageOf(event.target.data());
      if (page) { window.location.href = page; }
    });
  }

  window.prolifwatchGraph = { create: create, fetchGraph: fetchGraph, elements: elements, layout: layout,
                              neighbourhoodUrl: neighbourhoodUrl, openOnDoubleTap: openOnDoubleTap };

  // -- the explorer -------------------------------------------------------------
  function checkbox(fieldset, value, onChange) {
    if (fieldset.querySelector('input[value="' + CSS.escape(value) + '"]')) { return; }
    var labelElement = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = value;
    input.addEventListener("change", onChange);
    labelElement.appendChild(input);
    labelElement.appendChild(document.createTextNode(" " + value.replace(/_/g, " ") + " "));
    fieldset.appendChild(labelElement);
  }

  function unchecked(fieldset) {
    var off = {};
    fieldset.querySelectorAll("input:not(:checked)").forEach(function (input) { off[input.value] = true; });
    return off;
  }

  function Explorer(container) {
    this.container = container;
    this.limit = container.getAttribute("data-limit") || "25";
    this.status = document.getElementById("graph-status");
    this.nodeKinds = document.getElementById("node-kinds");
    this.edgeKinds = document.getElementById("edge-kinds");
    var graph = JSON.parse(container.getAttribute("data-graph"));
    this.cy = create(container, graph);
    this.cy.nodes("[depth < " + graph.depth + "]").addClass("expanded");
    this.refreshFilters();
    this.showTruncated(graph.truncated, true);
    var self = this;
    this.cy.on("tap", "node", function (event) { self.expand(event.target); });
    openOnDoubleTap(this.cy);
    document.getElementById("download-gexf").addEventListener("click", function () { self.download("gexf"); });
    document.getElementById("download-graphml").addEventListener("click", function () { self.download("graphml"); });
    document.getElementById("relayout").addEventListener("click", function () { layout(self.cy); });
  }

  Explorer.prototype.say = function (text) { if (this.status) { this.status.textContent = text; } };

  Explorer.prototype.expand = function (node) {
    if (node.hasClass("expanded")) { return; }
    var self = this;
    node.addClass("expanded");
    this.say("Expanding " + node.data("label") + " …");
    fetchGraph(neighbourhoodUrl(node.id(), this.limit)).then(function (graph) {
      var depth = (node.data("depth") || 0) + 1;
      var added = elements(graph).filter(function (element) {
        return self.cy.getElementById(element.data.id).empty();
      }).map(function (element) {
        if (element.group === "nodes") { element.data.depth = depth; }
        return element;
      });
      self.cy.add(added);
      self.refreshFilters();
      self.showTruncated(graph.truncated, false);
      layout(self.cy);
      self.say(node.data("label") + ": " + added.filter(function (e) { return e.group === "nodes"; }).length +
               " new nodes");
    }).catch(function (error) {
      node.removeClass("expanded");
      self.say("Could not expand " + node.data("label") + ": " + error.message);
    });
  };

  Explorer.prototype.refreshFilters = function () {
    var self = this;
    var apply = function () { self.applyFilters(); };
    this.cy.nodes().forEach(function (n) { checkbox(self.nodeKinds, n.data("kind"), apply); });
    this.cy.edges().forEach(function (e) { checkbox(self.edgeKinds, e.data("kind"), apply); });
    this.applyFilters();
  };

  Explorer.prototype.applyFilters = function () {
    var nodesOff = unchecked(this.nodeKinds), edgesOff = unchecked(this.edgeKinds);
    this.cy.batch(function () {
      this.cy.elements().removeClass("filtered");
      this.cy.nodes().filter(function (n) { return nodesOff[n.data("kind")]; }).addClass("filtered");
      this.cy.edges().filter(function (e) {
        return edgesOff[e.data("kind")] || e.source().hasClass("filtered") || e.target().hasClass("filtered");
      }).addClass("filtered");
    }.bind(this));
  };

  Explorer.prototype.showTruncated = function (truncated, replace) {
    var list = document.getElementById("truncated");
    if (!list) { return; }
    var ids = Object.keys(truncated || {});
    if (replace || ids.length) {
      var none = list.querySelector(".none");
      if (none && ids.length) { none.remove(); }
    }
    ids.forEach(function (id) {
      var cut = truncated[id];
      var item = list.querySelector('li[data-node="' + CSS.escape(id) + '"]') || document.createElement("li");
      item.setAttribute("data-node", id);
      item.textContent = id + ": " + cut.omitted + " of " + cut.candidates + (cut.complete ? "" : "+") +
                         " neighbours not shown (kept " + cut.kept + ")";
      list.appendChild(item);
    });
  };

  // What is on screen: the nodes not filtered out and the edges between them.
  Explorer.prototype.onScreen = function () {
    var strip = function (data, drop) {
      var copy = Object.assign({}, data);
      drop.forEach(function (key) { delete copy[key]; });
      return copy;
    };
    var visible = this.cy.elements().not(".filtered");
    return {
      nodes: visible.nodes().map(function (n) { return strip(n.data(), ["label"]); }),
      edges: visible.edges().map(function (e) { return strip(e.data(), ["id"]); })
    };
  };

  Explorer.prototype.download = function (format) {
    var self = this;
    this.say("Preparing " + format.toUpperCase() + " …");
    fetch("/api/v1/graph/export?format=" + format, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": window.prolifwatch.csrfToken() },
      body: JSON.stringify(this.onScreen())
    }).then(function (response) {
      if (!response.ok) { return response.json().then(function (b) { throw new Error(b.message); }); }
      return response.blob();
    }).then(function (blob) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "prolifwatch-graph." + format;
      document.body.appendChild(link);
      link.click();
      link.remove();
      self.say("Downloaded " + self.cy.nodes().not(".filtered").length + " nodes as " + format.toUpperCase());
    }).catch(function (error) { self.say("Download failed: " + error.message); });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("graph");
    if (container && container.hasAttribute("data-graph") && window.cytoscape) {
      window.prolifwatchExplorer = new Explorer(container);
    }
  });
})();
