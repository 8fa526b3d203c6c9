/* Copy buttons for citations and embed code. Without this script (or without a clipboard) the
   buttons stay hidden and the text stays selectable: nothing depends on it. Loaded from our own
   origin, so the strict Content Security Policy (script-src 'self', no inline script) holds. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var status = document.getElementById("copy-status");
  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }
  document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = "value" in target ? target.value : target.textContent.trim();
      navigator.clipboard.writeText(text).then(
        function () { say("Copied: " + button.getAttribute("data-copy-label")); },
        function () { say("Could not copy; select the text and copy it instead."); }
      );
    });
  });
})();
