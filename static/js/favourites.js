// Save buttons (favourites) post in the background and flip in place. Without this script
// the same form posts and the server brings the visitor back to the same card.
"use strict";

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-favourite-toggle]");
  if (!form) return;
  event.preventDefault();
  // Not `disabled`: that would take the keyboard focus off the button. A second press
  // while the first is on its way is ignored instead.
  if (form.dataset.busy) return;
  form.dataset.busy = "true";
  const button = form.querySelector("button");
  let response = null;
  try {
    response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    response = null;
  }
  delete form.dataset.busy;
  const type = response ? response.headers.get("Content-Type") || "" : "";
  if (!response || !response.ok || !type.startsWith("application/json")) {
    // Let the server answer in full (a sign-in page, a refusal): post the form itself.
    form.submit();
    return;
  }
  const { saved } = await response.json();
  const label = form.querySelector(".favourite-toggle__label");
  button.setAttribute("aria-pressed", saved ? "true" : "false");
  label.textContent = saved ? label.dataset.saved : label.dataset.unsaved;
  form.elements.save.value = saved ? "0" : "1";
});
