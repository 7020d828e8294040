"""The Streamlit user interface: small modules that wire ``zones`` (core) and ``maps`` together.

Nothing here computes geometry or plans; every user-visible string comes from
:mod:`zones.i18n` (``app.*`` keys).
"""
