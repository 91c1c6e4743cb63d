"""A small PNG reader and writer on Python's standard library (zlib), for
the browser check: count the non-white pixels of a screenshot and cut out
regions of it to look at. Handles 8-bit greyscale, RGB and RGBA without
interlacing, which is what Chromium writes."""

import struct
import zlib

_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def read(path):
    """Returns (width, height, channels, rows), rows being bytearrays of width*channels bytes."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    position, idat = 8, []
    width = height = depth = colour = interlace = None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if depth != 8 or colour not in _CHANNELS or interlace != 0:
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    channels = _CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        elif kind != 0:
            raise ValueError(f"{path}: unknown filter {kind} in row {y}")
        rows.append(line)
        previous = line
    return width, height, channels, rows


def count_non_white(width, channels, rows, threshold=245):
    """Pixels whose colour channels are not all >= threshold (anti-aliasing stays white)."""
    # One translate per row marks dark bytes with 1; OR-ing the channels as
    # big integers and counting bits gives the pixels without a Python loop per pixel.
    table = bytes(1 if value < threshold else 0 for value in range(256))
    colour_channels = 3 if channels >= 3 else 1
    count = 0
    for line in rows:
        marks = line.translate(table)
        combined = 0
        for c in range(colour_channels):
            combined |= int.from_bytes(marks[c::channels], "big")
        count += bin(combined).count("1")
    return count


def write_crop(path, width, channels, rows, left, top, right, bottom):
    """Writes the region [left, right) x [top, bottom) as a new PNG (filter 0)."""
    kinds = {1: 0, 2: 4, 3: 2, 4: 6}
    out_width = right - left
    body = b"".join(b"\x00" + bytes(rows[y][left * channels:right * channels]) for y in range(top, bottom))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", out_width, bottom - top, 8, kinds[channels], 0, 0, 0)
    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(body, 6)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    import sys
    w, h, ch, r = read(sys.argv[1])
    if len(sys.argv) == 7:
        write_crop(sys.argv[2], w, ch, r, *map(int, sys.argv[3:7]))
    else:
        print(w, h, ch, count_non_white(w, ch, r))
