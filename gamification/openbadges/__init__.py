"""Open Badges 2.0 hosted verification.

Spec: https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html and
the baking spec next to it.

* ``hosting``: the addresses and the JSON-LD of the issuer, badge classes and assertions;
* ``images``: the badge class image (uploaded or drawn) as PNG;
* ``baking``: the PNG with the assertion's address baked in (an iTXt chunk).
"""
