"""Which renditions an image gets, drawn once at upload (or when its focal point moves).

Responsive widths for `srcset`, each in WebP and in a fallback every browser reads (JPEG, or PNG
where the image has transparency); crops around the focal point for the fixed ratios cards,
posters and avatars use; and a 1200-pixel-wide JPEG for social cards. No width is larger than
the image itself: a small image gets its own width as its widest rendition, not an enlargement.
"""

from dataclasses import dataclass

from .processing import crop_box

# crop name -> (ratio or None for the whole image, widths)
CROPS = {
    "orig": (None, (320, 640, 960, 1280, 1920)),
    "16x9": ((16, 9), (320, 640, 960, 1280)),
    "2x3": ((2, 3), (160, 320, 640)),
    "1x1": ((1, 1), (80, 160, 320)),
}
SOCIAL_CROP = "social"
SOCIAL_WIDTH = 1200
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass(frozen=True)
class Spec:
    crop: str
    ratio: tuple[int, int] | None
    width: int
    format: str

    @property
    def name(self) -> str:
        return f"{self.crop}-{self.width}.{EXTENSIONS[self.format]}"


def widths_for(available: int, wanted: tuple[int, ...]) -> list[int]:
    """The wanted widths no larger than `available`, and `available` itself when it falls
    short of the widest: the sharpest the image can be, never enlarged."""
    widest = min(available, max(wanted))
    return [*(width for width in wanted if width < widest), widest]


def specs_for(width: int, height: int, *, has_alpha: bool, crops=None) -> list[Spec]:
    """Every rendition of a `width`×`height` image (of `crops`, by default all of them)."""
    fallback = "PNG" if has_alpha else "JPEG"
    specs = []
    for crop, (ratio, wanted) in CROPS.items():
        if crops is not None and crop not in crops:
            continue
        left, _, right, _ = crop_box(width, height, ratio, (0.5, 0.5))
        for each in widths_for(right - left, wanted):
            specs.append(Spec(crop, ratio, each, "WEBP"))
            specs.append(Spec(crop, ratio, each, fallback))
    if crops is None or SOCIAL_CROP in crops:
        left, _, right, _ = crop_box(width, height, (16, 9), (0.5, 0.5))
        specs.append(Spec(SOCIAL_CROP, (16, 9), min(SOCIAL_WIDTH, right - left), "JPEG"))
    return specs
