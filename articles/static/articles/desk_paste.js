/* Pasting into the article body from a word processor, Google Docs or a web page: the
   clipboard's HTML becomes the body's Markdown (paragraphs, headings, bold, italic, links,
   lists, blockquotes) instead of flat text that loses every film title's italics. Anything else
   (styles, images, scripts, layout) is dropped; plain text pastes as the browser pastes it.
   The HTML is parsed into an inert document (DOMParser runs no script and loads nothing) and
   only its text and a few tags are read; the server sanitises the rendering as always. */
// Loaded in the admin's <head> with the form's media: starts once the form is there.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var body = document.getElementById("id_body");
  if (!body || !body.dataset.previewUrl) {
    return;
  }

  var SKIP = /^(HEAD|SCRIPT|STYLE|TEMPLATE|TITLE|META|LINK|IMG|PICTURE|SVG|VIDEO|AUDIO|IFRAME|OBJECT|BUTTON|INPUT|SELECT|TEXTAREA|NOSCRIPT)$/i;
  var BLOCK = /^(P|DIV|SECTION|ARTICLE|HEADER|FOOTER|ASIDE|MAIN|FIGURE|FIGCAPTION|TABLE|THEAD|TBODY|TR|TD|TH|PRE|ADDRESS|DL|DT|DD|HR)$/;
  var LINK_SCHEMES = /^(https?:|mailto:)/i;

  function style(node, name) {
    return (node.style && node.style[name]) || "";
  }

  function isBold(node) {
    var weight = style(node, "fontWeight");
    if (node.nodeName === "B" || node.nodeName === "STRONG") {
      // Google Docs wraps a whole paste in <b style="font-weight:normal">.
      return weight !== "normal" && weight !== "400";
    }
    return weight === "bold" || parseInt(weight, 10) >= 600;
  }

  function isItalic(node) {
    var slant = style(node, "fontStyle");
    if (/^(I|EM|CITE)$/.test(node.nodeName)) {
      return slant !== "normal";
    }
    return slant === "italic" || slant === "oblique";
  }

  function containsBlock(node) {
    return Array.prototype.some.call(node.querySelectorAll("*"), function (child) {
      return BLOCK.test(child.nodeName) || /^(H[1-6]|UL|OL|LI|BLOCKQUOTE)$/.test(child.nodeName);
    });
  }

  // Markdown's own characters in pasted text stay text.
  function escape(text) {
    return text.replace(/([\\`*_[\]])/g, "\\$1");
  }

  // Emphasis must hug its words: "** bold**" is not bold in Markdown.
  function wrap(text, mark) {
    var parts = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
    return parts[2] ? parts[1] + mark + parts[2] + mark + parts[3] : text;
  }

  function convert(root) {
    var blocks = []; // {text, item}: list items follow each other without a blank line
    var line = "";

    function flush(item) {
      var text = line
        .replace(/[ \t\u00a0]+/g, " ")
        .replace(/ ?\n ?/g, "\n")
        .trim();
      line = "";
      if (text) {
        blocks.push({ text: text, item: Boolean(item) });
      }
    }

    function inline(node) {
      var saved = line;
      line = "";
      walk(node);
      var inner = line;
      line = saved;
      return inner;
    }

    function walk(node) {
      Array.prototype.forEach.call(node.childNodes, function (child) {
        if (child.nodeType === Node.TEXT_NODE) {
          line += escape(child.data.replace(/\s+/g, " "));
          return;
        }
        if (child.nodeType !== Node.ELEMENT_NODE || SKIP.test(child.nodeName)) {
          return;
        }
        var name = child.nodeName;
        var css = child.getAttribute("style") || "";
        if (/mso-list:\s*ignore/i.test(css) || style(child, "display") === "none") {
          return; // Word's typed bullet before a list paragraph, hidden text
        }
        if (name === "BR") {
          line += "\n";
        } else if (/^H[1-6]$/.test(name)) {
          flush();
          line = (name === "H1" || name === "H2" ? "## " : "### ") + inline(child).replace(/\n/g, " ");
          flush();
        } else if (name === "UL" || name === "OL") {
          flush();
          var number = 0;
          Array.prototype.forEach.call(child.children, function (item) {
            number += 1;
            line = (name === "OL" ? number + ". " : "- ") + inline(item).replace(/\n/g, " ");
            flush(true);
          });
        } else if (name === "LI") {
          flush();
          line = "- " + inline(child).replace(/\n/g, " ");
          flush(true);
        } else if (name === "BLOCKQUOTE") {
          flush();
          convert(child).split("\n").forEach(function (quoted) {
            line += (quoted ? "> " + quoted : ">") + "\n";
          });
          flush();
        } else if (/MsoListParagraph/.test(child.className)) {
          flush();
          line = "- " + inline(child);
          flush(true);
        } else if (BLOCK.test(name)) {
          flush();
          walk(child);
          flush();
        } else if (name === "A" && LINK_SCHEMES.test(child.getAttribute("href") || "")) {
          var text = inline(child);
          var href = child.getAttribute("href").trim().replace(/[ ()]/g, function (c) {
            return "%" + c.charCodeAt(0).toString(16).toUpperCase();
          });
          line += text.trim() ? "[" + text + "](" + href + ")" : text;
        } else if (!containsBlock(child) && (isBold(child) || isItalic(child))) {
          var inner = inline(child);
          if (isItalic(child)) {
            inner = wrap(inner, "*");
          }
          if (isBold(child)) {
            inner = wrap(inner, "**");
          }
          line += inner;
        } else {
          walk(child);
        }
      });
    }

    walk(root);
    flush();
    return blocks
      .map(function (block, index) {
        var previous = blocks[index - 1];
        var join = index === 0 ? "" : block.item && previous.item ? "\n" : "\n\n";
        return join + block.text;
      })
      .join("");
  }

  body.addEventListener("paste", function (event) {
    var html = event.clipboardData && event.clipboardData.getData("text/html");
    if (!html) {
      return;
    }
    var markdown = convert(new DOMParser().parseFromString(html, "text/html").body);
    if (!markdown) {
      return;
    }
    event.preventDefault();
    body.focus();
    // As typing does, so that undo takes the paste back; setRangeText where it is refused.
    if (!document.execCommand("insertText", false, markdown)) {
      body.setRangeText(markdown, body.selectionStart, body.selectionEnd, "end");
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
});
