#!/usr/bin/env bash
# Makes the small media files of tests/fixtures/media/ (run once; the files are committed).
# Needs Debian's ffmpeg (`apt-get install -y ffmpeg`) and the project's venv (Pillow, pillow-heif, pypdf).
# Tests never run ffmpeg: they read the committed files.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/media
mkdir -p "$out"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
# 1 s of a 440 Hz tone; -bitexact and no metadata so the files do not name the encoder's build.
tone=(-f lavfi -i "sine=frequency=440:duration=1:sample_rate=16000")
clean=(-map_metadata -1 -fflags +bitexact -flags:a +bitexact)

ff "${tone[@]}" -ac 1 -ar 8000 -c:a pcm_u8 "${clean[@]}" "$out/sound.wav"
ff "${tone[@]}" -ac 1 -c:a libmp3lame -b:a 32k "${clean[@]}" "$out/sound.mp3"
ff "${tone[@]}" -ac 1 -c:a libvorbis -q:a 0 "${clean[@]}" "$out/sound.ogg"
ff "${tone[@]}" -ac 1 -c:a libopus -b:a 16k "${clean[@]}" "$out/sound.opus"
ff "${tone[@]}" -ac 1 -c:a aac -b:a 24k "${clean[@]}" "$out/sound.m4a"
ff "${tone[@]}" -ac 1 -c:a flac "${clean[@]}" "$out/sound.flac"

# 1 s of a 64x48 test pattern at 10 frames a second, with and without sound.
picture=(-f lavfi -i "testsrc=size=64x48:rate=10:duration=1")
ff "${picture[@]}" "${tone[@]}" -c:v libx264 -preset veryslow -crf 35 -pix_fmt yuv420p -c:a aac -b:a 16k -ac 1 \
   -shortest "${clean[@]}" -flags:v +bitexact "$out/video.mp4"
ff "${picture[@]}" -c:v libx264 -preset veryslow -crf 35 -pix_fmt yuv420p "${clean[@]}" -flags:v +bitexact \
   "$out/video_silent.mp4"
ff "${picture[@]}" "${tone[@]}" -c:v libvpx-vp9 -b:v 20k -c:a libopus -b:a 16k -ac 1 -shortest "${clean[@]}" \
   -flags:v +bitexact "$out/video.webm"
ff "${picture[@]}" -c:v libvpx -b:v 20k "${clean[@]}" -flags:v +bitexact "$out/video_vp8.webm"

.venv/bin/python - "$out" <<'PY'
"""The pictures and the PDF, made with Pillow, pillow-heif and pypdf."""
import sys
from pathlib import Path

import pillow_heif
from PIL import Image, ImageDraw
from pypdf import PdfWriter

out = Path(sys.argv[1])
pillow_heif.register_heif_opener()


def picture(mode="RGB", size=(64, 48)):
    image = Image.new(mode, size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 40, 30), fill="firebrick")
    draw.ellipse((30, 20, 60, 44), fill="navy")
    return image


def camera_exif():
    """A phone's EXIF: make, model, date, orientation, and the fields that must never come out (GPS, serial, owner)."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Villerupt Camera Co", "VC-1", 1
    exif[0x0132] = "2024:05:17 10:30:00"
    exif.get_ifd(0x8769).update({0x9003: "2024:05:17 10:30:00", 0xA431: "SN-123456", 0xA430: "Jeanne Martin"})
    exif.get_ifd(0x8825).update({1: "N", 2: (49.0, 28.0, 12.5), 3: "E", 4: (5.0, 55.0, 40.0)})
    return exif


picture().save(out / "photo.jpg", quality=70, exif=camera_exif(), dpi=(300, 300))
picture("RGBA").save(out / "photo.png", optimize=True)
picture().save(out / "photo.tif", compression="tiff_lzw", dpi=(600, 600))
picture().save(out / "photo.webp", quality=60)
picture().save(out / "photo.heic", quality=50, exif=camera_exif())

writer = PdfWriter()
writer.add_blank_page(width=595, height=842)
writer.add_metadata({"/Title": "Plan de la cité Butte, 1925"})
with open(out / "document.pdf", "wb") as pdf:
    writer.write(pdf)
PY
ls -l "$out"
