"""Liveness endpoint for the container orchestrator and the load balancer."""

from django.http import HttpResponse


class HealthCheckMiddleware:
    """Answer ``/healthz`` with 200 as long as the process serves requests.

    It runs before host validation and the HTTPS redirect, because health checks
    come from inside the deployment with an internal Host header over plain HTTP.
    It touches neither the database nor the cache: it says the process is alive.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            response = HttpResponse("ok\n", content_type="text/plain")
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
