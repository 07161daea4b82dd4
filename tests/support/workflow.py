"""The engagement workflow as the issue states it, written out by hand for the tests."""

STATES = ["requested", "accepted", "declined", "delivered", "completed", "cancelled"]
ACTIONS = ["accept", "decline", "deliver", "complete", "cancel"]
# (action, side, from) -> to
ALLOWED = {
    ("accept", "freelancer", "requested"): "accepted",
    ("decline", "freelancer", "requested"): "declined",
    ("deliver", "freelancer", "accepted"): "delivered",
    ("complete", "client", "delivered"): "completed",
    ("cancel", "client", "requested"): "cancelled",
    ("cancel", "client", "accepted"): "cancelled",
    ("cancel", "freelancer", "accepted"): "cancelled",
}
