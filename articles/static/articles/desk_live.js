/* The article form while someone works on it: autosave of the typed fields (every few
   seconds, and on leaving the page) with an offer to restore them on the next visit, and a
   presence heartbeat that says who else has the article open. */
// Loaded in the admin's <head> with the form's media: starts once the form is there.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var live = document.getElementById("desk-live");
  var form = document.getElementById("article_form");
  if (!live || !form) {
    return;
  }
  var FIELDS = ["title", "slug", "standfirst", "body"];
  var AUTOSAVE_MS = 5000;
  var HEARTBEAT_MS = 15000;

  function csrfToken() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function field(name) {
    return document.getElementById("id_" + name);
  }

  function values() {
    var data = {};
    FIELDS.forEach(function (name) {
      if (field(name)) {
        data[name] = field(name).value;
      }
    });
    return data;
  }

  function post(url, params) {
    params.csrfmiddlewaretoken = csrfToken();
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      body: new URLSearchParams(params),
    }).then(function (response) { return response.json(); });
  }

  // Autosave: only once something was typed, and never after the form was submitted.
  var opened = JSON.stringify(values());
  var lastSaved = opened;
  var submitting = false;
  var status = document.getElementById("autosave-status");

  function autosave() {
    var now = JSON.stringify(values());
    if (submitting || now === lastSaved) {
      return;
    }
    lastSaved = now;
    post(live.dataset.autosaveUrl, { data: now }).then(function () {
      status.textContent = "Unsaved changes kept at " + new Date().toLocaleTimeString() + ".";
    });
  }
  setInterval(autosave, AUTOSAVE_MS);
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("pagehide", function () {
    var now = JSON.stringify(values());
    if (submitting || now === lastSaved) {
      return;
    }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    data.append("data", now);
    navigator.sendBeacon(live.dataset.autosaveUrl, data);
  });

  // The offer to restore what was kept last time, drawn with the page when it differs from
  // the form (the edits come with it, so restoring them is at once).
  var offer = document.getElementById("autosave-offer");
  var keptData = document.getElementById("autosave-kept");
  if (keptData) {
    var kept = JSON.parse(keptData.textContent);
    document.getElementById("autosave-restore").addEventListener("click", function () {
      Object.keys(kept).forEach(function (name) {
        if (field(name)) {
          field(name).value = kept[name];
          field(name).dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
      offer.hidden = true;
      status.textContent = "Restored: save the form to keep them.";
    });
    document.getElementById("autosave-dismiss").addEventListener("click", function () {
      post(live.dataset.autosaveUrl, { discard: "1" });
      offer.hidden = true;
    });
  }

  // Presence: who else has this article open.
  var presence = document.getElementById("presence");
  function heartbeat() {
    post(live.dataset.presenceUrl, {}).then(function (answer) {
      // The page came with the line already drawn: touch it only when it changes.
      if (presence.textContent !== answer.text) {
        presence.textContent = answer.text;
        presence.hidden = !answer.text;
      }
    });
  }
  heartbeat();
  setInterval(heartbeat, HEARTBEAT_MS);
  window.addEventListener("pagehide", function () {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    data.append("leave", "1");
    navigator.sendBeacon(live.dataset.presenceUrl, data);
  });
});
