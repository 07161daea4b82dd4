"""The limits on what freelancers upload, for the checks and for every sentence that states them.

Forms' help texts, error messages, templates and the API's documentation read these, so that a
limit changed here is changed everywhere it is written.
"""

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# "5 MB", as people read it.
MAX_UPLOAD_SIZE = f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
IMAGE_FORMATS_TEXT = "JPEG, PNG or WebP"
MAX_IMAGE_MEGAPIXELS = 40
# A client's document for an instant quote (engagements.document_quotes): larger, since a
# book-length .docx is a few MB; what it may unpack to, and a PDF's pages, are bounded too.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_DOCUMENT_SIZE = f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB"
MAX_DOCUMENT_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_DOCUMENT_PAGES = 2000
DOCUMENT_FORMATS_TEXT = ".docx, .odt, .pdf, .rtf, .txt or .md"
