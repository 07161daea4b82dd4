// The card form of a milestone's funding (templates/payments/fund.html).
// The card is entered in Stripe.js's field and saved to Stripe (confirmCardSetup): its number
// never reaches our server. The form then posts only the SetupIntent's id, and the server
// charges the milestone's amount. A card that asks for 3-D Secure comes back to this page,
// where confirmCardPayment shows the bank's check, then the browser returns to the site,
// which reads the outcome from Stripe.
(function () {
  "use strict";
  var errors = document.getElementById("card-errors");

  function showError(message) {
    errors.innerHTML = "";
    var line = document.createElement("p");
    line.textContent = message || "The card could not be saved. Check it and try again.";
    errors.appendChild(line);
  }

  var form = document.getElementById("card-form");
  if (form && window.Stripe) {
    var stripe = window.Stripe(form.dataset.stripeKey);
    var card = stripe.elements().create("card");
    card.mount("#card-element");
    var button = document.getElementById("pay-button");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      stripe
        .confirmCardSetup(form.dataset.setupSecret, { payment_method: { card: card } })
        .then(function (result) {
          if (result.error) {
            showError(result.error.message);
            button.disabled = false;
            return;
          }
          form.elements.setup_intent.value = result.setupIntent.id;
          form.submit();
        });
    });
  }

  var check = document.getElementById("card-authentication");
  if (check && window.Stripe) {
    window
      .Stripe(check.dataset.stripeKey)
      .confirmCardPayment(check.dataset.paymentSecret)
      .then(function () {
        window.location.assign(check.dataset.returnUrl);
      });
  }
})();
