"""Pieces shared by every app: base models and admin classes, project-wide management commands."""
