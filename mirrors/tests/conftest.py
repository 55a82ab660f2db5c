"""An S3-compatible server on loopback (moto's server mode) and mirror settings pointing at it."""

import socket

import boto3
import pytest

CREDENTIALS = {"access_key": "testing-key", "secret_key": "testing-secret", "region": "us-east-1"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_server():
    """moto's S3 server on a free loopback port; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    # moto keeps its buckets in the process, across servers: start each test empty.
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/moto-api/reset", method="POST"))  # noqa: S310
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region"],
    )


def bucket_files(endpoint, bucket, prefix):
    """{name under the prefix: bytes} of one bucket."""
    client = s3_client(endpoint)
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/"):
        for item in page.get("Contents", []):
            name = item["Key"][len(prefix) + 1 :]
            found[name] = client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
    return found


@pytest.fixture
def mirror_settings(settings, tmp_path, s3_server):
    """Two bucket origins on the moto server (each its own bucket, prefix and credentials) and a
    local directory; the copies under tmp_path."""
    client = s3_client(s3_server)
    for bucket in ("mirror-a", "mirror-b"):
        client.create_bucket(Bucket=bucket)
    settings.MIRROR_EXPORT_ROOT = str(tmp_path / "export")
    settings.MIRROR_ORIGINS = [
        {
            "name": "bucket-a",
            "kind": "s3",
            "endpoint_url": s3_server,
            "bucket": "mirror-a",
            "prefix": "hhd",
            **CREDENTIALS,
        },
        {
            "name": "bucket-b",
            "kind": "s3",
            "endpoint_url": s3_server,
            "bucket": "mirror-b",
            "prefix": "copy/x",
            **CREDENTIALS,
        },
        {"name": "disk", "kind": "local", "path": str(tmp_path / "disk")},
    ]
    settings.MIRROR_TEST_ENDPOINT = s3_server
    return settings
