// The card form of an hourly contract (templates/timesheets/card.html). The card is entered
// in Stripe.js's field and saved to Stripe with confirmCardSetup (3-D Secure shown when the
// bank asks): its number never reaches our server. The form then posts only the SetupIntent's
// id, and the server records the card for the weekly off-session charges.
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  var errors = document.getElementById("card-errors");
  if (!form || !window.Stripe) {
    return;
  }
  var stripe = window.Stripe(form.dataset.stripeKey);
  var card = stripe.elements().create("card");
  card.mount("#card-element");
  var button = document.getElementById("save-card-button");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    stripe
      .confirmCardSetup(form.dataset.setupSecret, { payment_method: { card: card } })
      .then(function (result) {
        if (result.error) {
          errors.innerHTML = "";
          var line = document.createElement("p");
          line.textContent = result.error.message || "The card could not be saved.";
          errors.appendChild(line);
          button.disabled = false;
          return;
        }
        form.elements.setup_intent.value = result.setupIntent.id;
        form.submit();
      });
  });
})();
