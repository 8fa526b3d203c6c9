"use strict";
// The import review screen. A quote's span is fixed by selecting its words in the passage and
// pressing "Use selected text" in its row: the selection becomes the row's (hidden) start and
// end, offsets in the article's text. A speaker chosen or typed replaces the proposed name shown
// in the row. A static file, as the admin's Content-Security-Policy allows no inline script.
(function () {
  function passage() {
    return document.querySelector(".import-passage");
  }

  // The passage's line holding a DOM point, or, for a point between lines, the next line.
  function lineAt(node, offset) {
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const line = element && element.closest(".import-passage__line");
    if (line) {
      return { line: line, inside: true };
    }
    const root = passage();
    let child = node === root ? root.childNodes[offset] : null;
    while (child && !(child.classList && child.classList.contains("import-passage__line"))) {
      child = child.nextSibling;
    }
    return { line: child, inside: false };
  }

  // A DOM point in the passage as an offset in the article's text: the line's own offset
  // (data-start, which counts line endings as the text has them) plus the characters before
  // the point within the line.
  function textOffset(node, offset) {
    const found = lineAt(node, offset);
    if (!found.line) {
      return Number(passage().dataset.length);
    }
    const start = Number(found.line.dataset.start);
    if (!found.inside) {
      return start;
    }
    const before = document.createRange();
    before.setStart(found.line, 0);
    before.setEnd(node, offset);
    return start + before.toString().length;
  }

  function selectedSpan() {
    const root = passage();
    const selection = window.getSelection();
    if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return null;
    }
    const range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) {
      return null;
    }
    const start = textOffset(range.startContainer, range.startOffset);
    const end = textOffset(range.endContainer, range.endOffset);
    return end > start ? { start: start, end: end, text: range.toString() } : null;
  }

  function useSelection(button) {
    const row = button.closest("tr");
    const note = row.querySelector(".span-note");
    const span = selectedSpan();
    if (!span) {
      note.textContent = "Select the quote's words in the passage first.";
      return;
    }
    row.querySelector("input[name$='-start']").value = span.start;
    row.querySelector("input[name$='-end']").value = span.end;
    const context = row.querySelector("td.field-in_context");
    context.textContent = "";
    const mark = document.createElement("mark");
    mark.textContent = span.text.trim();
    context.append("New span: ", mark);
    note.textContent = "Saved when you save the review.";
  }

  function showSpeaker(row, name) {
    const shown = row.querySelector("td.field-speaker .speaker-name");
    if (shown && name) {
      shown.textContent = name;
      const help = row.querySelector("td.field-speaker .help");
      if (help) {
        help.textContent = "chosen, saved when you save the review";
      }
    }
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button.use-selection");
    if (button) {
      event.preventDefault();
      useSelection(button);
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target.matches("input[name$='-new_person_name']")) {
      showSpeaker(event.target.closest("tr"), event.target.value.trim());
    }
  });

  // The speaker pickers are select2 widgets, which announce a choice through jQuery only.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("change", "select[name$='-person'], select[name$='-character']", function () {
      const option = this.options[this.selectedIndex];
      if (option && option.value) {
        showSpeaker(this.closest("tr"), option.text);
      }
    });
  }
})();
