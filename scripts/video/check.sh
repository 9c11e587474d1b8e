#!/usr/bin/env bash
# Checks a video written by `npm run video`: it exists, ffprobe reads it as H.264 of the take's
# size, its duration is within [min, max] seconds, and it is not trivial (not a still picture: the
# picture changes several times, as a take through the editor does).
#
#   scripts/video/check.sh <file.mp4> <min-seconds> <max-seconds>
set -euo pipefail

if [[ $# -ne 3 ]]; then
	echo "usage: $0 <file.mp4> <min-seconds> <max-seconds>" >&2
	exit 2
fi
file=$1 min=$2 max=$3
fail() {
	echo "video check: $file: $*" >&2
	exit 1
}

[[ -s "$file" ]] || fail "missing or empty"
probe=$(ffprobe -v error -select_streams v:0 \
	-show_entries stream=codec_name,width,height,nb_frames:format=duration -of default=nw=1 "$file") ||
	fail "ffprobe cannot read it"
field() { sed -n "s/^$1=//p" <<<"$probe"; }
codec=$(field codec_name) width=$(field width) height=$(field height)
frames=$(field nb_frames) duration=$(field duration)
[[ "$codec" == h264 ]] || fail "codec $codec, expected h264"
[[ "$width" == 1280 && "$height" == 800 ]] || fail "${width}x$height, expected 1280x800"
awk -v d="$duration" -v min="$min" -v max="$max" 'BEGIN { exit !(d >= min && d <= max) }' ||
	fail "lasts $duration s, expected $min to $max s"
((frames > 0)) || fail "no frames"

# Scene changes: frames that differ clearly from the one before (a panel opening, a form, a run).
changes=$(ffmpeg -v error -i "$file" -vf "select='gt(scene,0.02)',metadata=print:file=-" -an -f null - |
	grep -c 'lavfi.scene_score' || true)
((changes >= 5)) || fail "only $changes scene changes: the picture hardly moves"
size=$(stat -c %s "$file")
echo "video check: $file: h264 ${width}x$height, $duration s, $frames frames, $changes scene changes, $((size / 1024)) KiB"
