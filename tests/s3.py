"""Media on a real S3 API (moto's server on loopback), configured as settings.py does it."""

import uuid

import boto3
import pytest

from tests.servers import moto_server

CREDENTIALS = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    with moto_server(tmp_path_factory.mktemp("moto")) as endpoint:
        yield endpoint


def s3_client(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **CREDENTIALS)


@pytest.fixture
def s3_media(settings, s3_endpoint):
    """STORAGES pointed at two fresh buckets: public images and private resumes."""
    public, private = f"media-{uuid.uuid4().hex[:12]}", f"private-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_endpoint)
    for bucket in (public, private):
        client.create_bucket(Bucket=bucket)
    common = {
        "endpoint_url": s3_endpoint,
        "region_name": REGION,
        "access_key": CREDENTIALS["aws_access_key_id"],
        "secret_key": CREDENTIALS["aws_secret_access_key"],
        "addressing_style": "path",
        "file_overwrite": False,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": public,
                "default_acl": "public-read",
                "querystring_auth": False,
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": private,
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        },
    }
    return {"client": client, "public": public, "private": private}
