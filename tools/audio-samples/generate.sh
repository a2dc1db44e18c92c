#!/usr/bin/env bash
# Regenerates the committed sample audio from the transcripts, deterministically:
#   sample-data/audio-transcripts/<name>.txt  ->  sample-data/audio/<name>.wav   (PCM 16-bit, 16 kHz, mono)
# plus sample-data/audio-other-formats/ (valid audio the job converts) and sample-data/bad-audio/ (dead-lettered).
#
# Needs espeak-ng and sox from Debian (apt-get install espeak-ng sox). CI does not run this: the WAVs are
# committed, and the tests only read them. The same espeak-ng/sox versions give byte-identical files; other
# versions give different bytes (and so different content hashes for the simulator's ground truth), which is why
# the output is committed rather than generated at build time. Made with espeak-ng 1.51, SoX 14.4.2 (Debian 12).
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v espeak-ng >/dev/null || { echo "espeak-ng is missing: apt-get install espeak-ng" >&2; exit 1; }
command -v sox >/dev/null || { echo "sox is missing: apt-get install sox" >&2; exit 1; }

transcripts=sample-data/audio-transcripts
audio=sample-data/audio
other=sample-data/audio-other-formats
bad=sample-data/bad-audio
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$audio" "$other" "$bad"

# Voices and speeds rotate over the files (sorted by name), so the set is not one monotone speaker.
voices=(en-us en-us+f3 en+m3 en-us+f2 en+m7)
speeds=(165 150 170 155 160)

# espeak-ng writes 22050 Hz mono; sox resamples to 16 kHz. -D: no dither, so the output is reproducible.
speak() { # text-file voice speed out.wav rate channels [sox output options...]
    local text=$1 voice=$2 speed=$3 out=$4 rate=$5 channels=$6
    shift 6
    espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" -f "$text"
    sox -D "$tmp/raw.wav" -r "$rate" -c "$channels" -b 16 "$@" "$out"
}

i=0
for text in $(ls "$transcripts"/*.txt | sort); do
    name=$(basename "$text" .txt)
    speak "$text" "${voices[i % ${#voices[@]}]}" "${speeds[i % ${#speeds[@]}]}" "$audio/$name.wav" 16000 1
    printf '%-32s %6.2f s\n' "$name.wav" "$(soxi -D "$audio/$name.wav")"
    i=$((i + 1))
done

# Valid audio in other layouts: the job converts these to 16 kHz mono before recognition.
echo "Please send me a copy of the contract by tomorrow." > "$tmp/other.txt"
speak "$tmp/other.txt" en-us 160 "$other/stereo-44k1.wav" 44100 2
speak "$tmp/other.txt" en+m3 160 "$other/mono-8k.wav" 8000 1

# Inputs the job must dead-letter with a reason.
: > "$bad/empty.wav"
printf 'This is a text file that was saved with a .wav name by mistake.\n' > "$bad/not-audio.wav"
speak "$tmp/other.txt" en-us 160 "$tmp/adpcm-src.wav" 16000 1
sox -D "$tmp/adpcm-src.wav" -e ms-adpcm "$bad/ms-adpcm.wav"                 # compressed WAV the job does not decode
head -c 44 "$audio/short-greeting.wav" > "$bad/header-only.wav"           # a header that promises audio, no samples
echo "done"
