"""The payment pages, one module per feature: the milestone plan and its steps, the card form,
the freelancer's earnings, receipts, the staff's screens and Stripe's webhook."""
