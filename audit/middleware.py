from auditlog.middleware import AuditlogMiddleware

from audit.addresses import client_address


class AuditActorMiddleware(AuditlogMiddleware):
    """auditlog's middleware (entries name the signed-in actor), reading the address the way
    the rest of the site does: auditlog's own trusts any `X-Forwarded-For`."""

    @staticmethod
    def _get_remote_addr(request):
        return client_address(request)

    @staticmethod
    def _get_remote_port(request):
        return None
