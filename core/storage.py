"""Static files: how collectstatic stores them (hashed, compressed) and how the app serves them (WhiteNoise)."""

from typing import Any, ClassVar

from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed storage with hashed names, tolerant of XStatic jQuery UI's broken CSS references.

    The CSS of XStatic-jQuery-UI writes some image URLs percent-encoded with their quotes
    (``url(%22images%2F…%22)``), which point nowhere and would make collectstatic fail. The admin needs only
    jquery-ui.min.js, so inside xstatic/ such a reference is left as it is; everywhere else it still fails.
    """

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)
        if not name.startswith("xstatic/"):
            return convert

        def convert_or_leave(matchobj):
            try:
                return convert(matchobj)
            except ValueError:
                return matchobj["matched"]

        return convert_or_leave


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with the index of the collected files read once per process.

    WhiteNoise reads the size, date and compressed variants of every collected file (about 2,200) when its
    middleware is built. A server process builds its middleware chain once; Django's test client builds one per
    client, and the suite paid that scan some 600 times a run (a third of the time of the admin, page and workflow
    tests). The index depends only on the folder, the URL prefix and WhiteNoise's settings, which make its key;
    like WhiteNoise without autorefresh, it assumes the collected files do not change while the process runs.
    """

    _indexes: ClassVar[dict[tuple[Any, ...], dict[str, Any]]] = {}

    def update_files_dictionary(self, root, prefix):
        key = (root, prefix, self.max_age, self.allow_all_origins, self.charset, self.add_headers_function)
        key += (self.index_file,)
        if key not in self._indexes:
            files, self.files = self.files, {}
            super().update_files_dictionary(root, prefix)
            self._indexes[key], self.files = self.files, files
        self.files.update(self._indexes[key])
