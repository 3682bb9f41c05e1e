from django.conf import settings


class PermissionsPolicyMiddleware:
    """Turn off browser features no page here uses (Django has no setting for this header)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.policy)
        return response
