import io

from PIL import Image


def jpeg_bytes(size=(640, 480), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def png_bytes(size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 120, 200, 128)).save(buffer, "PNG")
    return buffer.getvalue()
