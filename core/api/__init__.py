"""The API's building blocks, named in `REST_FRAMEWORK` (settings) and used by every viewset:
pagination, errors, throttles, permissions, validators, rendering and record links."""
