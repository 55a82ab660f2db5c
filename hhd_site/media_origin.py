"""Where uploaded media are fetched from when they live on S3-compatible object storage.

Pages load their images from that origin, so the Content-Security-Policy (``img-src``) must
name it exactly; production.py derives both the storage settings and the policy from here, so
the URLs django-storages writes and the origin the policy allows cannot drift apart.
"""

from urllib.parse import urlsplit


def media_origin(
    custom_domain: str | None,
    endpoint_url: str | None,
    bucket: str,
    region: str | None,
    addressing_style: str | None = "path",
) -> str:
    """The origin (``scheme://host[:port]``) that media URLs of the bucket start with.

    - A custom domain (a CDN, or the bucket's own domain): ``https://<domain>``; django-storages
      writes ``https://<domain>/<key>``, so any path in the setting is not part of the origin.
    - An S3-compatible service's endpoint: the endpoint's own origin with path-style URLs
      (``<endpoint>/<bucket>/<key>``), or ``<scheme>://<bucket>.<host>`` with virtual-hosted ones.
    - Amazon S3 itself: the bucket's regional virtual-hosted domain,
      ``https://<bucket>.s3.<region>.amazonaws.com``.
    """
    if custom_domain:
        host = custom_domain.removeprefix("https://").removeprefix("http://").split("/", 1)[0]
        return f"https://{host}"
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        if not parts.scheme or not parts.netloc:
            raise ValueError(f"Not an absolute endpoint URL: {endpoint_url!r}")
        if addressing_style == "virtual":
            return f"{parts.scheme}://{bucket}.{parts.netloc}"
        return f"{parts.scheme}://{parts.netloc}"
    if not region:
        raise ValueError("Amazon S3 without a custom domain needs the bucket's region.")
    return f"https://{amazon_s3_domain(bucket, region)}"


def amazon_s3_domain(bucket: str, region: str) -> str:
    """The virtual-hosted domain of a bucket on Amazon S3."""
    return f"{bucket}.s3.{region}.amazonaws.com"
