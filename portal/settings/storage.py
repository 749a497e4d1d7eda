"""Where evidence files and exports are kept (imported by base.py): a folder on this server
(MEDIA_ROOT) by default, or an S3-compatible object store (MinIO or any other on the intranet) when
STORAGE_S3_BUCKET is set, so that web servers on several hosts share the same files. Either way the
portal reads and writes them only through Django's storage API (core/storage.py), and serves them
itself after checking who asks: the bucket stays private."""

from pathlib import Path

import environ
from botocore.config import Config

env = environ.Env()
environ.Env.read_env(Path(__file__).resolve().parent.parent.parent / ".env", overwrite=False)
BASE_DIR = Path(__file__).resolve().parent.parent.parent

MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

STORAGE_S3_BUCKET = env("STORAGE_S3_BUCKET", default="")
if STORAGE_S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "core.storage.PortalS3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            "endpoint_url": env("STORAGE_S3_ENDPOINT_URL", default="") or None,
            "access_key": env("STORAGE_S3_ACCESS_KEY", default="") or None,
            "secret_key": env("STORAGE_S3_SECRET_KEY", default="") or None,
            "region_name": env("STORAGE_S3_REGION", default="us-east-1"),
            # a folder inside the bucket, where it is shared with something else
            "location": env("STORAGE_S3_PREFIX", default=""),
            # MinIO and most intranet stores address buckets by path, not by host name
            "addressing_style": "path",
            "signature_version": "s3v4",
            "default_acl": "private",
            "file_overwrite": False,
            # a file read for a download is held in memory up to this size, beyond it in a temporary file
            "max_memory_size": 5 * 1024 * 1024,
            # an unreachable store is noticed in seconds, well within gunicorn's timeout
            "client_config": Config(
                connect_timeout=5, read_timeout=30, retries={"max_attempts": 2, "mode": "standard"}
            ),
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "core.storage.PortalFileStorage"}
