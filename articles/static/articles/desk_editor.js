/* The article body editor of the desk: a formatting toolbar over the Markdown textarea, a
   live preview rendered by the server's public renderer, "insert quote", which searches
   published quotes and inserts a reference ([[quote:123]]) that renders as the quote's card,
   and "insert image", which searches the library and inserts [[image:45]] (its figure).
   Served from the project (no CDN) and loaded as a file, so the strict CSP holds. */
// Loaded in the admin's <head> with the form's media: starts once the form is there.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var body = document.getElementById("id_body");
  if (!body || !body.dataset.previewUrl) {
    return;
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function changed() {
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // Wrap the selection (or a placeholder) in `before` and `after`, selecting the inside.
  function surround(before, after, placeholder) {
    var start = body.selectionStart;
    var end = body.selectionEnd;
    var inner = body.value.slice(start, end) || placeholder;
    body.setRangeText(before + inner + after, start, end, "end");
    body.setSelectionRange(start + before.length, start + before.length + inner.length);
    body.focus();
    changed();
  }

  // Prefix every line the selection touches (a heading, a list, a blockquote).
  function prefixLines(prefixFor) {
    var value = body.value;
    var start = value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    var end = value.indexOf("\n", body.selectionEnd);
    if (end === -1) {
      end = value.length;
    }
    var lines = value.slice(start, end).split("\n");
    var text = lines
      .map(function (line, index) {
        return prefixFor(index) + line.replace(/^(#{1,6} |[-*] |\d+\. |> )/, "");
      })
      .join("\n");
    body.setRangeText(text, start, end, "select");
    body.focus();
    changed();
  }

  // Insert a block on lines of its own at the cursor.
  function insertBlock(text) {
    var start = body.selectionStart;
    var before = body.value.slice(0, start);
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    body.setRangeText(lead + text + "\n\n", start, body.selectionEnd, "end");
    body.focus();
    changed();
  }

  var editor = element("div", "desk-editor");
  var toolbar = element("div", "desk-editor__toolbar");
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", "Formatting");
  var panes = element("div", "desk-editor__panes");
  var preview = element("div", "desk-editor__preview prose");
  preview.id = "body-preview";
  preview.setAttribute("aria-live", "polite");
  preview.setAttribute("aria-label", "Preview, as readers will see it");
  body.parentNode.insertBefore(editor, body);
  editor.appendChild(toolbar);
  editor.appendChild(panes);
  panes.appendChild(body);
  panes.appendChild(preview);

  // A search box over records that a body may reference, opened from the toolbar: each
  // result inserts its reference ([[quote:123]], [[image:45]]) on a line of its own.
  function makePicker(kind, label, url, describe, none) {
    var picker = element("div", "desk-editor__picker");
    picker.hidden = true;
    picker.id = kind + "-picker";
    var search = element("input");
    search.type = "search";
    search.id = kind + "-search";
    search.placeholder = label;
    search.setAttribute("aria-label", label);
    var results = element("ul", "desk-editor__results");
    results.id = kind + "-results";
    results.setAttribute("aria-busy", "false");
    picker.appendChild(search);
    picker.appendChild(results);
    editor.insertBefore(picker, panes);

    // While a search is waiting or on its way the results are marked busy (and drawn faded):
    // they are about to be replaced. Only the last search asked is shown, whatever the order
    // the answers come back in.
    var asked = 0;
    function busy(yes) {
      results.setAttribute("aria-busy", yes ? "true" : "false");
    }
    function find() {
      var mine = ++asked;
      busy(true);
      fetch(url + "?q=" + encodeURIComponent(search.value), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (mine !== asked) {
            return;
          }
          busy(false);
          results.textContent = "";
          data.results.forEach(function (record) {
            var item = element("li");
            var choose = element("button", "desk-editor__result");
            choose.type = "button";
            choose.dataset.reference = record.reference;
            describe(choose, record);
            choose.addEventListener("click", function () {
              insertBlock(record.reference);
              picker.hidden = true;
            });
            item.appendChild(choose);
            results.appendChild(item);
          });
          if (!data.results.length) {
            results.appendChild(element("li", "desk-editor__none", none));
          }
        });
    }
    var searchTimer = null;
    search.addEventListener("input", function () {
      clearTimeout(searchTimer);
      asked += 1; // an answer to an earlier search, still on its way, is not shown
      busy(true);
      searchTimer = setTimeout(find, 250);
    });
    return function toggle() {
      pickers.forEach(function (other) {
        if (other !== picker) {
          other.hidden = true;
        }
      });
      picker.hidden = !picker.hidden;
      if (!picker.hidden) {
        search.focus();
        find();
      }
    };
  }

  var pickers = [];
  var toggleQuotes = makePicker(
    "quote",
    "Search quotes by text or speaker",
    body.dataset.quotesUrl,
    function (choose, quote) {
      choose.appendChild(element("span", "desk-editor__text", "“" + quote.text + "”"));
      choose.appendChild(element("span", "desk-editor__speaker", " — " + quote.speaker));
    },
    "No published quote matches."
  );
  var toggleImages = makePicker(
    "image",
    "Search images by title",
    body.dataset.imagesUrl,
    function (choose, image) {
      if (image.thumbnail) {
        var thumb = element("img", "desk-editor__thumb");
        thumb.src = image.thumbnail;
        thumb.alt = "";
        thumb.width = 48;
        thumb.height = 48;
        choose.appendChild(thumb);
      }
      choose.appendChild(element("span", "desk-editor__text", image.title));
      if (image.credit) {
        choose.appendChild(element("span", "desk-editor__speaker", " — " + image.credit));
      }
    },
    "No image matches."
  );
  pickers = Array.prototype.slice.call(editor.querySelectorAll(".desk-editor__picker"));

  var buttons = [
    ["heading-2", "H2", "Heading", function () { prefixLines(function () { return "## "; }); }],
    ["heading-3", "H3", "Subheading", function () { prefixLines(function () { return "### "; }); }],
    ["bold", "B", "Bold", function () { surround("**", "**", "bold text"); }],
    ["italic", "I", "Italic", function () { surround("*", "*", "italic text"); }],
    ["link", "Link", "Link", function () { surround("[", "](https://)", "link text"); }],
    ["bullets", "• List", "Bulleted list", function () { prefixLines(function () { return "- "; }); }],
    ["numbers", "1. List", "Numbered list", function () {
      prefixLines(function (index) { return index + 1 + ". "; });
    }],
    ["blockquote", "“ Quote", "Blockquote", function () { prefixLines(function () { return "> "; }); }],
    ["insert-quote", "Insert quote…", "Insert a quote from the database", toggleQuotes],
  ];
  if (body.dataset.imagesUrl) {
    buttons.push(["insert-image", "Insert image…", "Insert an image from the library", toggleImages]);
  }
  buttons.forEach(function (spec) {
    var button = element("button", "button desk-editor__button", spec[1]);
    button.type = "button";
    button.id = "editor-" + spec[0];
    button.title = spec[2];
    button.setAttribute("aria-label", spec[2]);
    button.addEventListener("click", spec[3]);
    toolbar.appendChild(button);
  });

  var previewTimer = null;
  function renderPreview() {
    fetch(body.dataset.previewUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      body: new URLSearchParams({ body: body.value }),
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        // Rendered and sanitised by the server's public renderer (articles/markup.py).
        preview.innerHTML = data.html;
      });
  }
  body.addEventListener("input", function () {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, 300);
  });
  renderPreview();
});
