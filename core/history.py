import simple_history


def track_history(model, **options):
    """Record every change of a model with django-simple-history.

    Translated models call this from their app's translation.py: simple-history copies the model's
    fields when the history model is built, and the per-language fields exist only once
    modeltranslation has registered the model.
    """
    simple_history.register(model, **options)
