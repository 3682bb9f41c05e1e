// The article form's sources (articles/editorial/widgets.py): "Move up" and "Move down"
// buttons on each row. Without this script the position numbers do the same job; with it,
// a button moves the row and renumbers every position, so the order posted is the order on
// the screen. No inline script: the site's Content-Security-Policy allows only files.
(function () {
  "use strict";

  function rows(list) {
    return Array.prototype.slice.call(list.querySelectorAll("[data-source-row]"));
  }

  function renumber(list) {
    var all = rows(list);
    all.forEach(function (row, index) {
      var position = row.querySelector("[data-position]");
      if (position) {
        position.value = String(index + 1);
      }
      var up = row.querySelector("[data-move='up']");
      var down = row.querySelector("[data-move='down']");
      if (up) {
        up.disabled = index === 0;
      }
      if (down) {
        down.disabled = index === all.length - 1;
      }
    });
  }

  function button(direction, text, name) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "source-move-button";
    b.textContent = text;
    b.setAttribute("data-move", direction);
    b.setAttribute("aria-label", text + ": " + name);
    return b;
  }

  function enhance(list) {
    rows(list).forEach(function (row) {
      var legend = row.querySelector("legend");
      var name = legend ? legend.textContent.trim() : "source";
      var controls = row.querySelector("[data-source-controls]");
      if (!controls) {
        return;
      }
      var slot = document.createElement("div");
      slot.className = "source-move";
      slot.appendChild(button("up", "Move up", name));
      slot.appendChild(button("down", "Move down", name));
      controls.appendChild(slot);
    });
    list.addEventListener("click", function (event) {
      var b = event.target.closest("[data-move]");
      if (!b || b.disabled) {
        return;
      }
      var row = b.closest("[data-source-row]");
      var other = b.getAttribute("data-move") === "up" ? row.previousElementSibling : row.nextElementSibling;
      if (!other || !other.hasAttribute("data-source-row")) {
        return;
      }
      if (b.getAttribute("data-move") === "up") {
        list.insertBefore(row, other);
      } else {
        list.insertBefore(other, row);
      }
      renumber(list);
      if (b.disabled) {
        var enabled = row.querySelector("[data-move]:not([disabled])");
        if (enabled) {
          enabled.focus();
        }
      } else {
        b.focus();
      }
    });
    renumber(list);
  }

  function start() {
    document.querySelectorAll("[data-source-rows]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
