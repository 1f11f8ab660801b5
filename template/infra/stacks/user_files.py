"""The rules of user files, as plain data: the bucket's policies and the API's grants (storage.py,
api.py), the local stack and the backend's tests follow the same access levels, takedown tag
and serving rules."""

# User files follow Amplify's access levels, and every key names its owner's identity pool id:
# `<level>/<identity id>/...`. Only that identity writes or deletes under it (the identity pool's
# role, or an upload form the API signs for it); signed-in users read these levels' keys of
# anyone, and their own keys of the other levels; the CDN serves public/ to everyone.
STORAGE_LEVELS = ("public", "protected", "private")
SHARED_LEVELS = ("public", "protected")
# An object a moderator took down carries this tag (backend storage.take_down): the files
# bucket's policy lets nobody read it, the CDN included, until the tag goes (storage.restore).
TAKEDOWN_TAG = ("takedown", "true")

# What the files CDN lets a browser display inline; it serves every other type of user file as
# a download (Content-Disposition: attachment), and every file with this policy (a sandboxed
# document with no sources, as GitHub serves raw user files): an upload never runs as our page.
INLINE_CONTENT_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif")
FILES_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
# Where the local stack's twin of the files CDN serves public/ keys, on the local gateway.
LOCAL_FILES_PATH = "/cdn/"

# The function S3 ObjectCreated events go to (backend triggers/uploads.py): the infra and the
# local stack name it the same.
UPLOAD_RECORDER = "upload-recorder"
