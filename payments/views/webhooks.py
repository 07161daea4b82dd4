"""Stripe's webhook endpoint: no session, no CSRF token; the signature is the proof."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from payments import webhooks
from payments.exceptions import ProcessorUnavailable


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> JsonResponse:
    try:
        outcome = webhooks.handle(request.body, request.headers.get("Stripe-Signature", ""))
    except ValueError:
        return JsonResponse({"detail": "Not signed by Stripe."}, status=400)
    except ProcessorUnavailable as unavailable:
        # Stripe sends the event again later.
        response = JsonResponse({"detail": unavailable.message}, status=503)
        response["Retry-After"] = str(unavailable.retry_after)
        return response
    return JsonResponse({"received": True, "outcome": outcome})
