/*
 * The article editor (docs/editing-guide.md): the Markdown box with its live preview beside
 * it on wide screens, and the checks list.
 *
 * - From 1200px wide the preview, with the readability panel and the checks list, sits beside
 *   the Markdown and stays in view (static/css/admin-preview.css); as the Markdown scrolls,
 *   the preview scrolls to the same part, heading by heading where the headings match.
 * - After each preview markdownx fires "markdownx.update"; the checks list is then asked again
 *   of /admin/markdownx/checks/ (editorial/preview.py), with what markdownx does not send: the
 *   article's kind, title, summary, slug and at-a-glance facts. Each finding's button selects its
 *   line in the Markdown and shows its heading, image or link in the preview.
 *
 * Runs under the site's Content-Security-Policy: a static file, no inline script or style
 * attribute (styles set through element.style are CSSOM, which the policy allows).
 */
(() => {
  "use strict";

  const WIDE = window.matchMedia("(min-width: 1200px)");
  const HEADING = /^ {0,3}#{2,6}[ \t]/;
  const TARGETS = { heading: "h2, h3, h4, h5, h6", image: "img", link: "a" };
  const FORM_FIELDS = ["kind", "title", "summary", "slug"];
  const HOLD_MS = 1500; // after a jump, how long the preview keeps the place it was sent to (past the redraw)
  const FLASH_MS = 1600; // how long the preview marks what a jump showed
  const MIRRORED = [
    "boxSizing", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth",
    "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderStyle", "fontFamily", "fontSize",
    "fontWeight", "fontStyle", "letterSpacing", "lineHeight", "textTransform", "wordSpacing", "textIndent",
    "tabSize", "overflowWrap", "wordBreak",
  ];

  const clamp = (value, low, high) => Math.min(high, Math.max(low, value));

  function cookie(name) {
    const found = document.cookie.split("; ").find((part) => part.startsWith(name + "="));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  function fieldValue(form, name) {
    const field = form ? form.elements.namedItem(name) : null;
    return field && typeof field.value === "string" ? field.value : "";
  }

  // The at-a-glance facts as JSON: one JSON box, or one box a fact (at_a_glance-<key>).
  function facts(form) {
    if (!form) return "";
    const one = form.elements.namedItem("at_a_glance");
    if (one && typeof one.value === "string") return one.value;
    const found = {};
    for (const field of form.elements) {
      const key = /^at_a_glance-(\w+)$/.exec(field.name || "");
      if (key && field.value.trim()) found[key[1]] = field.value.trim();
    }
    return JSON.stringify(found);
  }

  // Where each character index falls, in pixels from the top of the textarea's text: a hidden
  // copy of the textarea with a marker at each index.
  function measure(textarea, indexes) {
    const style = window.getComputedStyle(textarea);
    const mirror = document.createElement("div");
    for (const name of MIRRORED) mirror.style[name] = style[name];
    Object.assign(mirror.style, {
      position: "absolute", visibility: "hidden", left: "-10000px", top: "0", height: "auto",
      overflow: "hidden", whiteSpace: "pre-wrap", overflowWrap: "break-word",
      width: textarea.clientWidth + parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth) + "px",
    });
    mirror.style.boxSizing = "border-box";
    const text = textarea.value;
    const marks = [];
    let from = 0;
    for (const index of indexes) {
      const mark = document.createElement("span");
      mark.textContent = "\u200b";
      mirror.append(text.slice(from, index), mark);
      marks.push(mark);
      from = index;
    }
    mirror.append(text.slice(from) + "\n");
    document.body.append(mirror);
    const tops = marks.map((mark) => mark.offsetTop);
    mirror.remove();
    return tops;
  }

  function lineStart(text, line) {
    let start = 0;
    for (let n = 1; n < line; n += 1) {
      const next = text.indexOf("\n", start);
      if (next < 0) return text.length;
      start = next + 1;
    }
    return start;
  }

  function setUp(root) {
    const editor = root.querySelector("textarea.markdownx-editor");
    const preview = root.querySelector(".markdownx-preview");
    if (!editor || !preview || root.classList.contains("editor")) return;
    const form = editor.form;
    const checksUrl = new URL("../checks/", new URL(editor.dataset.markdownxUrlsPath, window.location.href)).pathname;

    // The layout: the Markdown, and beside it (under it on narrow screens) the checks and the preview.
    root.classList.add("editor");
    const row = root.closest(".form-row");
    if (row) row.classList.add("editor-row");
    const side = document.createElement("div");
    side.className = "editor-side";
    const checks = document.createElement("details");
    checks.className = "editor-checks";
    checks.open = true;
    const summary = document.createElement("summary");
    const count = document.createElement("span");
    count.className = "editor-checks-count";
    count.setAttribute("role", "status");
    summary.append("Checks ", count);
    const list = document.createElement("div");
    list.className = "editor-checks-body";
    checks.append(summary, list);
    preview.before(side);
    side.append(checks, preview);
    preview.tabIndex = 0; // a scrolling region is reachable from the keyboard
    preview.setAttribute("role", "region");
    preview.setAttribute("aria-label", "Preview");

    let anchors = []; // [[y in the Markdown, y in the preview]] at each heading, after each update
    let holdUntil = 0;
    let flash = null; // what a jump showed in the preview, kept marked while the preview is redrawn
    let sentencesOpen = false;
    let frame = 0;

    const items = (kind) =>
      Array.from(preview.querySelectorAll(TARGETS[kind] || "none")).filter((el) => !el.closest(".readability-panel"));
    const panelHeight = () => {
      const panel = preview.querySelector(".readability-panel");
      return panel && WIDE.matches ? panel.offsetHeight : 0;
    };
    const previewScrolls = () => WIDE.matches && preview.scrollHeight - preview.clientHeight > 1;
    const topInPreview = (el) =>
      el.getBoundingClientRect().top - preview.getBoundingClientRect().top - preview.clientTop + preview.scrollTop;

    // Where the Markdown is being read: how far down its text the view is (px), how much of
    // it shows, its whole height, and how far through its scrolling it is (0 to 1).
    function view() {
      const own = editor.scrollHeight - editor.clientHeight;
      if (own > 1) {
        return { top: editor.scrollTop, shown: editor.clientHeight, total: editor.scrollHeight, fraction: editor.scrollTop / own };
      }
      const box = editor.getBoundingClientRect();
      const shown = Math.min(window.innerHeight, box.height);
      const room = box.height - shown;
      const top = clamp(-box.top, 0, Math.max(room, 0));
      return { top, shown, total: box.height, fraction: room > 0 ? top / room : 0 };
    }

    function findAnchors() {
      anchors = [];
      if (!WIDE.matches) return;
      const starts = [];
      let index = 0;
      for (const line of editor.value.split("\n")) {
        if (HEADING.test(line)) starts.push(index);
        index += line.length + 1;
      }
      const headings = items("heading");
      if (!starts.length || starts.length !== headings.length) return; // proportional, then
      const tops = measure(editor, starts);
      const below = panelHeight();
      headings.forEach((heading, i) => {
        const at = [tops[i], topInPreview(heading) - below];
        const last = anchors.length ? anchors[anchors.length - 1] : [0, 0];
        if (at[0] > last[0] && at[1] > last[1]) anchors.push(at);
      });
    }

    function follow() {
      frame = 0;
      if (!previewScrolls() || Date.now() < holdUntil) return;
      const { top, shown, total, fraction } = view();
      // The point followed runs from the top of the text (at the start) to its end (at the
      // end), so both ends line up; in between it goes heading by heading.
      const y = top + fraction * shown;
      const points = [[0, 0], ...anchors.filter(([at]) => at < total), [total, preview.scrollHeight]];
      let i = 0;
      while (i < points.length - 2 && y > points[i + 1][0]) i += 1;
      const [[y0, p0], [y1, p1]] = [points[i], points[i + 1]];
      const mapped = y1 > y0 ? p0 + ((y - y0) / (y1 - y0)) * (p1 - p0) : p0;
      preview.scrollTop = clamp(mapped - fraction * preview.clientHeight, 0, preview.scrollHeight - preview.clientHeight);
    }

    const schedule = () => {
      if (!frame) frame = window.requestAnimationFrame(follow);
    };
    const relayout = () => {
      findAnchors();
      schedule();
    };

    // The checks list.
    let asked = "";
    let sequence = 0;

    function show(html) {
      list.innerHTML = html;
      const result = list.querySelector("[data-count]");
      const found = result ? Number(result.dataset.count) : 0;
      const stops = result ? Number(result.dataset.stops) : 0;
      count.textContent = found
        ? `(${found} to look at${stops ? `, ${stops} stopping saving or publishing` : ""})`
        : "(nothing to fix)";
      checks.classList.toggle("editor-checks-stops", stops > 0);
    }

    function askChecks() {
      const fields = { content: editor.value, at_a_glance: facts(form) };
      for (const name of FORM_FIELDS) fields[name] = fieldValue(form, name);
      const key = JSON.stringify(fields);
      if (key === asked) return;
      asked = key;
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) data.append(name, value);
      data.append("csrfmiddlewaretoken", fieldValue(form, "csrfmiddlewaretoken") || cookie("csrftoken"));
      const mine = (sequence += 1);
      fetch(checksUrl, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
        .then((html) => {
          if (mine === sequence) show(html);
        })
        .catch(() => {
          if (mine !== sequence) return;
          asked = "";
          count.textContent = "(could not run: the list shows the last result)";
        });
    }

    function jump(button) {
      const line = parseInt(button.dataset.line, 10);
      const target = button.dataset.target ? button.dataset.target.split(":") : null;
      const element = target ? items(target[0])[Number(target[1])] : null;
      if (line > 0) {
        const text = editor.value;
        const start = lineStart(text, line);
        const end = text.indexOf("\n", start) < 0 ? text.length : text.indexOf("\n", start);
        const at = button.dataset.select ? text.slice(start, end).indexOf(button.dataset.select) : -1;
        const [from, to] = at >= 0 ? [start + at, start + at + button.dataset.select.length] : [start, end];
        if (element) holdUntil = Date.now() + HOLD_MS;
        editor.focus({ preventScroll: true });
        editor.setSelectionRange(from, to);
        const [y] = measure(editor, [from]);
        if (editor.scrollHeight - editor.clientHeight > 1) {
          editor.scrollTop = Math.max(0, y - editor.clientHeight / 3);
        } else {
          window.scrollTo(window.scrollX, window.scrollY + editor.getBoundingClientRect().top + y - window.innerHeight / 3);
        }
      }
      if (!element) return;
      if (previewScrolls()) {
        holdUntil = Date.now() + HOLD_MS;
        preview.scrollTop = topInPreview(element) - panelHeight() - 16;
      } else if (!(line > 0)) {
        element.scrollIntoView({ block: "center" });
      }
      flash = { target, until: Date.now() + FLASH_MS };
      mark();
      window.setTimeout(mark, FLASH_MS);
    }

    // Marks the element a jump showed until its time is up; markdownx may redraw the preview
    // meanwhile (focusing the Markdown asks for a new preview).
    function mark() {
      for (const old of preview.querySelectorAll(".editor-flash")) old.classList.remove("editor-flash");
      if (!flash || Date.now() >= flash.until) return;
      const element = items(flash.target[0])[Number(flash.target[1])];
      if (element) element.classList.add("editor-flash");
    }

    root.addEventListener("markdownx.update", () => {
      const sentences = preview.querySelector(".readability-sentences");
      if (sentences) sentences.open = sentencesOpen;
      mark();
      relayout();
      askChecks();
    });
    // "toggle" does not bubble: listen on the way down.
    preview.addEventListener("toggle", (event) => {
      if (event.target.matches(".readability-sentences")) sentencesOpen = event.target.open;
    }, true);
    preview.addEventListener("load", relayout, true); // a picture changes the heights
    list.addEventListener("click", (event) => {
      const button = event.target.closest(".check-jump");
      if (button) jump(button);
    });
    if (form) {
      form.addEventListener("change", (event) => {
        const name = event.target.name || "";
        if (FORM_FIELDS.includes(name) || name.startsWith("at_a_glance")) askChecks();
      });
    }
    editor.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", relayout);
    WIDE.addEventListener("change", relayout);
    if (preview.childElementCount) {
      relayout(); // markdownx's first preview came before this ran
      askChecks();
    }
  }

  const start = () => document.querySelectorAll(".markdownx").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
