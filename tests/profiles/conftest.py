from tests.s3 import s3_endpoint, s3_media  # noqa: F401 (fixtures for the S3 media tests)
