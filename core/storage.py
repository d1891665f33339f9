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
