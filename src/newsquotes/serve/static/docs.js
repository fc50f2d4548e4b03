// The API docs page: Swagger UI (files of the installed swagger-ui-py package) over
// /api/v1/openapi.json, or, when that package is absent, a plain list of the operations.
"use strict";
(function () {
  const SPEC = "/api/v1/openapi.json";
  if (typeof window.SwaggerUIBundle === "function") {
    window.SwaggerUIBundle({ url: SPEC, dom_id: "#swagger-ui", deepLinking: true });
    return;
  }
  const root = document.getElementById("swagger-ui");
  fetch(SPEC).then((r) => r.json()).then((spec) => {
    root.textContent = "";
    const h = document.createElement("h1");
    h.textContent = spec.info.title + " " + spec.info.version;
    root.appendChild(h);
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const section = document.createElement("section");
        const title = document.createElement("h2");
        title.textContent = method.toUpperCase() + " " + path;
        const summary = document.createElement("p");
        summary.textContent = (op.summary || "") + (op.description ? " — " + op.description : "");
        section.append(title, summary);
        const params = op.parameters || [];
        if (params.length) {
          const list = document.createElement("ul");
          for (const p of params) {
            const item = document.createElement("li");
            item.textContent = p.name + " (" + p.in + ")" + (p.description ? ": " + p.description : "");
            list.appendChild(item);
          }
          section.appendChild(list);
        }
        root.appendChild(section);
      }
    }
  });
})();
