"""CLIPImageProcessor's preprocessing written out with PIL and numpy, as Hugging Face transformers defines it
(the slow, PIL-based processor): convert("RGB"), resize so the shortest edge is `size.shortest_edge` with the
long edge truncated (get_resize_output_image_size: int(short * long / short_edge)), PIL resize with the configured
filter, centre crop at ((h - crop_h) // 2, (w - crop_w) // 2), rescale in float64 then float32, normalise in
float32. The independent reference the app's preprocessing is tested against; it imports nothing from the app."""
import numpy as np
from PIL import Image

# preprocessor_config.json's `resample` uses PIL's numbering.
PIL_FILTERS = {0: Image.NEAREST, 1: Image.LANCZOS, 2: Image.BILINEAR, 3: Image.BICUBIC, 4: Image.BOX,
               5: Image.HAMMING}


def resize_size(width, height, shortest_edge):
    """(width, height) after the resize, as transformers' get_resize_output_image_size(default_to_square=False)."""
    short, long = (width, height) if width <= height else (height, width)
    if short == shortest_edge:
        return width, height
    new_short, new_long = shortest_edge, int(shortest_edge * long / short)
    return (new_short, new_long) if width <= height else (new_long, new_short)


def _edge(value, key):
    return value if isinstance(value, int) else value[key]


def resized_rgb(path, config):
    """The uint8 RGB image after convert("RGB") and the resize, as an HxWx3 array."""
    image = Image.open(path)
    image.load()
    if config.get("do_convert_rgb", True):
        image = image.convert("RGB")
    if config.get("do_resize", True):
        size = config["size"]
        edge = size if isinstance(size, int) else size["shortest_edge"]
        target = resize_size(image.width, image.height, edge)
        image = image.resize(target, resample=PIL_FILTERS[config.get("resample", 3)], reducing_gap=None)
    return np.asarray(image, dtype=np.uint8)


def centre_crop(pixels, config):
    if not config.get("do_center_crop", True):
        return pixels
    crop = config["crop_size"]
    crop_h, crop_w = _edge(crop, "height"), _edge(crop, "width")
    height, width = pixels.shape[:2]
    if height < crop_h or width < crop_w:
        raise ValueError("the reference does not pad: resize to at least the crop size")
    top, left = (height - crop_h) // 2, (width - crop_w) // 2
    return pixels[top : top + crop_h, left : left + crop_w]


def pixel_values(path, config):
    """float32 CHW pixel values, and the cropped uint8 HxWx3 pixels they were made from."""
    cropped = centre_crop(resized_rgb(path, config), config)
    values = cropped
    if config.get("do_rescale", True):
        values = (values.astype(np.float64) * config.get("rescale_factor", 1 / 255)).astype(np.float32)
    if config.get("do_normalize", True):
        values = values.astype(np.float32)
        mean = np.array(config["image_mean"], dtype=np.float32)
        std = np.array(config["image_std"], dtype=np.float32)
        values = (values - mean) / std
    return np.ascontiguousarray(values.astype(np.float32).transpose(2, 0, 1)), cropped
