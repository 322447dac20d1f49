def public_endpoints_only(endpoints):
    """Keep the OpenAPI schema to our API; Wagtail's admin uses DRF for internal endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
