"""Pieces shared by every app: a timestamped base model and small helpers. Not an app itself."""
