"""The limits on what freelancers upload, for the checks and for every sentence that states them.

Forms' help texts, error messages, templates and the API's documentation read these, so that a
limit changed here is changed everywhere it is written.
"""

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# "5 MB", as people read it.
MAX_UPLOAD_SIZE = f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
IMAGE_FORMATS_TEXT = "JPEG, PNG or WebP"
MAX_IMAGE_MEGAPIXELS = 40
