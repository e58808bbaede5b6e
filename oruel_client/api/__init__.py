# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""Contains methods for accessing the API"""
