// Save buttons (favourites) post in the background and flip in place. Without this script
// the same form posts and the server brings the visitor back to the same card.
"use strict";

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-favourite-toggle]");
  if (!form) return;
  event.preventDefault();
  const button = form.querySelector("button");
  const wanted = form.elements.save;
  button.disabled = true;
  let response;
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
  button.disabled = false;
  const isJson = response && (response.headers.get("Content-Type") || "").startsWith("application/json");
  if (!response || !response.ok || !isJson) {
    // Let the server answer in full (a sign-in page, a refusal): post the form itself.
    form.submit();
    return;
  }
  const { saved } = await response.json();
  const label = form.querySelector(".favourite-toggle__label");
  button.setAttribute("aria-pressed", saved ? "true" : "false");
  label.textContent = saved ? label.dataset.saved : label.dataset.unsaved;
  wanted.value = saved ? "0" : "1";
});
